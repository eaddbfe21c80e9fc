import type { MeterValueType, ReasonEnumType } from '../../messages/index.js';
import type { TransactionRecord } from '../../ports/storage/transaction-store.port.js';

/** What to do with the transactions a restart finds open (reliability §2.4). */
export interface RecoverOptions {
  /** Resume them (libocpp ResumeTransactionsOnBoot) instead of ending them; 2.0.1 has no resume event, none is sent. */
  resume?: boolean;
  /** stoppedReason of the Ended events: PowerLoss (default), or Reboot after a local reset. */
  stoppedReason?: Extract<ReasonEnumType, 'PowerLoss' | 'Reboot'>;
}

/** The meterValue of the Ended after a power loss: the last stored reading, as Transaction.End. */
export function powerLossMeterValue(record: TransactionRecord): MeterValueType[] {
  const last = record.lastMeterValue;
  if (last === undefined) return [];
  return [{ ...last, sampledValue: last.sampledValue.map((sample) => ({ ...sample, context: 'Transaction.End' })) }];
}
