import { describe, expect, it } from 'vitest';
import { ABB_B23, CARLO_GAVAZZI_EM340, EASTRON_SDM630, METER_MODELS } from './meter-models.js';
import { planReads } from './read-plan.js';
import { registerCount } from './register-spec.js';

describe('planReads (hardware.md 4.5)', () => {
  it('reads the SDM630 voltage, current and per-phase power in one FC4 request of 18 registers', () => {
    const [first] = planReads(EASTRON_SDM630);
    expect(first).toMatchObject({ fc: 4, address: 0, count: 18 });
  });

  it('reads import and export energy in the same request where they sit side by side', () => {
    for (const model of [EASTRON_SDM630, ABB_B23]) {
      const block = planReads(model).find((b) => b.fields.some((f) => f.quantity === 'energyImportWh'));
      expect(block?.fields.map((f) => f.quantity)).toContain('energyExportWh');
    }
  });

  it('covers every register of every model exactly once, within the 125-register limit', () => {
    for (const model of Object.values(METER_MODELS)) {
      const blocks = planReads(model);
      const planned = blocks.flatMap((b) => b.fields.map((f) => f.quantity)).sort();
      expect(planned).toEqual(Object.keys(model.registers).sort());
      for (const block of blocks) {
        expect(block.count).toBeLessThanOrEqual(125);
        for (const field of block.fields) {
          expect(field.byteOffset / 2 + registerCount(field.spec.type)).toBeLessThanOrEqual(block.count);
        }
      }
    }
  });

  it('keeps holding and input registers in separate requests and never reads across a gap by default', () => {
    const blocks = planReads(CARLO_GAVAZZI_EM340);
    for (const block of blocks) {
      const covered = new Set<number>();
      for (const field of block.fields) for (let i = 0; i < registerCount(field.spec.type); i += 1) covered.add(field.spec.address + i);
      expect(covered.size).toBe(block.count);
    }
    expect(new Set(planReads(ABB_B23).map((b) => b.fc))).toEqual(new Set([3]));
  });
});
