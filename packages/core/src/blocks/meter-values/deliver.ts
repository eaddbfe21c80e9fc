import type { LoggerPort } from '../../ports/logger.port.js';
import type { Delivery } from './transaction-meter-values.js';

/** Hands `value` to a station callback so that neither a throw nor a rejected promise stops a metering timer. */
export function deliver<T>(logger: LoggerPort, what: string, target: Delivery<T>, value: T): void {
  const failed = (error: unknown): void => logger.error({ err: error }, `meter values: delivering ${what} failed`);
  try {
    const result = target(value);
    if (result instanceof Promise) result.catch(failed);
  } catch (error) {
    failed(error);
  }
}
