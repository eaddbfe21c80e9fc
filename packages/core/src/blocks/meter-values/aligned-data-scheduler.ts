import type { DeviceModel } from '../../device-model/index.js';
import type { MeterValuesRequest } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import { ClockAlignedTimer } from './clock-aligned-timer.js';
import { deliver } from './deliver.js';
import type { MeterValueStore } from './meter-value-store.js';
import { selectMeterValues } from './select-measurands.js';
import type { Delivery, TransactionMeterValues } from './transaction-meter-values.js';

/** What the clock-aligned scheduler reads and where it sends. */
export interface AlignedDataSchedulerDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: Pick<DeviceModel, 'get' | 'onVariableChanged'>;
  store: MeterValueStore;
  /** J01.FR.14: values of an EVSE without transaction, or of the main meter (EVSE 0), to send as MeterValues. */
  sendMeterValues: Delivery<MeterValuesRequest>;
  /** J01/J02 (TC_J_02): values of an EVSE with a transaction, to send as TransactionEvent(Updated, MeterValueClock). */
  sendTransactionMeterValues: Delivery<TransactionMeterValues>;
}

/**
 * J01 clock-aligned meter values: at every instant aligned to midnight UTC by AlignedDataCtrlr.Interval, the latest
 * readings filtered to AlignedDataCtrlr.Measurands (context Sample.Clock) go out as MeterValues for idle EVSEs and
 * the main meter, and into TransactionEvent(Updated, MeterValueClock) for EVSEs with a transaction; with
 * SendDuringIdle true nothing goes out while any transaction runs (J01.FR.20, TC_J_06). At every
 * AlignedDataCtrlr.TxEndedInterval instant the AlignedDataCtrlr.TxEndedMeasurands are kept for Ended (TC_J_03).
 * Interval 0 switches either off; AlignedDataCtrlr.Enabled false silences both.
 */
export class AlignedDataScheduler {
  private readonly logger: LoggerPort;
  private readonly intervalTimer: ClockAlignedTimer;
  private readonly txEndedTimer: ClockAlignedTimer;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: AlignedDataSchedulerDeps) {
    this.logger = deps.logger.child({ component: 'AlignedDataScheduler' });
    const model = deps.deviceModel;
    this.intervalTimer = new ClockAlignedTimer(deps.clock, () => model.get('AlignedDataCtrlr', 'Interval') ?? 0, () => this.guarded(() => this.sendAligned()));
    this.txEndedTimer = new ClockAlignedTimer(deps.clock, () => model.get('AlignedDataCtrlr', 'TxEndedInterval') ?? 0, () => this.guarded(() => this.keepTxEnded()));
  }

  /** Starts both timers and follows changes of AlignedDataCtrlr.Interval and TxEndedInterval; a second call does nothing. */
  start(): void {
    if (this.unsubscribe !== undefined) return;
    this.unsubscribe = this.deps.deviceModel.onVariableChanged((change) => {
      if (change.component.name === 'AlignedDataCtrlr' && (change.variable.name === 'Interval' || change.variable.name === 'TxEndedInterval')) this.reschedule();
    });
    this.intervalTimer.arm();
    this.txEndedTimer.arm();
  }

  /** Re-reads both intervals and re-aligns to the wall clock: call after the clock was set (time sync). No-op when stopped. */
  reschedule(): void {
    if (this.unsubscribe === undefined) return;
    this.intervalTimer.arm();
    this.txEndedTimer.arm();
  }

  /** Stops both timers and the variable subscription. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.intervalTimer.cancel();
    this.txEndedTimer.cancel();
  }

  private sendAligned(): void {
    const { deviceModel, store } = this.deps;
    if (deviceModel.get('AlignedDataCtrlr', 'Enabled') === false) return;
    if (deviceModel.get('AlignedDataCtrlr', 'SendDuringIdle') === true && store.hasTransaction()) return;
    const measurands = deviceModel.get('AlignedDataCtrlr', 'Measurands');
    for (const evseId of store.evseIds()) {
      const meterValue = selectMeterValues(store.latest(evseId), measurands, 'Sample.Clock');
      if (meterValue.length === 0) continue;
      const transactionId = store.transactionOn(evseId);
      if (transactionId === undefined) deliver(this.logger, 'MeterValues', this.deps.sendMeterValues, { evseId, meterValue });
      else deliver(this.logger, 'clock-aligned transaction meter values', this.deps.sendTransactionMeterValues, { evseId, transactionId, triggerReason: 'MeterValueClock', meterValue });
    }
  }

  private keepTxEnded(): void {
    const { deviceModel, store } = this.deps;
    if (deviceModel.get('AlignedDataCtrlr', 'Enabled') === false) return;
    const measurands = deviceModel.get('AlignedDataCtrlr', 'TxEndedMeasurands');
    for (const evseId of store.transactionEvseIds()) {
      store.appendTxEndedReadings(evseId, selectMeterValues(store.latest(evseId), measurands, 'Sample.Clock'));
    }
  }

  private guarded(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.logger.error({ err: error }, 'clock-aligned meter values tick failed');
    }
  }
}
