// Minimal, hand-written type stub of `nestjs-pino`: the injectable pino logger (pino's call forms) and Nest's.
import type { LoggerService } from '@nestjs/common';

interface LogFn {
  (obj: unknown, msg?: string, ...args: any[]): void;
  (msg: string, ...args: any[]): void;
}

export declare class PinoLogger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  setContext(value: string): void;
}

/** Nest's LoggerService over pino: an object message becomes the line's fields, the last extra argument its context. */
export declare class Logger implements LoggerService {
  log(message: any, ...optionalParams: any[]): void;
  error(message: any, ...optionalParams: any[]): void;
  warn(message: any, ...optionalParams: any[]): void;
  debug(message: any, ...optionalParams: any[]): void;
  verbose(message: any, ...optionalParams: any[]): void;
  fatal(message: any, ...optionalParams: any[]): void;
}

export declare function InjectPinoLogger(context?: string): ParameterDecorator;
