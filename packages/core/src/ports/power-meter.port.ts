/** One quantity as a total and per phase; a meter fills what it measures. */
export interface PhaseValues {
  total?: number;
  l1?: number;
  l2?: number;
  l3?: number;
}

/** One complete, checked reading of a meter (hardware.md 4.5, 4.6). */
export interface MeterReading {
  /** When the adapter took the reading (ClockPort wall time). */
  at: Date;
  /** Imported active energy, Wh; never lower than a previous reading of the same meter. */
  energyImportWh: number;
  /** Exported active energy, Wh, where the meter counts it; monotonic like import. */
  energyExportWh?: number;
  /** Imported energy per phase, Wh, where the meter counts it. */
  energyImportPerPhaseWh?: PhaseValues;
  /** Active power, W; signed where the meter signs it (negative = export). */
  powerW?: PhaseValues;
  /** Current, A; signed where the meter signs it. */
  currentA?: PhaseValues;
  /** Phase-to-neutral voltage, V. */
  voltageV?: PhaseValues;
  frequencyHz?: number;
}

/**
 * Why a reading failed: no answer in time, the device answered with an exception, the link is down, the reply
 * was garbled (bad CRC, wrong length), the registers decoded to NaN / a "not available" sentinel, or the energy
 * counter went backwards.
 */
export type PowerMeterErrorKind = 'timeout' | 'exception' | 'disconnected' | 'bad-frame' | 'decode' | 'energy-backwards';

/** A failed reading, classified by the adapter. */
export interface PowerMeterError {
  kind: PowerMeterErrorKind;
  message: string;
  /** The exception code the device answered with (kind 'exception'). */
  exceptionCode?: number;
}

/** The outcome of one read: a reading that is safe to bill from, or a classified error (never a bad energy value). */
export type PowerMeterReadResult = { ok: true; reading: MeterReading } | { ok: false; error: PowerMeterError };

/** An energy meter as the evse-manager sees it (DESIGN 6). `read()` never rejects. */
export interface PowerMeterPort {
  /** A stable name for logs and MeterValues (e.g. bus + unit id). */
  readonly meterId: string;
  /** Takes one reading. */
  read(): Promise<PowerMeterReadResult>;
}
