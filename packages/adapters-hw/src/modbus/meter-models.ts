import type { MeterModel, RegisterSpec } from './register-spec.js';

const sdm = (address: number, scale = 1): RegisterSpec => ({ fc: 4, address, type: 'float32', wordOrder: 'ABCD', scale });
const abb = (address: number, type: RegisterSpec['type'], scale: number): RegisterSpec => ({
  fc: 3,
  address,
  type,
  wordOrder: 'ABCD',
  scale,
  maxMeansUnavailable: true,
});
const cg = (address: number, scale: number, type: RegisterSpec['type'] = 'int32'): RegisterSpec => ({
  fc: 4,
  address,
  type,
  wordOrder: 'CDAB',
  scale,
});

/** kWh registers are published in Wh. */
const KWH = 1000;

/** Eastron SDM630 v2: FC4, float32 high word first, SI units, energy in kWh (hardware.md 4.1). */
export const EASTRON_SDM630: MeterModel = {
  id: 'eastron-sdm630',
  description: 'Eastron SDM630 (v2), three-phase',
  registers: {
    'voltageV.l1': sdm(0x0000),
    'voltageV.l2': sdm(0x0002),
    'voltageV.l3': sdm(0x0004),
    'currentA.l1': sdm(0x0006),
    'currentA.l2': sdm(0x0008),
    'currentA.l3': sdm(0x000a),
    'powerW.l1': sdm(0x000c),
    'powerW.l2': sdm(0x000e),
    'powerW.l3': sdm(0x0010),
    'powerW.total': sdm(0x0034),
    frequencyHz: sdm(0x0046),
    energyImportWh: sdm(0x0048, KWH),
    energyExportWh: sdm(0x004a, KWH),
    'energyImportPerPhaseWh.l1': sdm(0x015a, KWH),
    'energyImportPerPhaseWh.l2': sdm(0x015c, KWH),
    'energyImportPerPhaseWh.l3': sdm(0x015e, KWH),
  },
};

/** Eastron SDM72D-M v2: the SDM630 map without per-phase energy (hardware.md 4.1). */
export const EASTRON_SDM72DM_V2: MeterModel = {
  id: 'eastron-sdm72dm-v2',
  description: 'Eastron SDM72D-M v2, three-phase',
  registers: Object.fromEntries(
    Object.entries(EASTRON_SDM630.registers).filter(([quantity]) => !quantity.startsWith('energyImportPerPhaseWh')),
  ) as MeterModel['registers'],
};

/** Eastron SDM72D (v1): total power and energy only (hardware.md 4.1). */
export const EASTRON_SDM72D: MeterModel = {
  id: 'eastron-sdm72d',
  description: 'Eastron SDM72D (v1), three-phase, totals only',
  registers: { 'powerW.total': sdm(0x0034), energyImportWh: sdm(0x0048, KWH), energyExportWh: sdm(0x004a, KWH) },
};

/** Eastron SDM120 / SDM230: single-phase subset of the SDM map (hardware.md 4.1). */
export const EASTRON_SDM120: MeterModel = {
  id: 'eastron-sdm120',
  description: 'Eastron SDM120 / SDM230, single-phase',
  registers: {
    'voltageV.l1': sdm(0x0000),
    'currentA.l1': sdm(0x0006),
    'powerW.l1': sdm(0x000c),
    'powerW.total': sdm(0x000c),
    frequencyHz: sdm(0x0046),
    energyImportWh: sdm(0x0048, KWH),
    energyExportWh: sdm(0x004a, KWH),
  },
};

