// Minimal, hand-written type stub of `redis` (node-redis v4/v5 client API).

export interface RedisClientOptions {
  url?: string;
  username?: string;
  password?: string;
  database?: number;
  name?: string;
  socket?: { host?: string; port?: number; tls?: boolean; connectTimeout?: number };
}

export interface RedisClientType {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<RedisClientType>;
  quit(): Promise<string>;
  on(event: 'error' | 'connect' | 'ready' | 'end', listener: (...args: any[]) => void): this;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { EX?: number; PX?: number; NX?: boolean; XX?: boolean }): Promise<string | null>;
  del(keys: string | string[]): Promise<number>;
  expire(key: string, seconds: number): Promise<boolean | number>;
  /** Elements `start`..`stop` (inclusive; negative counts from the end). */
  lRange(key: string, start: number, stop: number): Promise<string[]>;
  lPush(key: string, elements: string | string[]): Promise<number>;
  rPush(key: string, elements: string | string[]): Promise<number>;
  lTrim(key: string, start: number, stop: number): Promise<string>;
  lLen(key: string): Promise<number>;
}

export declare function createClient(options?: RedisClientOptions): RedisClientType;
