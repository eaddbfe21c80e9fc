import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { readConfigFile, type ConfigFileValues } from './config-file.js';
import * as parse from './option-parsers.js';
import { checkCombination } from './option-combination.js';
import { DEFAULT_CONTROL, DEFAULTS, LOG_LEVELS, SimUsageError, type SimOptions } from './sim-options.js';

// The same relative path from src/ and from dist/.
const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** One option: its flag, environment variable and config-file key, and how its text is read. */
interface OptionSpec {
  key: OptionKey;
  flag: string;
  description: string;
  parse: (text: string) => unknown;
}

type OptionKey = 'csms' | 'id' | 'evses' | 'stations' | 'db' | 'securityProfile' | 'password' | 'ca' | 'cert' | 'key' | 'control' | 'logLevel' | 'messageLog';

/** Every option of issue 6 §2 (plus --message-log); `EVSTATION_<FLAG>` and the config file's camelCase key mirror each. */
export const OPTION_SPECS: readonly OptionSpec[] = [
  { key: 'csms', flag: '--csms <url>', description: 'CSMS base URL (ws:// or wss://); default: start csms-dev on loopback', parse: parse.csmsUrl },
  { key: 'id', flag: '--id <identity>', description: `station identity (default ${DEFAULTS.id}; several stations: <id>-0001...)`, parse: parse.identity },
  { key: 'evses', flag: '--evses <n>', description: `EVSEs per station, one Type 2 connector each (default ${DEFAULTS.evses})`, parse: parse.wholeNumber(1, 32) },
  { key: 'stations', flag: '--stations <n>', description: `stations in this process (default ${DEFAULTS.stations})`, parse: parse.wholeNumber(1, 10_000) },
  { key: 'db', flag: '--db <path|:memory:>', description: 'SQLite file (default ./data/<identity>.db); :memory: keeps everything in memory', parse: parse.database },
  { key: 'securityProfile', flag: '--security-profile <n>', description: 'OCPP security profile 0-3 (default 0)', parse: parse.securityProfile },
  { key: 'password', flag: '--password <password>', description: 'Basic-auth password, profiles 1 and 2 (prefer EVSTATION_PASSWORD: kept out of ps)', parse: parse.password },
  { key: 'ca', flag: '--ca <file>', description: 'CSMS root certificate(s), PEM (profiles 2, 3)', parse: parse.fileName },
  { key: 'cert', flag: '--cert <file>', description: 'station certificate chain, PEM (profile 3)', parse: parse.fileName },
  { key: 'key', flag: '--key <file>', description: 'station private key, PEM (profile 3)', parse: parse.fileName },
  { key: 'control', flag: '--control <host:port|off>', description: `control API and dashboard (default ${DEFAULT_CONTROL.host}:${DEFAULT_CONTROL.port})`, parse: parse.controlAddress },
  { key: 'logLevel', flag: '--log-level <level>', description: `log level, logs go to stderr: ${LOG_LEVELS.join(', ')} (default ${DEFAULTS.logLevel})`, parse: parse.logLevel },
  { key: 'messageLog', flag: '--message-log <frames>', description: `OCPP frames kept per station for the message log (default ${DEFAULTS.messageLog})`, parse: parse.wholeNumber(1, 100_000) },
];

/** `--security-profile <n>` -> `security-profile`. */
function flagName(spec: OptionSpec): string {
  return /^--([a-z-]+)/.exec(spec.flag)?.[1] ?? spec.key;
}

/** The environment variable of an option: `EVSTATION_SECURITY_PROFILE`. */
export function envName(spec: OptionSpec): string {
  return `EVSTATION_${flagName(spec).toUpperCase().replace(/-/g, '_')}`;
}

/** What the command line asks for. */
export type SimCommand = { readonly kind: 'run'; readonly options: SimOptions } | { readonly kind: 'print'; readonly text: string };

/** Where options come from besides the arguments (tests give their own). */
export interface OptionSources {
  env?: Readonly<Record<string, string | undefined>>;
  readText?: (path: string) => string;
}

/**
 * Reads station-sim's options: command line first, then `EVSTATION_*` environment variables, then the JSON config file
 * (`--config` or EVSTATION_CONFIG), then defaults. Throws SimUsageError naming the option and its source.
 */
export function parseSimArgs(args: readonly string[], sources: OptionSources = {}): SimCommand {
  const env = sources.env ?? process.env;
  let printed = '';
  const program = new Command('station-sim')
    .description('Simulated OCPP 2.0.1 charging station(s) with a control API and a dashboard')
    .version(version)
    .option('--config <file>', 'JSON config file with the same options in camelCase (and deviceModel values)')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: (text) => (printed += text), writeErr: () => undefined, outputError: () => undefined });
  for (const spec of OPTION_SPECS) program.option(spec.flag, `${spec.description} [${envName(spec)}]`);
  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { kind: 'print', text: printed };
    throw new SimUsageError(error.message.replace(/^error: /, ''));
  }
  const cli = program.opts<Record<string, string | undefined>>();
  const configPath = cli['config'] ?? env['EVSTATION_CONFIG'];
  const file: ConfigFileValues = configPath === undefined ? { values: {}, deviceModel: [] } : readConfigFile(configPath, sources.readText ?? ((path) => readFileSync(path, 'utf8')));
  const values: Partial<Record<OptionKey, unknown>> = {};
  for (const spec of OPTION_SPECS) {
    const candidates: [string | undefined, string][] = [
      [cli[spec.key], `option '${spec.flag.split(' ')[0] ?? spec.flag}'`],
      [env[envName(spec)], envName(spec)],
      [file.values[spec.key], `${configPath ?? ''}: "${spec.key}"`],
    ];
    const found = candidates.find(([text]) => text !== undefined);
    if (found === undefined) continue;
    const [text, source] = found;
    try {
      values[spec.key] = spec.parse(text ?? '');
    } catch (error) {
      throw new SimUsageError(`${source} ${(error as Error).message}`);
    }
  }
  const unknown = Object.keys(file.values).filter((key) => !OPTION_SPECS.some((spec) => spec.key === key));
  if (unknown.length > 0) throw new SimUsageError(`${configPath ?? ''}: unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}`);
  const options = withDefaults(values, file.deviceModel, 'control' in values);
  checkCombination(options);
  return { kind: 'run', options };
}

function withDefaults(values: Partial<Record<OptionKey, unknown>>, deviceModel: SimOptions['deviceModel'], controlGiven: boolean): SimOptions {
  const given = values as Partial<SimOptions>;
  const control = controlGiven ? given.control : DEFAULT_CONTROL;
  return {
    id: given.id ?? DEFAULTS.id,
    evses: given.evses ?? DEFAULTS.evses,
    stations: given.stations ?? DEFAULTS.stations,
    securityProfile: given.securityProfile ?? DEFAULTS.securityProfile,
    logLevel: given.logLevel ?? DEFAULTS.logLevel,
    messageLog: given.messageLog ?? DEFAULTS.messageLog,
    deviceModel,
    ...(given.csms === undefined ? {} : { csms: given.csms }),
    ...(given.db === undefined ? {} : { db: given.db }),
    ...(given.password === undefined ? {} : { password: given.password }),
    ...(given.ca === undefined ? {} : { ca: given.ca }),
    ...(given.cert === undefined ? {} : { cert: given.cert }),
    ...(given.key === undefined ? {} : { key: given.key }),
    ...(control === undefined ? {} : { control }),
  };
}
