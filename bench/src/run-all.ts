import { drainAfterReconnect, durableQueueThroughput } from './durable-queue.bench.js';
import { evseManagerCpu } from './evse-manager.bench.js';
import { modbusMeterReads, type ServedRequest } from './modbus-meter.bench.js';
import { evstationRate, rawWsRate } from './rpc-roundtrip.bench.js';
import { stationBoot, stationMemory } from './station-boot.bench.js';
import { stationFleet } from './station-fleet.bench.js';
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

  const boot = await stationBoot(Number(process.env['BENCH_BOOT_RUNS'] ?? 10));
  const vsClient = (ms: number): string => `(${fmt(ms / boot.rpcClientMs, 1)}x baseline)`;
  console.log(`\nStation boot: ChargePoint + DeviceModel + WsTransport + SQLite file, 2 EVSEs, strict ocpp-rpc CSMS on loopback, median of ${boot.runs}`);
  console.log(`  ocpp-rpc client connect+Boot     ${fmt(boot.rpcClientMs, 1).padStart(8)} ms   (baseline: bare client, no stores)`);
  console.log(`  new db: open+migrate+load        ${fmt(boot.fresh.assembleMs, 1).padStart(8)} ms`);
  console.log(`  new db: start() -> Accepted      ${fmt(boot.fresh.startToAcceptedMs, 1).padStart(8)} ms   ${vsClient(boot.fresh.startToAcceptedMs)}`);
  console.log(`  new db: total                    ${fmt(boot.fresh.assembleMs + boot.fresh.startToAcceptedMs, 1).padStart(8)} ms   ${vsClient(boot.fresh.assembleMs + boot.fresh.startToAcceptedMs)}`);
  console.log(`  restart: open+load               ${fmt(boot.restart.assembleMs, 1).padStart(8)} ms`);
  console.log(`  restart: start() -> Accepted     ${fmt(boot.restart.startToAcceptedMs, 1).padStart(8)} ms   ${vsClient(boot.restart.startToAcceptedMs)}`);
  console.log(`  restart: total                   ${fmt(boot.restart.assembleMs + boot.restart.startToAcceptedMs, 1).padStart(8)} ms   ${vsClient(boot.restart.assembleMs + boot.restart.startToAcceptedMs)}`);
  if (boot.violations.length > 0) console.log(`  note: the strict CSMS refused ${boot.violations.length} station frame(s), first: ${boot.violations[0] ?? ''}`);

  const memory = await stationMemory(Number(process.env['BENCH_MEMORY_RUNS'] ?? 3));
  const mb = (bytes: number): string => fmt(bytes / 1024 / 1024, 1).padStart(8);
  const delta = (bytes: number): string => `${bytes >= 0 ? '+' : '-'}${fmt(Math.abs(bytes) / 1024 / 1024, 1)} MB`;
  console.log(`\nMemory: one child process each, after gc() (--expose-gc), median of ${memory.runs}`);
  console.log(`  empty node process               ${mb(memory.empty.rss)} MB rss ${mb(memory.empty.heapUsed)} MB heap   (baseline)`);
  console.log(`  import @evstation/core           ${mb(memory.core.rss)} MB rss ${mb(memory.core.heapUsed)} MB heap   (${delta(memory.core.rss - memory.empty.rss)} rss over empty)`);
  console.log(
    `  booted station (Accepted)        ${mb(memory.station.rss)} MB rss ${mb(memory.station.heapUsed)} MB heap   (${delta(memory.station.rss - memory.empty.rss)} rss over empty, ${delta(memory.station.rss - memory.core.rss)} over core)`,
  );

  const queue = await durableQueueThroughput(Number(process.env['BENCH_QUEUE_EVENTS'] ?? 2_000));
  console.log(`\nDurable TransactionEvents: ${fmt(queue.events)} Updated events, persist + send + answer + delete, strict CSMS on loopback, SQLite WAL synchronous=FULL`);
  console.log(`  raw SQLite insert+delete cycle   ${fmt(queue.rawSqlitePerSecond).padStart(8)} events/s   (baseline, same disk)`);
  console.log(`  evstation whole stack            ${fmt(queue.stackPerSecond).padStart(8)} events/s`);
  console.log(`  ratio ours/raw                   ${fmt(queue.stackPerSecond / queue.rawSqlitePerSecond, 2).padStart(8)}   (target >= 0.70)`);
  const drain = await drainAfterReconnect(Number(process.env['BENCH_DRAIN_EVENTS'] ?? 10_000));
  console.log(`  drain ${fmt(drain.events)} queued after reconnect ${fmt(drain.drainMs).padStart(8)} ms   (${fmt(drain.perSecond)} events/s; R4 asks >= 50/s)`);

  const modbus = await modbusMeterReads(Number(process.env['BENCH_MODBUS_SECONDS'] ?? 3));
  const requests = (list: readonly Omit<ServedRequest, 'unitId'>[]): string =>
    list.map((r) => `FC${r.fc} 0x${r.address.toString(16).padStart(4, '0')} x${r.count}`).join(', ');
  const planned = requests(modbus.plan);
  const sameOnWire = requests(modbus.served.ours) === planned && requests(modbus.served.raw) === planned;
  console.log(`\nModbus TCP meter reads: ${modbus.model.description}, full readings, sequential for ${fmt(modbus.ours.seconds, 1)} s, ServerTCP on loopback`);
  console.log(`  requests per reading             ${String(modbus.plan.length).padStart(8)}   (${planned}${sameOnWire ? ', same on the wire for both' : ''})`);
  const perRequest = (rate: number): string => `${fmt(rate * modbus.plan.length)} requests/s`;
  console.log(`  raw modbus-serial, same requests ${fmt(modbus.raw.readsPerSecond).padStart(8)} reads/s   (baseline, ${perRequest(modbus.raw.readsPerSecond)})`);
  console.log(`  evstation ModbusPowerMeter.read  ${fmt(modbus.ours.readsPerSecond).padStart(8)} reads/s   (${perRequest(modbus.ours.readsPerSecond)})`);
  console.log(`  ratio ours/raw                   ${fmt(modbus.ours.readsPerSecond / modbus.raw.readsPerSecond, 2).padStart(8)}`);
  console.log('  note: ServerTCP answers each request after a setTimeout(0) (>= 1 ms), so both sides stay under ~1,000 requests/s');
  if (!sameOnWire) console.log(`  note: the server saw ours: ${requests(modbus.served.ours)}; raw: ${requests(modbus.served.raw)}`);
  if (modbus.ours.failed > 0) console.log(`  note: ${modbus.ours.failed} of ${modbus.ours.reads} readings through the adapter failed`);

  const evse = await evseManagerCpu(Number(process.env['BENCH_EVSE_STATIONS'] ?? 100), Number(process.env['BENCH_EVSE_MINUTES'] ?? 120));
  const perMinute = (cost: { perStationMinuteMs: number }): string => fmt(cost.perStationMinuteMs, 4).padStart(8);
  console.log(
    `\nevse-manager CPU: ${evse.stations} simulated stations x ${evse.evsesPerStation} EVSEs, all charging, ${evse.minutes} simulated minutes on a hand-moved clock, meters every ${evse.meterIntervalS} s`,
  );
  console.log(`  hardware only                    ${perMinute(evse.baseline)} ms CPU per station-minute   (baseline)`);
  console.log(`  + bare meter-read timer loop     ${perMinute(evse.rawPolling)} ms CPU per station-minute   (${fmt(evse.rawPolling.meterValues)} reads)`);
  console.log(`  + evse-manager + ChargePoint     ${perMinute(evse.managed)} ms CPU per station-minute   (${fmt(evse.managed.meterValues)} MeterValues)`);
  console.log(`  evse-manager over bare polling   ${fmt(evse.managed.perStationMinuteMs - evse.rawPolling.perStationMinuteMs, 4).padStart(8)} ms per station-minute, ratio ${fmt(evse.managed.cpuMs / evse.rawPolling.cpuMs, 2)}`);
  if (evse.managed.charging !== evse.stations * evse.evsesPerStation) console.log(`  note: only ${evse.managed.charging} EVSEs were charging at the end of the managed run`);

  const fleet = await stationFleet(Number(process.env['BENCH_FLEET_STATIONS'] ?? 1000), Number(process.env['BENCH_FLEET_CPU_SECONDS'] ?? 60));
  const kb = (bytes: number): string => fmt(bytes / 1024).padStart(8);
  const perStation = (rss: number): number => (rss - fleet.baselineRssBytes) / (fleet.stations - 1);
  console.log(`\nstation-sim fleet: one process with --stations ${fmt(fleet.stations)} (${fleet.evses} EVSEs each, --db :memory:) against csms-dev in the bench process`);
  console.log(`  boot storm: spawn -> all Accepted ${fmt(fleet.bootStormMs).padStart(8)} ms   (${fmt(fleet.bootStormMs / fleet.stations, 2)} ms per station)`);
  console.log(`  process with 1 station           ${kb(fleet.baselineRssBytes)} KB rss   (baseline)`);
  console.log(`  booted, idle                     ${kb(perStation(fleet.fleetRssBytes))} KB rss per station beyond the baseline   (target < 200)`);
  console.log(`  one transaction per station      ${kb(perStation(fleet.chargingRssBytes))} KB rss per station beyond the baseline`);
  console.log(
    `  CPU while charging               ${fmt(fleet.cpuMs / (fleet.stations * (fleet.cpuWindowS / 60)), 2).padStart(8)} ms CPU per station-minute   (${fleet.charging} transactions, TxUpdatedInterval 60 s, meters read every 10 s; ${fmt(fleet.meterMessages)} meter messages in ${fleet.cpuWindowS} s)`,
  );
  console.log(`  graceful shutdown (SIGTERM)      ${fmt(fleet.shutdownMs).padStart(8)} ms   (exit code ${String(fleet.shutdownCode)})`);
}

await main();
