import type { RegisterImage } from './register-image.js';

/** Values a simulated meter shows; energy in kWh as the meters count it. */
export interface MeterScenario {
  voltageV: readonly [number, number, number];
  currentA: readonly [number, number, number];
  /** Per phase, signed (negative = export). */
  powerW: readonly [number, number, number];
  powerTotalW: number;
  frequencyHz: number;
  importKwh: number;
  exportKwh: number;
  importPerPhaseKwh: readonly [number, number, number];
}

/** A plausible three-phase charging scenario, with L3 exporting to exercise signed power. */
export const CHARGING_SCENARIO: MeterScenario = {
  voltageV: [230.1, 231.2, 229.8],
  currentA: [15.25, 15.5, 0.75],
  powerW: [3500.5, 3580.5, -120.5],
  powerTotalW: 6960.5,
  frequencyHz: 50.01,
  importKwh: 1234.5,
  exportKwh: 12.3,
  importPerPhaseKwh: [600.1, 620.2, 14.2],
};

const round = (value: number): number => Math.round(value);

/**
 * Writes a scenario into a register image exactly as each meter family lays it out, transcribed from the tables of
 * hardware.md section 4 independently of the adapter's model data, so a wrong address or scale in either shows up.
 */
export function writeScenario(modelId: string, image: RegisterImage, s: MeterScenario): void {
  switch (modelId) {
    case 'eastron-sdm630':
    case 'eastron-sdm72dm-v2':
      [0x00, 0x02, 0x04].forEach((a, i) => image.setFloat32(4, a, s.voltageV[i] ?? 0));
      [0x06, 0x08, 0x0a].forEach((a, i) => image.setFloat32(4, a, s.currentA[i] ?? 0));
      [0x0c, 0x0e, 0x10].forEach((a, i) => image.setFloat32(4, a, s.powerW[i] ?? 0));
      image.setFloat32(4, 0x34, s.powerTotalW).setFloat32(4, 0x46, s.frequencyHz);
      if (modelId === 'eastron-sdm630') [0x15a, 0x15c, 0x15e].forEach((a, i) => image.setFloat32(4, a, s.importPerPhaseKwh[i] ?? 0));
      break;
    case 'eastron-sdm72d':
      image.setFloat32(4, 0x34, s.powerTotalW);
      break;
    case 'eastron-sdm120':
      image.setFloat32(4, 0x00, s.voltageV[0]).setFloat32(4, 0x06, s.currentA[0]).setFloat32(4, 0x0c, s.powerW[0]);
      image.setFloat32(4, 0x46, s.frequencyHz);
      break;
    case 'abb-b23':
    case 'abb-b24':
      [0x5b00, 0x5b02, 0x5b04].forEach((a, i) => image.setUint32(3, a, round((s.voltageV[i] ?? 0) * 10)));
      [0x5b0c, 0x5b0e, 0x5b10].forEach((a, i) => image.setUint32(3, a, round((s.currentA[i] ?? 0) * 100)));
      image.setInt32(3, 0x5b14, round(s.powerTotalW * 100));
      [0x5b16, 0x5b18, 0x5b1a].forEach((a, i) => image.setInt32(3, a, round((s.powerW[i] ?? 0) * 100)));
      image.setWords(3, 0x5b2c, [round(s.frequencyHz * 100)]);
      [0x5460, 0x5464, 0x5468].forEach((a, i) => image.setUint64(3, a, BigInt(round((s.importPerPhaseKwh[i] ?? 0) * 100))));
      break;
    case 'carlo-gavazzi-em24':
    case 'carlo-gavazzi-em340': {
      const em24 = modelId === 'carlo-gavazzi-em24';
      [0x00, 0x02, 0x04].forEach((a, i) => image.setInt32(4, a, round((s.voltageV[i] ?? 0) * 10), true));
      [0x0c, 0x0e, 0x10].forEach((a, i) => image.setInt32(4, a, round((s.currentA[i] ?? 0) * 1000), true));
      [0x12, 0x14, 0x16].forEach((a, i) => image.setInt32(4, a, round((s.powerW[i] ?? 0) * 10), true));
      image.setInt32(4, 0x28, round(s.powerTotalW * 10), true);
      image.setInt16(4, em24 ? 0x37 : 0x33, round(s.frequencyHz * 10));
      (em24 ? [0x46, 0x48, 0x4a] : [0x40, 0x42, 0x44]).forEach((a, i) => image.setInt32(4, a, round((s.importPerPhaseKwh[i] ?? 0) * 10), true));
      break;
    }
    default:
      throw new Error(`no fixture for meter model ${modelId}`);
  }
  writeEnergy(modelId, image, s.importKwh, s.exportKwh);
}

/** Writes the import/export energy counters (kWh) the way the model stores them. */
export function writeEnergy(modelId: string, image: RegisterImage, importKwh: number, exportKwh: number): void {
  if (modelId.startsWith('eastron-')) image.setFloat32(4, 0x48, importKwh).setFloat32(4, 0x4a, exportKwh);
  else if (modelId.startsWith('abb-')) image.setUint64(3, 0x5000, BigInt(round(importKwh * 100))).setUint64(3, 0x5004, BigInt(round(exportKwh * 100)));
  else if (modelId === 'carlo-gavazzi-em24') image.setInt32(4, 0x42, round(importKwh * 10), true).setInt32(4, 0x5c, round(exportKwh * 10), true);
  else if (modelId === 'carlo-gavazzi-em340') image.setInt32(4, 0x34, round(importKwh * 10), true).setInt32(4, 0x4e, round(exportKwh * 10), true);
  else throw new Error(`no fixture for meter model ${modelId}`);
}

/**
 * Makes the import counter unreadable the way the family signals it: a float NaN (Eastron) or the all-ones "not
 * available" value (ABB). Returns false for families whose integer registers have no such value (Carlo Gavazzi).
 */
export function corruptImportEnergy(modelId: string, image: RegisterImage): boolean {
  if (modelId.startsWith('eastron-')) image.setWords(4, 0x48, [0x7fc0, 0x0000]);
  else if (modelId.startsWith('abb-')) image.setWords(3, 0x5000, [0xffff, 0xffff, 0xffff, 0xffff]);
  else return false;
  return true;
}
