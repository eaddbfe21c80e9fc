import type { MeterValueType, SampledValueType } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import { DEFAULT_MEASURAND } from './select-measurands.js';

/** One latest reading: the sampled value and the time it was sampled. */
interface Reading {
  timestamp: string;
  sampledValue: SampledValueType;
}

/** The metering state of one transaction: its id and the readings kept for TransactionEvent(Ended). */
interface TransactionLog {
  transactionId: string;
  /** Transaction.Begin and Transaction.End readings (always kept) and the samples kept, oldest first. */
  readings: MeterValueType[];
  /** Samples (Sample.Periodic, Sample.Clock) offered so far; the n-th (from 0) is kept when n is a multiple of `stride`. */
  offered: number;
  /** 1 until the cap is reached; each thinning doubles it, so the samples kept stay evenly spread over the transaction. */
  stride: number;
}

/** Transaction.Begin and Transaction.End readings frame the transaction: they are never thinned out. */
function isBoundary(meterValue: MeterValueType): boolean {
  return meterValue.sampledValue.some((sv) => sv.context === 'Transaction.Begin' || sv.context === 'Transaction.End');
}

/** Most readings kept for one transaction's Ended event (a day at TxEndedInterval 180 s). */
const DEFAULT_MAX_TX_ENDED_READINGS = 480;

/**
 * J01/J02: what the station measured, in memory: per EVSE (0 = main meter) the latest sampled value per
 * (measurand, phase, location), the transaction running on each EVSE and the readings kept for its Ended event.
 */
export class MeterValueStore {
  private readonly logger: LoggerPort;
  private readonly latestByEvse = new Map<number, Map<string, Reading>>();
  private readonly transactions = new Map<number, TransactionLog>();

  private readonly maxTxEndedReadings: number;

  constructor(deps: { logger: LoggerPort; maxTxEndedReadings?: number }) {
    this.maxTxEndedReadings = Math.max(2, deps.maxTxEndedReadings ?? DEFAULT_MAX_TX_ENDED_READINGS);
    this.logger = deps.logger.child({ component: 'MeterValueStore' });
  }

  /** The station reports a meter value (libocpp on_meter_value); signedMeterValue is kept as given. Bad input is dropped with a warning. */
  onMeterValue(evseId: number, meterValue: MeterValueType): void {
    if (!Number.isInteger(evseId) || evseId < 0) {
      this.logger.warn({ evseId }, 'meter value for an invalid EVSE id dropped');
      return;
    }
    const time = Date.parse(meterValue.timestamp);
    if (Number.isNaN(time)) {
      this.logger.warn({ evseId, timestamp: meterValue.timestamp }, 'meter value with an invalid timestamp dropped');
      return;
    }
    const timestamp = new Date(time).toISOString();
    let latest = this.latestByEvse.get(evseId);
    for (const sv of meterValue.sampledValue) {
      // JSON has no NaN/Infinity: such a value would break the schema of every message it went into.
      if (!Number.isFinite(sv.value)) {
        this.logger.warn({ evseId, measurand: sv.measurand ?? DEFAULT_MEASURAND }, 'non-finite sampled value dropped');
        continue;
      }
      if (latest === undefined) this.latestByEvse.set(evseId, (latest = new Map<string, Reading>()));
      latest.set(readingKey(sv), { timestamp, sampledValue: copySampledValue(sv) });
    }
  }

  /** The latest readings of an EVSE as meter values, one per sample time, oldest first; [] when nothing was reported. */
  latest(evseId: number): MeterValueType[] {
    const byTime = new Map<string, SampledValueType[]>();
    for (const { timestamp, sampledValue } of this.latestByEvse.get(evseId)?.values() ?? []) {
      const group = byTime.get(timestamp);
      if (group === undefined) byTime.set(timestamp, [copySampledValue(sampledValue)]);
      else group.push(copySampledValue(sampledValue));
    }
    return [...byTime.entries()].sort(([a], [b]) => Date.parse(a) - Date.parse(b)).map(([timestamp, sampledValue]) => ({ timestamp, sampledValue }));
  }

  /** The EVSEs (0 = main meter) that reported at least one reading, ascending. */
  evseIds(): number[] {
    return [...this.latestByEvse.keys()].sort((a, b) => a - b);
  }

  /** J02: a transaction starts metering on an EVSE (> 0); one that was still open there is forgotten. */
  beginTransaction(evseId: number, transactionId: string): void {
    if (!Number.isInteger(evseId) || evseId < 1) throw new RangeError(`A transaction runs on an EVSE id >= 1, not ${evseId}`);
    const open = this.transactions.get(evseId);
    if (open !== undefined) this.logger.warn({ evseId, transactionId: open.transactionId }, 'transaction metering replaced without being ended');
    this.transactions.set(evseId, { transactionId, readings: [], offered: 0, stride: 1 });
  }

  /** The id of the transaction metering on an EVSE, if any. */
  transactionOn(evseId: number): string | undefined {
    return this.transactions.get(evseId)?.transactionId;
  }

  /** Whether any EVSE has a transaction (J01.FR.20, SendDuringIdle). */
  hasTransaction(): boolean {
    return this.transactions.size > 0;
  }

  /** The EVSEs with a transaction, ascending. */
  transactionEvseIds(): number[] {
    return [...this.transactions.keys()].sort((a, b) => a - b);
  }

  /**
   * J02: keeps readings for the transaction's Ended event (Transaction.Begin, TxEndedInterval samples, Transaction.End);
   * no-op without a transaction. A long transaction with a short TxEndedInterval must not grow memory (or the Ended
   * message) without bound: past the cap every other sample is dropped and from then on only every other one is taken,
   * so the samples kept stay evenly spread from the start; Transaction.Begin and Transaction.End are always kept.
   */
  appendTxEndedReadings(evseId: number, meterValues: readonly MeterValueType[]): void {
    const log = this.transactions.get(evseId);
    if (log === undefined) return;
    for (const meterValue of meterValues) {
      if (!isBoundary(meterValue) && log.offered++ % log.stride !== 0) continue;
      log.readings.push(meterValue);
      if (log.readings.length > this.maxTxEndedReadings) this.thin(evseId, log);
    }
  }

  /** J02: ends the EVSE's transaction metering and returns the readings kept for its Ended event, oldest first ([] without one). */
  endTransaction(evseId: number): MeterValueType[] {
    const log = this.transactions.get(evseId);
    this.transactions.delete(evseId);
    return log?.readings ?? [];
  }

  /** The kept samples are the offered ones at multiples of the stride: keeping every other one doubles it. */
  private thin(evseId: number, log: TransactionLog): void {
    let position = 0;
    log.readings = log.readings.filter((meterValue) => isBoundary(meterValue) || position++ % 2 === 0);
    log.stride *= 2;
    this.logger.info({ evseId, kept: log.readings.length, stride: log.stride }, 'TxEnded samples thinned to stay under the cap');
  }
}

/** Location defaults to Outlet (schema), so an omitted and an explicit Outlet are the same reading. */
function readingKey(sv: SampledValueType): string {
  return `${sv.measurand ?? DEFAULT_MEASURAND}|${sv.phase ?? ''}|${sv.location ?? 'Outlet'}`;
}

function copySampledValue(sv: SampledValueType): SampledValueType {
  const copy: SampledValueType = { ...sv };
  if (sv.unitOfMeasure !== undefined) copy.unitOfMeasure = { ...sv.unitOfMeasure };
  if (sv.signedMeterValue !== undefined) copy.signedMeterValue = { ...sv.signedMeterValue };
  return copy;
}
