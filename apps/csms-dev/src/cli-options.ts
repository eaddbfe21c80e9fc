import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CsmsDevOptions } from './csms-dev.js';
import { REGISTRATION_STATUSES } from './policy.js';

// The same relative path from src/ and from dist/.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A pino log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the command line asks for. */
export type CliCommand =
  /** Start csms-dev with these options. */
  | { readonly kind: 'run'; readonly options: CsmsDevOptions; readonly logLevel: LogLevel }
  /** Print `text` to stdout and exit 0 (`--help`, `--version`). */
  | { readonly kind: 'print'; readonly text: string };

/** The command line is wrong; the message says how. The CLI prints it on stderr and exits with code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Reads csms-dev's command-line arguments (without `node` and the script); throws CliUsageError on bad ones. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let printed = '';
  const program = new Command('csms-dev')
    .description('Development CSMS for OCPP 2.0.1 (strict schema checks, frame ledger, HTTP API)')
    .version(version)
    .addOption(new Option('--host <host>', 'interface to bind both servers to').default('127.0.0.1').argParser(nonEmpty('--host')))
    .addOption(new Option('--port <port>', 'OCPP websocket port (0 = any free port)').default(9000).argParser(integer('--port', 0, 65_535)))
    .addOption(new Option('--http-port <port>', 'HTTP API port (0 = any free port)').default(9001).argParser(integer('--http-port', 0, 65_535)))
    .addOption(new Option('--boot <status>', 'BootNotification status to give').choices(REGISTRATION_STATUSES).default('Accepted'))
    .addOption(
      new Option('--heartbeat-interval <seconds>', 'BootNotification interval (heartbeat, or retry wait when not Accepted)')
        .default(300)
        .argParser(integer('--heartbeat-interval', 1, 2_147_483)),
    )
    .addOption(new Option('--tokens <list>', 'comma-separated idTokens to accept (others are Invalid); default: accept all').argParser(tokenList))
    .addOption(new Option('--password <password>', 'Basic-auth password stations must present (security profile 1)').env('CSMS_DEV_PASSWORD').argParser(nonEmpty('--password')))
    .addOption(new Option('--ledger-size <frames>', 'how many frames the ledger keeps').default(10_000).argParser(integer('--ledger-size', 1, 10_000_000)))
    .addOption(new Option('--call-timeout <ms>', 'how long a CSMS->CS call waits for the answer').default(30_000).argParser(integer('--call-timeout', 1, 600_000)))
    .addOption(new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default('info'))
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: (text) => (printed += text), writeErr: () => undefined, outputError: () => undefined });

  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { kind: 'print', text: printed };
    throw new CliUsageError(error.message.replace(/^error: /, ''));
  }
  const o = program.opts<RawOptions>();
  if (o.port !== 0 && o.port === o.httpPort) throw new CliUsageError(`--port and --http-port must differ (both ${o.port})`);
  const options: CsmsDevOptions = {
    host: o.host,
    port: o.port,
    httpPort: o.httpPort,
    policy: { boot: o.boot, heartbeatInterval: o.heartbeatInterval, ...(o.tokens === undefined ? {} : { tokens: o.tokens }) },
    ledgerSize: o.ledgerSize,
    callTimeoutMs: o.callTimeout,
    ...(o.password === undefined ? {} : { password: o.password }),
  };
  return { kind: 'run', options, logLevel: o.logLevel };
}

interface RawOptions {
  host: string;
  port: number;
  httpPort: number;
  boot: (typeof REGISTRATION_STATUSES)[number];
  heartbeatInterval: number;
  tokens?: string[];
  password?: string;
  ledgerSize: number;
  callTimeout: number;
  logLevel: LogLevel;
}

function integer(flag: string, min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}.`);
    return value;
  };
}

function nonEmpty(flag: string): (text: string) => string {
  return (text) => {
    if (text === '') throw new InvalidArgumentError(`${flag} must not be empty.`);
    return text;
  };
}

function tokenList(text: string): string[] {
  const tokens = text.split(',').map((token) => token.trim());
  if (tokens.some((token) => token.length === 0 || token.length > 36)) {
    throw new InvalidArgumentError('give idTokens of 1 to 36 characters, separated by commas (e.g. --tokens AA11,BB22).');
  }
  return tokens;
}
