import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './testing/sim-test-fixture.js';
import { StrictOcppCsms } from './testing/strict-ocpp-csms.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** What users run (`npm start`) is dist/main.js, so this test spawns it after `tsc -b` (deps are built by turbo, or here). */
beforeAll(async () => {
  await promisify(execFile)(process.execPath, [tsc, '-b', packageDir], { cwd: packageDir });
}, 300_000);

let child: ChildProcessWithoutNullStreams | undefined;
let csms: StrictOcppCsms | undefined;
const dirs: string[] = [];
afterEach(async () => {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await csms?.close();
  csms = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]): { process: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; exited: Promise<number | null> } {
  // Not the test worker's NODE_OPTIONS: they carry the `@evstation/source` condition (TypeScript sources).
  const { NODE_OPTIONS: _workerOptions, ...env } = process.env;
  child = spawn(process.execPath, [mainJs, ...args], { stdio: 'pipe', env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { process: child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function post(url: string, body: unknown = {}): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
}

describe('station-sim as a child process (issue 6 §5)', () => {
  it('runs a full session driven through the control API; a strict CSMS sees a valid Boot, Status, Authorize, Started/Updated/Ended sequence; SIGTERM exits 0', async () => {
    const strict = await StrictOcppCsms.start();
    csms = strict;
    const dir = mkdtempSync(join(tmpdir(), 'station-sim-e2e-'));
    dirs.push(dir);
    const db = join(dir, 'e2e.db');
    const sim = start(['--csms', strict.url, '--id', 'E2E-1', '--db', db, '--control', '127.0.0.1:0', '--log-level', 'warn']);
    await waitUntil(() => /control API: (http:\S+)\/api\/stations/.test(sim.stdout()) || sim.process.exitCode !== null, 'station-sim to print its control URL', 30_000);
    const control = /control API: (http:\S+)\/api\/stations/.exec(sim.stdout())?.[1];
    expect(control, sim.stderr()).toBeDefined();
    const station = `${control ?? ''}/api/stations/E2E-1`;
    await waitUntil(() => strict.callsOf('StatusNotification').length >= 2, 'both connectors reported');

    await post(`${station}/evses/1/plug`);
    await waitUntil(() => strict.callsOf('StatusNotification').some((s) => s['connectorStatus'] === 'Occupied'), 'Occupied');
    await post(`${station}/evses/1/token`, { idToken: 'E2E0001' });
    await waitUntil(() => strict.callsOf('TransactionEvent').some((e) => (e['transactionInfo'] as { chargingState?: string }).chargingState === 'Charging'), 'the EV charging');
    await post(`${station}/evses/1/ev`, { suspended: true });
    await waitUntil(() => strict.callsOf('TransactionEvent').some((e) => (e['transactionInfo'] as { chargingState?: string }).chargingState === 'SuspendedEV'), 'SuspendedEV');
    await post(`${station}/evses/1/unplug`);
    await waitUntil(() => strict.callsOf('TransactionEvent').some((e) => e['eventType'] === 'Ended'), 'TransactionEvent Ended');

    const actions = strict.calls.map((call) => call.action).filter((action) => action !== 'SecurityEventNotification' && action !== 'MeterValues' && action !== 'Heartbeat');
    const firstTx = actions.indexOf('TransactionEvent');
    expect(actions[0]).toBe('BootNotification');
    expect(actions.slice(1, 3)).toEqual(['StatusNotification', 'StatusNotification']);
    expect(actions.indexOf('Authorize')).toBeGreaterThan(2);
    expect(actions.indexOf('Authorize')).toBeLessThan(firstTx);
    expect(strict.callsOf('BootNotification')).toMatchObject([{ reason: 'PowerUp', chargingStation: { model: 'station-sim', vendorName: 'evstation' } }]);
    expect(strict.callsOf('Authorize')).toMatchObject([{ idToken: { idToken: 'E2E0001', type: 'ISO14443' } }]);
    const events = strict.callsOf('TransactionEvent');
    expect(events[0]).toMatchObject({ eventType: 'Started', seqNo: 0, evse: { id: 1, connectorId: 1 } });
    expect(events.slice(1, -1).every((e) => e['eventType'] === 'Updated')).toBe(true);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ eventType: 'Ended', seqNo: events.length - 1 });
    expect(new Set(events.map((e) => (e['transactionInfo'] as { transactionId: string }).transactionId)).size).toBe(1);
    expect(strict.violations).toEqual([]);

    sim.process.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    // A clean close checkpoints the WAL into the database file.
    expect(existsSync(db)).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('bad options print a clear message on stderr and exit with code 2', async () => {
    const bad = start(['--evses', '0']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/^station-sim: option '--evses' must be a whole number from 1 to 32 \(got "0"\)/);
    const missingCa = start(['--security-profile', '2', '--password', 'a-password-of-24-chars!!', '--ca', '/nonexistent/ca.pem', '--csms', 'wss://csms.example']);
    expect(await missingCa.exited).toBe(2);
    expect(missingCa.stderr()).toMatch(/cannot read --ca file \/nonexistent\/ca\.pem: ENOENT/);
  });

  it('a station that cannot start (a device model value for an unknown variable) is named with the reason, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-sim-e2e-'));
    dirs.push(dir);
    const config = join(dir, 'sim.json');
    writeFileSync(config, JSON.stringify({ deviceModel: [{ component: { name: 'TxCtrlr' }, variable: { name: 'NoSuchVariable' }, value: 1 }] }));
    const sim = start(['--config', config, '--db', ':memory:', '--control', 'off', '--csms', 'ws://127.0.0.1:9', '--log-level', 'silent']);
    expect(await sim.exited).toBe(1);
    expect(sim.stderr()).toMatch(/^station-sim: 1 of 1 station did not start; evstation-sim: Invalid device model configuration:\n - TxCtrlr\.NoSuchVariable: a config value is given for a variable that is not defined/);
  });
});
