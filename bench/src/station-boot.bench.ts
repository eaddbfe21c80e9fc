import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { LoopbackCsms, rpcClientBootMs } from './loopback-csms.js';
import type { MemoryReport } from './memory-report.js';
import { bootStation, tempDatabase, type BootTiming } from './station-fixture.js';

/** Medians over the runs of the boot benchmark, in milliseconds. */
export interface BootResult {
  runs: number;
  /** Baseline: a bare ocpp-rpc client connecting and getting its BootNotification Accepted. */
  rpcClientMs: number;
  /** A new database file: migrations, device-model defaults written, then boot. */
  fresh: BootTiming;
  /** The same file again after a clean stop (restart). */
  restart: BootTiming;
  /** Station frames the strict CSMS refused during the runs (should be none). */
  violations: string[];
}

/**
 * Boots a full station `runs` times in this process against a strict ocpp-rpc CSMS on loopback, each time on a
 * new SQLite file and then once more on the same file (restart); the bare-client baseline runs in between.
 */
export async function stationBoot(runs = 10): Promise<BootResult> {
  const csms = await LoopbackCsms.start();
  const samples = { rpc: [] as number[], fresh: [] as BootTiming[], restart: [] as BootTiming[] };
  try {
    // One unmeasured round first so JIT state is comparable across the measured ones.
    for (let i = -1; i < runs; i += 1) {
      const identity = `BENCH-BOOT-${i + 1}`;
      const rpcMs = await rpcClientBootMs(csms.url, `${identity}-RPC`);
      const db = tempDatabase();
      try {
        const first = await bootStation(csms.url, db.path, identity);
        await first.settled();
        await first.stop();
        const second = await bootStation(csms.url, db.path, identity);
        await second.settled();
        await second.stop();
        if (i < 0) continue;
        samples.rpc.push(rpcMs);
        samples.fresh.push(first.timing);
        samples.restart.push(second.timing);
      } finally {
        db.dispose();
      }
    }
  } finally {
    await csms.close();
  }
  const medianTiming = (timings: BootTiming[]): BootTiming => ({
    assembleMs: median(timings.map((t) => t.assembleMs)),
    startToAcceptedMs: median(timings.map((t) => t.startToAcceptedMs)),
  });
  return { runs, rpcClientMs: median(samples.rpc), fresh: medianTiming(samples.fresh), restart: medianTiming(samples.restart), violations: csms.violations };
}

/** Memory of three kinds of child process (medians of `runs` each), in bytes. */
export interface MemoryResult {
  runs: number;
  empty: MemoryReport;
  core: MemoryReport;
  station: MemoryReport;
}

const childTimeoutMs = 15_000;

/** Forks `script` with --expose-gc, waits for its one MemoryReport and for its exit. */
async function forkForMemory(script: string, args: string[]): Promise<MemoryReport> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const timer = setTimeout(() => child.kill(), childTimeoutMs);
  try {
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const reported = new Promise<MemoryReport | undefined>((resolve) => {
      child.once('message', (message) => resolve(message as MemoryReport));
      void exited.then(() => resolve(undefined));
    });
    const report = await reported;
    const [code, signal] = await exited;
    if (report === undefined) throw new Error(`${script} ${args.join(' ')} exited (code ${String(code)}, signal ${String(signal)}) without a memory report`);
    return report;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resident memory of one booted station (dist/station-rss-child.js against a strict CSMS on loopback) beside two
 * baselines: an empty Node process and one that only imports @evstation/core. Kinds alternate within each run.
 */
export async function stationMemory(runs = 3): Promise<MemoryResult> {
  const csms = await LoopbackCsms.start();
  const samples = { empty: [] as MemoryReport[], core: [] as MemoryReport[], station: [] as MemoryReport[] };
  try {
    for (let i = 0; i < runs; i += 1) {
      samples.empty.push(await forkForMemory('./rss-baseline-child.js', ['empty']));
      samples.core.push(await forkForMemory('./rss-baseline-child.js', ['core']));
      samples.station.push(await forkForMemory('./station-rss-child.js', [csms.url]));
    }
  } finally {
    await csms.close();
  }
  const medianReport = (reports: MemoryReport[]): MemoryReport => ({ rss: median(reports.map((r) => r.rss)), heapUsed: median(reports.map((r) => r.heapUsed)) });
  return { runs, empty: medianReport(samples.empty), core: medianReport(samples.core), station: medianReport(samples.station) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
