import type { ChargingStateEnumType, MeterValueType } from '../messages/index.js';
import type { ChargeControllerFault } from '../ports/charge-controller.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { EvseManagerChargePoint } from './charge-point-surface.js';
import { chargingStateOf, type ChargingStateFacts } from './charging-state.js';

/** What an EvseReporter needs. */
export interface EvseReporterDeps {
  logger: LoggerPort;
  evseId: number;
  connectorId: number;
  chargePoint: () => EvseManagerChargePoint | undefined;
}

/**
 * Tells the ChargePoint what happened on one EVSE, each change once: session start (implies EVConnected) and end
 * (implies Idle), Faulted and its clearing, charging state changes, lock failures, meter values. A ChargePoint
 * handler that throws is logged, so a bug there never breaks the hardware's event loop.
 */
export class EvseReporter {
  private state: ChargingStateEnumType = 'Idle';
  private faultedReported = false;

  constructor(private readonly deps: EvseReporterDeps) {}

  sessionStarted(): void {
    this.state = 'EVConnected';
    this.deps.logger.info({}, 'EV plugged in');
    this.tell('onSessionStarted', (cp) => cp.onSessionStarted(this.deps.evseId, this.deps.connectorId));
  }

  sessionFinished(side: 'ev' | 'station'): void {
    this.state = 'Idle';
    this.deps.logger.info({ side }, 'EV unplugged');
    this.tell('onSessionFinished', (cp) => cp.onSessionFinished(this.deps.evseId, this.deps.connectorId, side));
  }

  /** Reports Faulted when the first fault appears and its clearing when the last one goes. */
  faulted(faulted: boolean, faults: readonly ChargeControllerFault[]): void {
    if (faulted === this.faultedReported) return;
    this.faultedReported = faulted;
    this.deps.logger[faulted ? 'error' : 'info']({ faults }, faulted ? 'EVSE faulted: energy withdrawn' : 'EVSE fault cleared');
    this.tell(faulted ? 'onFaulted' : 'onFaultCleared', (cp) =>
      faulted ? cp.onFaulted(this.deps.evseId, this.deps.connectorId) : cp.onFaultCleared(this.deps.evseId, this.deps.connectorId),
    );
  }

  chargingState(facts: ChargingStateFacts): void {
    const state = chargingStateOf(facts);
    if (state === this.state) return;
    this.state = state;
    this.deps.logger.debug({ chargingState: state }, 'Charging state changed');
    this.tell('onChargingStateChanged', (cp) => cp.onChargingStateChanged(this.deps.evseId, state));
  }

  lockFailure(techInfo: string): void {
    this.tell('onLockFailure', (cp) => cp.onLockFailure(this.deps.evseId, this.deps.connectorId, techInfo));
  }

  meterValue(meterValue: MeterValueType): void {
    this.tell('onMeterValue', (cp) => cp.onMeterValue(this.deps.evseId, meterValue));
  }

  private tell(handler: keyof EvseManagerChargePoint, call: (chargePoint: EvseManagerChargePoint) => void): void {
    const chargePoint = this.deps.chargePoint();
    if (chargePoint === undefined) return;
    try {
      call(chargePoint);
    } catch (error) {
      this.deps.logger.error({ handler, err: error }, 'ChargePoint handler threw');
    }
  }
}
