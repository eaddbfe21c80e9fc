import type { LoggerPort } from '../ports/logger.port.js';

/** A logger that drops everything (benchmarks, embedders that log elsewhere). */
export const silentLogger: LoggerPort = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