/** ABB B23/B24: FC3, big-endian integers, 64-bit energy in 0.01 kWh, all-ones = not available (hardware.md 4.2). */
export const ABB_B23: MeterModel = {
  id: 'abb-b23',
  description: 'ABB B23 / B24 (and A-series), three-phase',
  registers: {
    'voltageV.l1': abb(0x5b00, 'uint32', 0.1),
    'voltageV.l2': abb(0x5b02, 'uint32', 0.1),
    'voltageV.l3': abb(0x5b04, 'uint32', 0.1),
    'currentA.l1': abb(0x5b0c, 'uint32', 0.01),
    'currentA.l2': abb(0x5b0e, 'uint32', 0.01),
    'currentA.l3': abb(0x5b10, 'uint32', 0.01),
    'powerW.total': abb(0x5b14, 'int32', 0.01),
    'powerW.l1': abb(0x5b16, 'int32', 0.01),
    'powerW.l2': abb(0x5b18, 'int32', 0.01),
    'powerW.l3': abb(0x5b1a, 'int32', 0.01),
    frequencyHz: abb(0x5b2c, 'uint16', 0.01),
    energyImportWh: abb(0x5000, 'uint64', 0.01 * KWH),
    energyExportWh: abb(0x5004, 'uint64', 0.01 * KWH),
    'energyImportPerPhaseWh.l1': abb(0x5460, 'uint64', 0.01 * KWH),
    'energyImportPerPhaseWh.l2': abb(0x5464, 'uint64', 0.01 * KWH),
    'energyImportPerPhaseWh.l3': abb(0x5468, 'uint64', 0.01 * KWH),
  },
};

/** ABB B24: same register map as the B23 (hardware.md 4.2). */
export const ABB_B24: MeterModel = { ...ABB_B23, id: 'abb-b24', description: 'ABB B24, three-phase' };

const gavazziCommon = {
  'voltageV.l1': cg(0x00, 0.1),
  'voltageV.l2': cg(0x02, 0.1),
  'voltageV.l3': cg(0x04, 0.1),
  'currentA.l1': cg(0x0c, 0.001),
  'currentA.l2': cg(0x0e, 0.001),
  'currentA.l3': cg(0x10, 0.001),
  'powerW.l1': cg(0x12, 0.1),
  'powerW.l2': cg(0x14, 0.1),
  'powerW.l3': cg(0x16, 0.1),
  'powerW.total': cg(0x28, 0.1),
} as const;

/** Carlo Gavazzi EM24: FC4, int32 low word first, energy in 0.1 kWh (hardware.md 4.3). */
export const CARLO_GAVAZZI_EM24: MeterModel = {
  id: 'carlo-gavazzi-em24',
  description: 'Carlo Gavazzi EM24, three-phase',
  registers: {
    ...gavazziCommon,
    frequencyHz: cg(0x37, 0.1, 'int16'),
    energyImportWh: cg(0x42, 0.1 * KWH),
    'energyImportPerPhaseWh.l1': cg(0x46, 0.1 * KWH),
    'energyImportPerPhaseWh.l2': cg(0x48, 0.1 * KWH),
    'energyImportPerPhaseWh.l3': cg(0x4a, 0.1 * KWH),
    energyExportWh: cg(0x5c, 0.1 * KWH),
  },
};

/** Carlo Gavazzi EM330/EM340/ET340: the EM24 layout with energy and frequency moved (hardware.md 4.3). */
export const CARLO_GAVAZZI_EM340: MeterModel = {
  id: 'carlo-gavazzi-em340',
  description: 'Carlo Gavazzi EM330 / EM340 / ET340, three-phase',
  registers: {
    ...gavazziCommon,
    frequencyHz: cg(0x33, 0.1, 'int16'),
    energyImportWh: cg(0x34, 0.1 * KWH),
    'energyImportPerPhaseWh.l1': cg(0x40, 0.1 * KWH),
    'energyImportPerPhaseWh.l2': cg(0x42, 0.1 * KWH),
    'energyImportPerPhaseWh.l3': cg(0x44, 0.1 * KWH),
    energyExportWh: cg(0x4e, 0.1 * KWH),
  },
};

/** Every built-in model, by id (configuration names a model by its id). */
export const METER_MODELS: Readonly<Record<string, MeterModel>> = Object.fromEntries(
  [EASTRON_SDM630, EASTRON_SDM72DM_V2, EASTRON_SDM72D, EASTRON_SDM120, ABB_B23, ABB_B24, CARLO_GAVAZZI_EM24, CARLO_GAVAZZI_EM340].map(
    (model) => [model.id, model],
  ),
);
