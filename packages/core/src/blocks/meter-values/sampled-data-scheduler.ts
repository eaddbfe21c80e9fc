import type { DeviceModel } from '../../device-model/index.js';
import type { MeterValueType, ReadingContextEnumType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import { deliver } from './deliver.js';
import type { MeterValueStore } from './meter-value-store.js';
import { PeriodicTimer } from './periodic-timer.js';
import { selectMeterValues, type SelectOptions } from './select-measurands.js';
import type { Delivery, TransactionMeterValues } from './transaction-meter-values.js';

/** What the sampled-data scheduler reads and where it sends. */
export interface SampledDataSchedulerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: Pick<DeviceModel, 'get' | 'onVariableChanged'>;
  store: MeterValueStore;
  /** J02 (TC_J_09): TxUpdatedInterval values, to send as TransactionEvent(Updated, MeterValuePeriodic). */
  sendTransactionMeterValues: Delivery<TransactionMeterValues>;
}

type SampledMeasurands = 'TxStartedMeasurands' | 'TxUpdatedMeasurands' | 'TxEndedMeasurands';

/** The two timers of one transaction. */
interface Metering {
  updated: PeriodicTimer;
  ended: PeriodicTimer;
}

/**
 * J02 sampled meter values per transaction: Started values (TxStartedMeasurands, Transaction.Begin); every
 * SampledDataCtrlr.TxUpdatedInterval s from the start, Updated values (TxUpdatedMeasurands, Sample.Periodic); every
 * TxEndedInterval s, TxEndedMeasurands kept for Ended together with the Transaction.Begin and Transaction.End values.
 * An interval of 0 switches its timer off; SampledDataCtrlr.Enabled false silences all sampled data.
 */
export class SampledDataScheduler {
  private readonly logger: LoggerPort;
  private readonly metering = new Map<number, Metering>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: SampledDataSchedulerDeps) {
    this.logger = deps.logger.child({ component: 'SampledDataScheduler' });
    this.unsubscribe = deps.deviceModel.onVariableChanged((change) => {
      if (change.component.name === 'SampledDataCtrlr' && (change.variable.name === 'TxUpdatedInterval' || change.variable.name === 'TxEndedInterval')) this.reschedule();
    });
  }

  /**
   * J02 (TC_J_07; TC_J_08 when the EVSE becomes known after the start): the meterValue of TransactionEvent(Started):
   * latest readings, TxStartedMeasurands, context Transaction.Begin; [] when there is nothing to report.
   */
  startedValues(evseId: number): MeterValueType[] {
    return this.sample(evseId, 'TxStartedMeasurands', 'Transaction.Begin');
  }

  /** J02: starts metering a transaction on an EVSE (>= 1): keeps its Transaction.Begin values for Ended and starts both intervals from now. */
  startTransaction(evseId: number, transactionId: string): void {
    const { clock, deviceModel, store } = this.deps;
    store.beginTransaction(evseId, transactionId);
    this.metering.get(evseId)?.updated.cancel();
    this.metering.get(evseId)?.ended.cancel();
    store.appendTxEndedReadings(evseId, this.sample(evseId, 'TxEndedMeasurands', 'Transaction.Begin'));
    const anchorMs = clock.monotonicMs();
    const metering: Metering = {
      updated: new PeriodicTimer(clock, anchorMs, () => deviceModel.get('SampledDataCtrlr', 'TxUpdatedInterval') ?? 0, () => this.guarded(() => this.sendUpdated(evseId, transactionId))),
      ended: new PeriodicTimer(clock, anchorMs, () => deviceModel.get('SampledDataCtrlr', 'TxEndedInterval') ?? 0, () => this.guarded(() => this.keepTxEnded(evseId))),
    };
    this.metering.set(evseId, metering);
    metering.updated.arm();
    metering.ended.arm();
  }

  /**
   * J02 (TC_J_10, TC_J_03): stops the EVSE's transaction metering and returns the meterValue of TransactionEvent(Ended):
   * Transaction.Begin, the TxEndedInterval (Sample.Periodic) and AlignedDataCtrlr.TxEndedInterval (Sample.Clock)
   * readings and Transaction.End, oldest first. `meterStop`, the final reading, is recorded first. [] when none.
   */
  stopTransaction(evseId: number, meterStop?: MeterValueType): MeterValueType[] {
    const { store } = this.deps;
    const metering = this.metering.get(evseId);
    metering?.updated.cancel();
    metering?.ended.cancel();
    this.metering.delete(evseId);
    if (store.transactionOn(evseId) === undefined) return [];
    if (meterStop !== undefined) store.onMeterValue(evseId, meterStop);
    store.appendTxEndedReadings(evseId, this.sample(evseId, 'TxEndedMeasurands', 'Transaction.End'));
    return store.endTransaction(evseId);
  }

  /** Re-reads TxUpdatedInterval and TxEndedInterval for every running transaction, still counted from its start. */
  reschedule(): void {
    for (const { updated, ended } of this.metering.values()) {
      updated.arm();
      ended.arm();
    }
  }

  /** Stops every timer and the variable subscription (station shutdown); the store keeps its transactions. */
  dispose(): void {
    this.unsubscribe();
    for (const { updated, ended } of this.metering.values()) {
      updated.cancel();
      ended.cancel();
    }
    this.metering.clear();
  }

  private sendUpdated(evseId: number, transactionId: string): void {
    const meterValue = this.sample(evseId, 'TxUpdatedMeasurands', 'Sample.Periodic');
    if (meterValue.length === 0) return;
    deliver(this.logger, 'sampled transaction meter values', this.deps.sendTransactionMeterValues, { evseId, transactionId, triggerReason: 'MeterValuePeriodic', meterValue });
  }

  private keepTxEnded(evseId: number): void {
    this.deps.store.appendTxEndedReadings(evseId, this.sample(evseId, 'TxEndedMeasurands', 'Sample.Periodic'));
  }

  /** The EVSE's latest readings filtered by one SampledDataCtrlr measurands list; [] when sampled data is disabled. */
  private sample(evseId: number, list: SampledMeasurands, context: ReadingContextEnumType): MeterValueType[] {
    const { deviceModel, store } = this.deps;
    if (deviceModel.get('SampledDataCtrlr', 'Enabled') === false) return [];
    const options: SelectOptions = { registerValuesWithoutPhases: deviceModel.get('SampledDataCtrlr', 'RegisterValuesWithoutPhases') === true };
    return selectMeterValues(store.latest(evseId), deviceModel.get('SampledDataCtrlr', list), context, options);
  }

  private guarded(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.logger.error({ err: error }, 'sampled meter values tick failed');
    }
  }
}
