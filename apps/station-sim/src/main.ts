#!/usr/bin/env node
import { SystemClock } from '@evstation/adapters-hw';
import { createAppContainer, createStationContainer, readStationTlsFiles, StationConfigError, systemModule, TOKENS } from '@evstation/wiring';
import { pino } from 'pino';
import { parseSimArgs, type SimCommand } from './cli-options.js';
import { EventHub } from './event-hub.js';
import { startLocalCsms } from './local-csms.js';
import { simStationModules } from './sim-container.js';
import { SimUsageError } from './sim-options.js';
import { startSimRuntime } from './sim-runtime.js';
import { simStationSettings } from './sim-station-settings.js';
import { StationMonitor } from './station-monitor.js';

/** Exit code for bad options (issue 6 §2), as csms-dev. */
const EXIT_USAGE = 2;

function usage(error: unknown): never {
  if (!(error instanceof SimUsageError) && !(error instanceof StationConfigError)) throw error;
  process.stderr.write(`station-sim: ${error.message}\nRun station-sim --help for the options.\n`);
  process.exit(EXIT_USAGE);
}

let command: SimCommand;
let tls;
try {
  command = parseSimArgs(process.argv.slice(2));
  if (command.kind === 'print') {
    process.stdout.write(command.text);
    process.exit(0);
  }
  tls = readStationTlsFiles(command.options, { ca: '--ca', cert: '--cert', key: '--key' });
} catch (error) {
  usage(error);
}
const options = command.options;

// Logs go to stderr (stdout carries the URLs); secrets are redacted from anything logged.
const logger = pino(
  { name: 'station-sim', level: options.logLevel, redact: { paths: ['password', '*.password', 'basicAuthPassword', '*.basicAuthPassword', 'clientPrivateKey', '*.clientPrivateKey'], censor: '[redacted]' } },
  pino.destination(2),
);
logger.info({ options: { ...options, deviceModel: `${options.deviceModel.length} value(s)` } }, 'station-sim starting');

const clock = new SystemClock();
const csms = options.csms === undefined ? await startLocalCsms({ logger, ...(options.password === undefined ? {} : { password: options.password }) }) : undefined;
const csmsUrl = options.csms ?? csms?.ocppUrl ?? '';
const hub = new EventHub();
const app = createAppContainer([systemModule({ logger, clock })]);
const stations = Array.from({ length: options.stations }, (_, index) => {
  const monitor = new StationMonitor({ clock, hub, csmsUrl, messageLog: options.messageLog });
  const modules = simStationModules(options, index, simStationSettings(options, index, csmsUrl, tls), monitor.observer);
  // The one place the container is asked for anything (DESIGN rule 3).
  const { host, evses } = createStationContainer(app, modules).get(TOKENS.SimulatedStation);
  monitor.attach({ host, evses });
  return { host, evses, monitor };
});

let runtime;
try {
  runtime = await startSimRuntime({ clock, logger, hub, options, stations });
} catch (error) {
  process.stderr.write(`station-sim: cannot start: ${(error as Error).message}\n`);
  await csms?.close();
  process.exit(1);
}
const count = `${options.stations} station${options.stations === 1 ? '' : 's'}`;
const evses = `${options.evses} EVSE${options.evses === 1 ? '' : 's'}${options.stations === 1 ? '' : ' each'}`;
const [firstFailure] = runtime.failed;
if (firstFailure !== undefined) {
  process.stderr.write(`station-sim: ${runtime.failed.length} of ${count} did not start; ${firstFailure.id}: ${firstFailure.reason}\n`);
  if (runtime.failed.length === options.stations) {
    await runtime.stop();
    await csms?.close();
    process.exit(1);
  }
}
process.stdout.write(`station-sim: ${count} with ${evses} -> ${csmsUrl}\n`);
if (csms !== undefined) process.stdout.write(`station-sim: csms-dev started on loopback; its HTTP API: ${csms.httpUrl}/api/stations\n`);
if (runtime.controlUrl !== undefined) process.stdout.write(`station-sim dashboard: ${runtime.controlUrl}/\nstation-sim control API: ${runtime.controlUrl}/api/stations\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  // A second signal while closing: the user wants out now.
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'shutting down');
  runtime
    .stop()
    .then(() => csms?.close())
    .then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
