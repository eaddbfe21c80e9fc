import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCsmsDev, type CsmsDev, type FrameRecord } from '@evstation/csms-dev';
import { startSimProcess, type SimProcess } from './sim-process.js';

/** What `npm run bench` reports about station-sim at scale (issue 6 §5). */
export interface FleetFigures {
  stations: number;
  evses: number;
  /** Spawning the process until csms-dev has accepted every BootNotification. */
  bootStormMs: number;
  /** station-sim with one station, booted and quiet (the process baseline). */
  baselineRssBytes: number;
  /** With all stations booted and quiet. */
  fleetRssBytes: number;
  /** With a transaction running on one EVSE of every station. */
  chargingRssBytes: number;
  charging: number;
  cpuWindowS: number;
  cpuMs: number;
  /** TransactionEvent(Updated) and MeterValues csms-dev received during the CPU window. */
  meterMessages: number;
  shutdownMs: number;
  shutdownCode: number | null;
}

function until(condition: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve();
      else if (performance.now() > deadline) reject(new Error(`bench: no ${what} within ${timeoutMs} ms`));
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Resolves once csms-dev saw no frame for `quietMs` (the boot or session traffic is over). */
async function quiet(csms: CsmsDev, quietMs: number): Promise<void> {
  let last = performance.now();
  const off = csms.onFrame(() => (last = performance.now()));
  await until(() => performance.now() - last >= quietMs, 'quiet period', 120_000);
  off();
}

async function post(url: string, body: unknown = {}): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`bench: POST ${url} answered ${response.status} ${await response.text()}`);
}

/** Runs `work` on each item with at most `limit` in flight. */
async function pooled<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

/**
 * `--stations N` against csms-dev in the bench process (so the CSMS's own work is not counted): boot-storm time to
 * all Accepted, resident memory per station beyond a one-station process, and CPU per station-minute while every
 * station charges with TransactionEvent(Updated) every 60 s (SampledDataCtrlr.TxUpdatedInterval) and in-memory storage.
 */
export async function stationFleet(stations: number, cpuWindowS: number): Promise<FleetFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'evstation-fleet-'));
  const csms = await startCsmsDev({ port: 0, httpPort: 0, ledgerSize: 1000 });
  const accepted = new Set<string>();
  const started = new Set<string>();
  let meterMessages = 0;
  let counting = false;
  csms.onFrame((frame: FrameRecord) => {
    if (frame.direction === 'CSMS->CS' && frame.messageType === 'CALLRESULT' && frame.action === 'BootNotification' && (frame.payload as { status?: string }).status === 'Accepted') accepted.add(frame.identity);
    if (frame.direction !== 'CS->CSMS' || frame.messageType !== 'CALL') return;
    const payload = frame.payload as { eventType?: string };
    if (frame.action === 'TransactionEvent' && payload.eventType === 'Started') started.add(frame.identity);
    if (counting && (frame.action === 'MeterValues' || (frame.action === 'TransactionEvent' && payload.eventType === 'Updated'))) meterMessages += 1;
  });
  const config = join(dir, 'fleet.json');
  writeFileSync(config, JSON.stringify({ deviceModel: [{ component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, value: 60 }] }));
  const common = ['--csms', csms.ocppUrl, '--db', ':memory:', '--config', config];
  let sim: SimProcess | undefined;
  try {
    const baseline = await startSimProcess([...common, '--id', 'BENCH-BASE']);
    await until(() => accepted.has('BENCH-BASE'), 'baseline boot', 30_000);
    await quiet(csms, 1500);
    const baselineRssBytes = baseline.rssBytes();
    await baseline.stop();

    const t0 = performance.now();
    sim = await startSimProcess([...common, '--id', 'FLEET', '--stations', String(stations)]);
    const fleet = sim;
    await until(() => [...accepted].filter((id) => id.startsWith('FLEET-')).length === stations, `${stations} Accepted boots`, 300_000);
    const bootStormMs = performance.now() - t0;
    await quiet(csms, 2000);
    const fleetRssBytes = fleet.rssBytes();

    const ids = Array.from({ length: stations }, (_, i) => `FLEET-${String(i + 1).padStart(4, '0')}`);
    await pooled(ids, 16, async (id) => {
      await post(`${fleet.controlUrl}/api/stations/${id}/evses/1/plug`);
      await post(`${fleet.controlUrl}/api/stations/${id}/evses/1/token`, { idToken: `T${id.slice(-4)}` });
    });
    await until(() => [...started].filter((id) => id.startsWith('FLEET-')).length === stations, `${stations} started transactions`, 300_000);
    await quiet(csms, 2000);
    counting = true;
    const cpu0 = fleet.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, cpuWindowS * 1000));
    const cpuMs = fleet.cpuMs() - cpu0;
    counting = false;
    const chargingRssBytes = fleet.rssBytes();
    const shutdown = await fleet.stop();
    sim = undefined;
    return {
      stations,
      evses: 2,
      bootStormMs,
      baselineRssBytes,
      fleetRssBytes,
      chargingRssBytes,
      charging: started.size,
      cpuWindowS,
      cpuMs,
      meterMessages,
      shutdownMs: shutdown.ms,
      shutdownCode: shutdown.code,
    };
  } finally {
    if (sim !== undefined) sim.child.kill('SIGKILL');
    await csms.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
