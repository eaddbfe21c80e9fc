import { describe, expect, it } from 'vitest';
import type { MeterValueType } from '../messages/index.js';
import type { PowerMeterPort, PowerMeterReadResult } from '../ports/power-meter.port.js';
import { FakeClock } from '../testing/fake-clock.js';
import { MemoryLogger } from '../testing/memory-logger.js';
import { MeterPoller } from './meter-poller.js';

/** A meter whose next answers the test scripts; by default it counts up 100 Wh per read. */
class ScriptedMeter implements PowerMeterPort {
  readonly meterId = 'scripted';
  reads = 0;
  readonly queued: PowerMeterReadResult[] = [];
  hold: Promise<void> | undefined;
  private energyWh = 0;

  constructor(private readonly clock: FakeClock) {}

  async read(): Promise<PowerMeterReadResult> {
    this.reads += 1;
    if (this.hold !== undefined) await this.hold;
    const next = this.queued.shift();
    if (next !== undefined) return next;
    this.energyWh += 100;
    return { ok: true, reading: { at: this.clock.now(), energyImportWh: this.energyWh } };
  }
}

function setup(intervalS = 10) {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const meter = new ScriptedMeter(clock);
  const values: MeterValueType[] = [];
  const poller = new MeterPoller({ clock, logger, meter, intervalS, onMeterValue: (mv) => values.push(mv) });
  const energies = (): number[] => values.map((mv) => mv.sampledValue[0]?.value ?? Number.NaN);
  return { clock, logger, meter, poller, values, energies };
}

describe('MeterPoller (issue 5 §3 meter polling on the ClockPort)', () => {
  it('J02 reads at start and then every meterIntervalS on the clock', async () => {
    const { clock, poller, energies } = setup(10);
    poller.start();
    await clock.advance(0);
    expect(energies()).toEqual([100]);
    await clock.advance(9_999);
    expect(energies()).toEqual([100]);
    await clock.advance(1);
    expect(energies()).toEqual([100, 200]);
    await clock.advance(20_000);
    expect(energies()).toEqual([100, 200, 300, 400]);
    poller.stop();
    await clock.advance(60_000);
    expect(energies()).toHaveLength(4);
  });

  it('a failed read is logged and skipped, never reported as energy', async () => {
    const { clock, logger, meter, poller, energies } = setup(10);
    meter.queued.push({ ok: false, error: { kind: 'timeout', message: 'no answer from unit 1' } });
    poller.start();
    await clock.advance(0);
    expect(energies()).toEqual([]);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Meter read failed: reading skipped', fields: expect.objectContaining({ kind: 'timeout' }) }));
    await clock.advance(10_000);
    expect(energies()).toEqual([100]);
  });

  it('an adapter that rejects despite its contract does not stop the polling', async () => {
    const { clock, logger, meter, poller, energies } = setup(10);
    meter.read = () => Promise.reject(new Error('bus exploded'));
    poller.start();
    await clock.advance(0);
    expect(logger.entries.some((e) => e.level === 'error' && e.message === 'Meter read threw: reading skipped')).toBe(true);
    meter.read = ScriptedMeter.prototype.read.bind(meter);
    await clock.advance(10_000);
    expect(energies()).toEqual([100]);
  });

  it('a slow read is not doubled by the next tick', async () => {
    const { clock, meter, poller, energies } = setup(1);
    let release = (): void => undefined;
    meter.hold = new Promise((resolve) => (release = resolve));
    poller.start();
    await clock.advance(5_000);
    expect(meter.reads).toBe(1);
    meter.hold = undefined;
    release();
    await clock.advance(0);
    expect(energies()).toEqual([100]);
    await clock.advance(1_000);
    expect(meter.reads).toBe(2);
  });
});
