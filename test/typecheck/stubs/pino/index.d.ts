// Minimal, hand-written type stub of `pino`: the factory and the logger's call forms (fields first, then the message).

declare function pino(options?: pino.LoggerOptions): pino.Logger;

declare namespace pino {
  interface LoggerOptions {
    level?: string;
    name?: string;
  }
  interface LogFn {
    (obj: unknown, msg?: string, ...args: any[]): void;
    (msg: string, ...args: any[]): void;
  }
  interface Logger {
    level: string;
    trace: LogFn;
    debug: LogFn;
    info: LogFn;
    warn: LogFn;
    error: LogFn;
    fatal: LogFn;
    child(bindings: Record<string, unknown>): Logger;
  }
}

export default pino;
export { pino };
export type Logger = pino.Logger;
