import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** apps/station-sim/dist/main.js, found through the workspace package (built by `npm run bench`'s turbo build). */
function stationSimMain(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@evstation/station-sim')), 'main.js');
}

/** Kernel clock ticks per second, for /proc/<pid>/stat CPU times. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A station-sim child process (the real app, `dist/main.js`) with the control API on a free loopback port. */
export interface SimProcess {
  child: ChildProcess;
  /** Base URL of the control API. */
  controlUrl: string;
  /** Resident set size now (VmRSS), bytes. */
  rssBytes(): number;
  /** User + system CPU time used so far, ms. */
  cpuMs(): number;
  /** SIGTERM (graceful shutdown); resolves with the exit code and how long the shutdown took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Starts station-sim with `args` and resolves once it printed its control URL. */
export async function startSimProcess(args: readonly string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, [stationSimMain(), '--control', '127.0.0.1:0', '--log-level', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const controlUrl = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /control API: (http:\S+)\/api\/stations/.exec(stdout)?.[1];
      if (url !== undefined) resolve(url);
    });
    void exited.then(() => reject(new Error(`station-sim exited before it listened: ${stderr}`)));
  });
  const pid = child.pid ?? 0;
  return {
    child,
    controlUrl,
    rssBytes: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024,
    cpuMs: () => {
      // Fields after the parenthesised command name: utime and stime are fields 14 and 15 of the whole line.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
    },
    stop: async () => {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return { code, ms: performance.now() - t0 };
    },
  };
}
