// Minimal, hand-written type stub of `@nestjs/common`: the provider decorators and the logger.

export declare function Injectable(options?: { scope?: unknown }): ClassDecorator;

/** Injects the provider registered under `token` (a custom provider's `provide`) into a constructor parameter. */
export declare function Inject(token?: unknown): ParameterDecorator & PropertyDecorator;

export interface LoggerService {
  log(message: any, ...optionalParams: any[]): any;
  error(message: any, ...optionalParams: any[]): any;
  warn(message: any, ...optionalParams: any[]): any;
  debug?(message: any, ...optionalParams: any[]): any;
  verbose?(message: any, ...optionalParams: any[]): any;
  fatal?(message: any, ...optionalParams: any[]): any;
}

/** Logs through the application's logger (`app.useLogger(…)`), by default a ConsoleLogger; `context` names the source. */
export declare class Logger implements LoggerService {
  constructor(context?: string, options?: { timestamp?: boolean });
  log(message: any, ...optionalParams: any[]): void;
  error(message: any, ...optionalParams: any[]): void;
  warn(message: any, ...optionalParams: any[]): void;
  debug(message: any, ...optionalParams: any[]): void;
  verbose(message: any, ...optionalParams: any[]): void;
  fatal(message: any, ...optionalParams: any[]): void;
  static log(message: any, ...optionalParams: any[]): void;
  static error(message: any, ...optionalParams: any[]): void;
  static warn(message: any, ...optionalParams: any[]): void;
}

/** Marks a class as a controller whose routes are mounted under `prefix`. */
export declare function Controller(prefix?: string): ClassDecorator;
/** Route method decorators: the method answers requests to `path` under the controller's prefix. */
export declare function Get(path?: string): MethodDecorator;
export declare function Post(path?: string): MethodDecorator;
/** A server-sent events route: the method's Observable is streamed to the client. */
export declare function Sse(path?: string): MethodDecorator;
/** Binds a route handler parameter to the request body (or one of its properties). */
export declare function Body(property?: string): ParameterDecorator;

/** A provider hook Nest calls once, after the module's dependencies are resolved. */
export interface OnModuleInit {
  onModuleInit(): any;
}
