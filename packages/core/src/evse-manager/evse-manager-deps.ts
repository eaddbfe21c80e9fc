import type { ChargeControllerPort } from '../ports/charge-controller.port.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { ConnectorLockPort } from '../ports/connector-lock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { PowerMeterPort } from '../ports/power-meter.port.js';
import type { TokenReaderPort } from '../ports/token-reader.port.js';

/** The hardware of one EVSE (one connector for now; connectorId names it so a second can be added later). */
export interface EvseHardware {
  /** OCPP evseId, 1 or more, unique in the station. */
  evseId: number;
  /** OCPP connectorId within the EVSE; default 1. */
  connectorId?: number;
  controller: ChargeControllerPort;
  /** The plug retention lock; none for a tethered cable (or a controller that drives its own lock). */
  lock?: ConnectorLockPort;
  /** The EVSE's own meter, polled into onMeterValue(evseId). */
  meter?: PowerMeterPort;
  /** A reader at this EVSE: its tokens are presented for this evseId. */
  tokenReader?: TokenReaderPort;
  /** The installation's maximum current per phase for this EVSE, A (the breaker and the supply cable). */
  maxCurrentA: number;
  /** The cable is fixed to the station: an unplug is always at the EV side (E09/E10). */
  tethered?: boolean;
}

/** Tunables of the evse-manager, all optional. */
export interface EvseManagerOptions {
  /** Seconds between meter reads; default 10. */
  meterIntervalS?: number;
  /** Lock as soon as an EV is plugged in rather than once the session is authorized; default false. */
  lockOnPlugIn?: boolean;
  /** Seconds before a failed controller command (dead controller) is tried again; default 10. */
  commandRetryS?: number;
  /** Seconds an UnlockConnector waits for the contactor to open before answering UnlockFailed; default 5. */
  unlockWaitS?: number;
}

/** What the EvseManager needs (DESIGN rule 3: one named deps object). */
export interface EvseManagerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  evses: readonly EvseHardware[];
  /** The station's main meter, reported as evseId 0. */
  mainMeter?: PowerMeterPort;
  /** A station-wide reader: its tokens are presented without an evseId (the ChargePoint picks the EVSE). */
  tokenReader?: TokenReaderPort;
  options?: EvseManagerOptions;
}

/** Raised at construction when the evse-manager is configured wrongly. */
export class EvseManagerConfigError extends Error {
  override readonly name = 'EvseManagerConfigError';
}

/** Checks the EVSE list: ids unique and >= 1, positive maximum currents, positive intervals; names every problem. */
export function validateEvseManagerDeps(deps: EvseManagerDeps): void {
  const problems: string[] = [];
  const seen = new Set<number>();
  if (deps.evses.length === 0) problems.push('no EVSE given');
  for (const evse of deps.evses) {
    if (!Number.isInteger(evse.evseId) || evse.evseId < 1) problems.push(`evseId ${String(evse.evseId)} is not an integer >= 1`);
    else if (seen.has(evse.evseId)) problems.push(`evseId ${evse.evseId} appears twice`);
    seen.add(evse.evseId);
    if (evse.connectorId !== undefined && (!Number.isInteger(evse.connectorId) || evse.connectorId < 1)) {
      problems.push(`EVSE ${evse.evseId}: connectorId ${String(evse.connectorId)} is not an integer >= 1`);
    }
    if (!(evse.maxCurrentA > 0)) problems.push(`EVSE ${evse.evseId}: maxCurrentA must be > 0 (got ${String(evse.maxCurrentA)})`);
  }
  const options = deps.options ?? {};
  for (const name of ['meterIntervalS', 'commandRetryS', 'unlockWaitS'] as const) {
    const value = options[name];
    if (value !== undefined && !(value > 0)) problems.push(`options.${name} must be > 0 (got ${String(value)})`);
  }
  if (problems.length > 0) throw new EvseManagerConfigError(`evse-manager: ${problems.join('; ')}`);
}
