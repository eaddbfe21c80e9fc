/** Modbus read function codes used by meters: 3 = holding registers, 4 = input registers. */
export type ReadFunctionCode = 3 | 4;

/** How a value is stored in one, two or four 16-bit registers. */
export type RegisterType = 'float32' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64';

/**
 * Order of the 16-bit words of a multi-register value (bytes inside a word are always big-endian):
 * ABCD = most significant word first (Eastron, ABB), CDAB = least significant word first (Carlo Gavazzi).
 */
export type WordOrder = 'ABCD' | 'CDAB';

/** Where and how one quantity is stored (hardware.md 4: "fc, addr, type, wordOrder, scale belong in the model table"). */
export interface RegisterSpec {
  fc: ReadFunctionCode;
  /** 0-based PDU address (datasheet 30001/40001 minus the base). */
  address: number;
  type: RegisterType;
  wordOrder: WordOrder;
  /** Multiplier from the raw value to the unit of the quantity (W, V, A, Hz, Wh). */
  scale: number;
  /** The type's maximum (0xFF.. unsigned, 0x7F.. signed) means "not available" (ABB). */
  maxMeansUnavailable?: boolean;
}

type Phase = 'l1' | 'l2' | 'l3';

/** Every quantity a meter model can map, named after the MeterReading field it fills. */
export type MeterQuantity =
  | 'energyImportWh'
  | 'energyExportWh'
  | 'frequencyHz'
  | `energyImportPerPhaseWh.${Phase}`
  | `powerW.${Phase | 'total'}`
  | `currentA.${Phase | 'total'}`
  | `voltageV.${Phase}`;

/** A meter family's register map, as data (hardware.md 4.6: one declarative table per model). */
export interface MeterModel {
  id: string;
  description: string;
  /** energyImportWh is required: billing depends on it. */
  registers: { energyImportWh: RegisterSpec } & Partial<Record<MeterQuantity, RegisterSpec>>;
  /** Registers that may be skipped when merging nearby reads into one request (0 = strictly contiguous). */
  maxGapRegisters?: number;
}

/** Number of 16-bit registers a type occupies. */
export function registerCount(type: RegisterType): 1 | 2 | 4 {
  if (type === 'int16' || type === 'uint16') return 1;
  if (type === 'int64' || type === 'uint64') return 4;
  return 2;
}
