import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Milliseconds for a fresh Node process to import core's ahead-of-time validators (median of `runs`). */
export function validatorImportMs(runs = 5): number {
  const entry = require.resolve('@evstation/core').replace(/index\.js$/, 'messages/generated/validators.js');
  const script = `const t=performance.now();await import(${JSON.stringify(entry)});console.log(performance.now()-t)`;
  return median(Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString().trim())));
}

/** Milliseconds for a fresh Node process to compile all 128 official schemas with ajv at run time (median). */
export function runtimeCompileMs(runs = 3): number {
  const schemas = require.resolve('ocpp-rpc/lib/schemas/ocpp2_0_1.json');
  const ajv = require.resolve('ajv');
  const formats = require.resolve('ajv-formats');
  const script = `
    const Ajv = require(${JSON.stringify(ajv)}).default; const addFormats = require(${JSON.stringify(formats)}).default;
    const schemas = require(${JSON.stringify(schemas)});
    const t = performance.now();
    const ajv = new Ajv({ strictSchema: false }); addFormats(ajv);
    for (const s of schemas) { const { $id, ...rest } = s; ajv.compile(rest); }
    console.log(performance.now() - t);`;
  return median(Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', script]).toString().trim())));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
