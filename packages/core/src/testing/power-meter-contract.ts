import { afterEach, describe, expect, it } from 'vitest';
import type { PowerMeterPort, PowerMeterReadResult } from '../ports/power-meter.port.js';

/** What a PowerMeterPort implementation gives the contract: the meter and a hand on the (simulated) device. */
export interface PowerMeterContractHarness {
  meter: PowerMeterPort;
  /** Device side: the counters now show these values, in Wh. */
  setEnergy(importWh: number, exportWh: number): void | Promise<void>;
  /** Device side: the import counter becomes unreadable (NaN or "not available"). */
  corruptImportEnergy?(): void | Promise<void>;
  dispose?(): void | Promise<void>;
}

/** Which optional behaviours the device under test can show. */
export interface PowerMeterContractOptions {
  /** Whether the device can present an unreadable energy counter (integer-only meters cannot). */
  canCorruptEnergy: boolean;
}

function expectOk(result: PowerMeterReadResult): Extract<PowerMeterReadResult, { ok: true }>['reading'] {
  if (!result.ok) throw new Error(`expected a reading, got ${result.error.kind}: ${result.error.message}`);
  return result.reading;
}

/**
 * The behaviour every PowerMeterPort adapter must show (DESIGN 8, hardware.md 4.5): counters in Wh, monotonic energy,
 * bad energy rejected and reported instead of passed on, and read() that never rejects.
 */
export function powerMeterContract(
  name: string,
  makeHarness: () => PowerMeterContractHarness | Promise<PowerMeterContractHarness>,
  options: PowerMeterContractOptions,
): void {
  describe(`${name} (PowerMeterPort contract)`, () => {
    let harness: PowerMeterContractHarness | undefined;
    const setUp = async (): Promise<PowerMeterContractHarness> => {
      harness = await makeHarness();
      return harness;
    };
    afterEach(async () => {
      await harness?.dispose?.();
      harness = undefined;
    });

    it('reads the import and export counters in Wh, stamped with a time', async () => {
      const h = await setUp();
      await h.setEnergy(1_234_500, 12_300);
      const reading = expectOk(await h.meter.read());
      expect(reading.energyImportWh).toBeCloseTo(1_234_500, 0);
      expect(reading.energyExportWh).toBeCloseTo(12_300, 0);
      expect(reading.at).toBeInstanceOf(Date);
      expect(h.meter.meterId).not.toBe('');
    });

    it('passes on a counter that rises', async () => {
      const h = await setUp();
      await h.setEnergy(1_000_000, 0);
      expectOk(await h.meter.read());
      await h.setEnergy(1_000_500, 100);
      expect(expectOk(await h.meter.read()).energyImportWh).toBeCloseTo(1_000_500, 0);
    });

    it('rejects and reports an energy counter that goes backwards, and keeps the last good value as reference', async () => {
      const h = await setUp();
      await h.setEnergy(2_000_000, 0);
      expectOk(await h.meter.read());
      await h.setEnergy(1_000_000, 0);
      const result = await h.meter.read();
      expect(result).toMatchObject({ ok: false, error: { kind: 'energy-backwards' } });
      await h.setEnergy(1_500_000, 0);
      expect(await h.meter.read()).toMatchObject({ ok: false, error: { kind: 'energy-backwards' } });
      await h.setEnergy(2_000_100, 0);
      expect(expectOk(await h.meter.read()).energyImportWh).toBeCloseTo(2_000_100, 0);
    });

    it.runIf(options.canCorruptEnergy)('rejects an import counter that decodes to NaN instead of passing it on', async () => {
      const h = await setUp();
      await h.setEnergy(1_000_000, 0);
      expectOk(await h.meter.read());
      await h.corruptImportEnergy?.();
      expect(await h.meter.read()).toMatchObject({ ok: false, error: { kind: 'decode' } });
      await h.setEnergy(1_000_100, 0);
      expectOk(await h.meter.read());
    });
  });
}
