#!/usr/bin/env node
import { createAppContainer, TOKENS } from '@evstation/wiring';
import { pino } from 'pino';
import { PiConfigError } from './config-reader.js';
import { readPiCommand, type PiCommand } from './pi-cli.js';
import { piModules } from './pi-container.js';

/** Exit code for a bad command line or config (as station-sim and csms-dev). */
const EXIT_USAGE = 2;

let command: PiCommand;
try {
  command = readPiCommand(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof PiConfigError)) throw error;
  process.stderr.write(`station-pi: ${error.message}\n`);
  process.exit(EXIT_USAGE);
}
if (command.kind === 'print') {
  process.stdout.write(command.text);
  process.exit(0);
}
const { config, tls } = command;
const logger = pino(
  { name: 'station-pi', level: config.logLevel, redact: { paths: ['password', '*.password', 'basicAuthPassword', '*.basicAuthPassword', 'clientPrivateKey', '*.clientPrivateKey'], censor: '[redacted]' } },
  pino.destination(2),
);
logger.info({ identity: config.station.identity, csms: config.csms.url, securityProfile: config.csms.securityProfile, meter: config.meter.model }, 'station-pi starting');

// The one place the container is asked for anything (DESIGN rule 3).
const host = createAppContainer(piModules(config, tls, logger)).get(TOKENS.StationHost);
try {
  await host.start();
} catch (error) {
  logger.fatal({ err: error }, 'station did not start');
  process.exit(1);
}
process.stdout.write(`station-pi: ${config.station.identity} -> ${config.csms.url}\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'shutting down');
  host.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
