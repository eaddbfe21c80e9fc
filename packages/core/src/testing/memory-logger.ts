import type { LogFields, LoggerPort } from '../ports/logger.port.js';

/** One captured log line. */
export interface LogEntry {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A logger that keeps every line in memory so tests can assert on logs (and on the absence of secrets). */
export class MemoryLogger implements LoggerPort {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly bindings: LogFields = {},
  ) {}

  trace = (fields: LogFields, message: string): void => this.push('trace', fields, message);
  debug = (fields: LogFields, message: string): void => this.push('debug', fields, message);
  info = (fields: LogFields, message: string): void => this.push('info', fields, message);
  warn = (fields: LogFields, message: string): void => this.push('warn', fields, message);
  error = (fields: LogFields, message: string): void => this.push('error', fields, message);

  child(bindings: LogFields): LoggerPort {
    return new MemoryLogger(this.entries, { ...this.bindings, ...bindings });
  }

  /** Every line serialized as JSON text, for searching. */
  text(): string {
    return this.entries.map((e) => JSON.stringify(e, (_k, v: unknown) => (v instanceof Error ? { message: v.message, name: v.name } : v))).join('\n');
  }

  private push(level: LogEntry['level'], fields: LogFields, message: string): void {
    this.entries.push({ level, message, fields: { ...this.bindings, ...fields } });
  }
}

/** A logger that drops everything (re-exported here for tests). */
export { silentLogger } from '../logging/silent-logger.js';
