#!/usr/bin/env node
import { pino } from 'pino';
import { CliUsageError, parseCliArgs, type CliCommand } from './cli-options.js';
import { startCsmsDev } from './csms-dev.js';

/** Exit code for a bad command line (as in BSD sysexits' convention for usage errors of small tools). */
const EXIT_USAGE = 2;

let command: CliCommand;
try {
  command = parseCliArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliUsageError)) throw error;
  process.stderr.write(`csms-dev: ${error.message}\nRun csms-dev --help for the options.\n`);
  process.exit(EXIT_USAGE);
}

if (command.kind === 'print') {
  process.stdout.write(command.text);
  process.exit(0);
}

// Logs go to stderr so stdout carries only the listening URLs (easy to script against).
const logger = pino({ name: 'csms-dev', level: command.logLevel }, pino.destination(2));
let csms;
try {
  csms = await startCsmsDev({ ...command.options, logger });
} catch (error) {
  process.stderr.write(`csms-dev: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(`csms-dev OCPP 2.0.1 websocket: ${csms.ocppUrl}/<identity>\ncsms-dev HTTP API:            ${csms.httpUrl}/api/stations\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    // A second signal while closing: the user wants out now.
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'shutting down');
  csms.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: (error as Error).message }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
