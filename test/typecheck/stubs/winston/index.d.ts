// Minimal, hand-written type stub of `winston`: `createLogger` and the leveled methods (message, then metadata).

export interface LeveledLogMethod {
  (message: string, ...meta: any[]): Logger;
  (message: any): Logger;
}

export interface Logger {
  /** The level comes first: `log('info', message, meta)`. */
  log(level: string, message: string, ...meta: any[]): Logger;
  error: LeveledLogMethod;
  warn: LeveledLogMethod;
  info: LeveledLogMethod;
  debug: LeveledLogMethod;
  child(options: Record<string, unknown>): Logger;
}

export declare function createLogger(options?: { level?: string; defaultMeta?: Record<string, unknown> }): Logger;
