/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** One log method: fields first, then the message (pino's argument order, so pino fits directly). */
export type LogMethod = (fields: LogFields, message: string) => void;

/** Logging as core sees it; apps plug pino in. Secrets are never passed to it. */
export interface LoggerPort {
  /** Frame-level detail. */
  trace: LogMethod;
  /** Diagnostic detail. */
  debug: LogMethod;
  /** Normal operation. */
  info: LogMethod;
  /** Something unexpected that the stack handled. */
  warn: LogMethod;
  /** Something failed. */
  error: LogMethod;
  /** A logger that adds `bindings` to every line. */
  child(bindings: LogFields): LoggerPort;
}
