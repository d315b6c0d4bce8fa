// Minimal, hand-written type stub of `h3` (the HTTP layer of Nitro and Nuxt's server routes).

export interface H3Event {
  readonly path: string;
  readonly method: string;
  context: Record<string, unknown>;
}

export type EventHandler<T = unknown> = (event: H3Event) => T | Promise<T>;
export type LazyEventHandler = () => EventHandler | Promise<EventHandler>;

export declare function defineEventHandler<T>(handler: EventHandler<T>): EventHandler<T>;
export declare function eventHandler<T>(handler: EventHandler<T>): EventHandler<T>;
export declare function defineLazyEventHandler(factory: LazyEventHandler): EventHandler;
export declare function lazyEventHandler(factory: LazyEventHandler): EventHandler;
export declare function readBody<T = any>(event: H3Event): Promise<T>;
