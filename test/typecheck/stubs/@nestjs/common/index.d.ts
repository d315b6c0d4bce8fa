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
