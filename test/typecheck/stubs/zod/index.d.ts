// Minimal, hand-written type stub of `zod` for the fixtures: schemas that validate rows and hand them back typed.

export interface ZodType<T> {
  parse(data: unknown): T;
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: Error };
}

export declare const z: {
  string(): ZodType<string>;
  number(): ZodType<number>;
  enum<const T extends readonly [string, ...string[]]>(values: T): ZodType<T[number]>;
  object<S extends Record<string, ZodType<unknown>>>(shape: S): ZodType<{ [K in keyof S]: S[K] extends ZodType<infer V> ? V : never }>;
  array<T>(item: ZodType<T>): ZodType<T[]>;
};
