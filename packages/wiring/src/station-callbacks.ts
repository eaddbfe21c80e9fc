import type { ChargePointCallbacks, EvseManagerCallbacks, LoggerPort } from '@evstation/core';
import type { ObservedCallback, StationObserver } from './station-host-deps.js';

type Listener = (...args: never[]) => void;

/** Calls `first`, then `second` (an observer: its exceptions are logged, never thrown into the ChargePoint). */
function chain(name: string, logger: LoggerPort, first: Listener | undefined, second: Listener | undefined): Listener | undefined {
  if (second === undefined) return first;
  const observed: Listener = (...args) => {
    try {
      second(...args);
    } catch (error) {
      logger.warn({ err: error, callback: name }, 'Station observer threw; ignored');
    }
  };
  if (first === undefined) return observed;
  return (...args) => {
    try {
      first(...args);
    } finally {
      observed(...args);
    }
  };
}

/**
 * The ChargePoint callbacks of one boot (DESIGN 3.2): the evse-manager's (hardware), the host's reset pair, and the
 * app's observer listening beside them.
 */
export function stationCallbacks(
  manager: EvseManagerCallbacks,
  reset: Pick<ChargePointCallbacks, 'isResetAllowed' | 'reset'>,
  observer: StationObserver,
  logger: LoggerPort,
): ChargePointCallbacks {
  const callbacks: ChargePointCallbacks = { ...manager, ...reset };
  const record = callbacks as unknown as Record<string, Listener | undefined>;
  const managerRecord = manager as unknown as Record<string, Listener | undefined>;
  for (const [name, listener] of Object.entries(observer) as [ObservedCallback, Listener | undefined][]) {
    record[name] = chain(name, logger, managerRecord[name], listener);
  }
  return callbacks;
}
