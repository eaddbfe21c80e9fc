import type { MeterValueType, TriggerReasonEnumType } from '../../messages/index.js';

/**
 * J01/J02: meter values for a transaction's TransactionEvent(Updated): clock-aligned ones with triggerReason
 * MeterValueClock, sampled ones (TxUpdatedInterval) with MeterValuePeriodic.
 */
export interface TransactionMeterValues {
  evseId: number;
  transactionId: string;
  triggerReason: Extract<TriggerReasonEnumType, 'MeterValueClock' | 'MeterValuePeriodic'>;
  /** At least one MeterValue, each with at least one sampledValue. */
  meterValue: MeterValueType[];
}

/** Where the block hands its output: the caller may answer with a promise, whose failure is only logged. */
export type Delivery<T> = (value: T) => void | Promise<unknown>;
