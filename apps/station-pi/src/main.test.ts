import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfigJson } from './testing/example-config.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(join(tmpdir(), 'station-pi-main-'));

/** What a board runs is dist/main.js, so this spawns it after `tsc -b`. */
beforeAll(async () => {
  await promisify(execFile)(process.execPath, [tsc, '-b', packageDir], { cwd: packageDir });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { NODE_OPTIONS: _workerOptions, EVSTATION_PASSWORD: _password, EVSTATION_CONFIG: _config, ...env } = process.env;
  const child = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('station-pi dist/main.js (issue 6 §4)', () => {
  it('refuses an incomplete config with exit code 2 and a message naming the missing field', async () => {
    const config = exampleConfigJson();
    delete config['controller'];
    config['csms'] = { url: 'ws://csms.test', securityProfile: 0 };
    const path = join(dir, 'incomplete.json');
    writeFileSync(path, JSON.stringify(config));
    const result = await run(['--config', path]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`station-pi: ${path}: the config is not complete: controller.port is missing (a string)\n`);
  });

  it('without a config says how to give one, with exit code 2', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('station-pi: give the config file: --config <file> (or EVSTATION_CONFIG)\n');
  });
});
