import { evstationRate, rawWsRate } from './rpc-roundtrip.bench.js';
import { runtimeCompileMs, validatorImportMs } from './validator-load.bench.js';

const calls = Number(process.env['BENCH_CALLS'] ?? 20_000);
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  console.log(`evstation bench (node ${process.version}, ${calls} sequential calls per loop)`);
  // Warm both paths once so JIT state is comparable, then measure in alternating order.
  await rawWsRate(2_000);
  await evstationRate(2_000);
  const raw = await rawWsRate(calls);
  const ours = await evstationRate(calls);
  console.log('\nRPC round trip: MeterValues with 10 sampled values, CALL -> CALLRESULT, sequential, loopback');
  console.log(`  raw ws (JSON only)               ${fmt(raw.callsPerSecond).padStart(8)} calls/s`);
  console.log(`  evstation (transport+RPC+schema) ${fmt(ours.callsPerSecond).padStart(8)} calls/s`);
  console.log(`  ratio ours/raw                   ${fmt(ours.callsPerSecond / raw.callsPerSecond, 2).padStart(8)}   (target >= 0.60)`);

  const importMs = validatorImportMs();
  const compileMs = runtimeCompileMs();
  console.log('\nValidators: all 128 OCPP 2.0.1 schemas');
  console.log(`  import ahead-of-time validators  ${fmt(importMs, 1).padStart(8)} ms`);
  console.log(`  ajv compile at run time          ${fmt(compileMs, 1).padStart(8)} ms   (baseline)`);
  console.log(`  ratio import/compile             ${fmt(importMs / compileMs, 2).padStart(8)}`);
}

await main();
