// Minimal, hand-written type stub of `hono`.

export interface HonoRequest {
  readonly raw: Request;
  readonly url: string;
  readonly method: string;
  readonly path: string;
  param(key: string): string | undefined;
  query(key: string): string | undefined;
  header(name: string): string | undefined;
  json<T = any>(): Promise<T>;
  text(): Promise<string>;
  parseBody(): Promise<Record<string, string | File>>;
}

export interface Context {
  req: HonoRequest;
  json(object: unknown, status?: number, headers?: Record<string, string>): Response;
  text(text: string, status?: number, headers?: Record<string, string>): Response;
  body(data: BodyInit | null, status?: number, headers?: Record<string, string>): Response;
  header(name: string, value: string): void;
  status(status: number): void;
}

export type Next = () => Promise<void>;
export type Handler = (c: Context, next: Next) => Response | Promise<Response | void>;

export declare class Hono {
  constructor(options?: { strict?: boolean });
  get(path: string, ...handlers: Handler[]): this;
  post(path: string, ...handlers: Handler[]): this;
  put(path: string, ...handlers: Handler[]): this;
  delete(path: string, ...handlers: Handler[]): this;
  use(path: string, ...handlers: Handler[]): this;
  route(path: string, app: Hono): this;
  fetch(request: Request, env?: unknown, executionCtx?: unknown): Response | Promise<Response>;
}
