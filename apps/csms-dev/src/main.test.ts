import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootRequest } from './testing/sample-requests.js';
import { TestStation } from './testing/test-station.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** The built CLI (`npm start`) is what users run, so these tests spawn dist/main.js after `tsc -b`. */
beforeAll(async () => {
  await promisify(execFile)(process.execPath, [tsc, '-b', packageDir], { cwd: packageDir });
}, 180_000);

let child: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
});

function start(args: string[]): ChildProcessWithoutNullStreams {
  child = spawn(process.execPath, [mainJs, ...args], { stdio: 'pipe' });
  return child;
}

async function exit(process_: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(process_, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** Resolves with stdout once it holds both URL lines. */
async function listeningUrls(process_: ChildProcessWithoutNullStreams): Promise<{ ocpp: string; http: string }> {
  let stdout = '';
  for await (const chunk of process_.stdout) {
    stdout += (chunk as Buffer).toString();
    const ocpp = /websocket: (ws:\/\/\S+)\/<identity>/.exec(stdout)?.[1];
    const http = /HTTP API: +(http:\/\/\S+)\/api\/stations/.exec(stdout)?.[1];
    if (ocpp !== undefined && http !== undefined) return { ocpp, http };
  }
  throw new Error(`csms-dev exited before listening; stdout: ${stdout}`);
}

describe('csms-dev CLI (dist/main.js)', () => {
  it('a bad option prints a clear message on stderr and exits with code 2', async () => {
    const result = await exit(start(['--boot', 'Sometimes']));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^csms-dev: option '--boot <status>' argument 'Sometimes' is invalid\. Allowed choices are Accepted, Pending, Rejected\./);
    expect(result.stdout).toBe('');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('prints its URLs, serves stations and the HTTP API, and exits 0 on %s', async (signal) => {
    const process_ = start(['--port', '0', '--http-port', '0', '--boot', 'Pending', '--heartbeat-interval', '42', '--log-level', 'silent']);
    const urls = await listeningUrls(process_);
    expect(urls.ocpp).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const station = await TestStation.connect(urls.ocpp, 'CLI-1');
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Pending', interval: 42 });
    const stations = (await (await fetch(`${urls.http}/api/stations`)).json()) as { stations: { identity: string }[] };
    expect(stations.stations.map((s) => s.identity)).toEqual(['CLI-1']);

    const exited = once(process_, 'exit') as Promise<[number | null, string | null]>;
    process_.kill(signal);
    await station.whenClosed();
    expect((await exited)[0]).toBe(0);
  });
});
