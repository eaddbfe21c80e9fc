import type { ConfigValue } from '@evstation/core';

/** pino's levels, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A pino log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the control API and dashboard listen. */
export interface ControlAddress {
  host: string;
  port: number;
}

/** What station-sim runs (issue 6 §2), after command line, environment and config file are merged. */
export interface SimOptions {
  /** CSMS base URL; undefined = start csms-dev on loopback and use it. */
  csms?: string;
  /** Station identity; with several stations each is `<id>-0001`, `<id>-0002`... */
  id: string;
  evses: number;
  stations: number;
  /** SQLite file, `:memory:` (in-memory stores), or undefined for `./data/<identity>.db`. */
  db?: string;
  securityProfile: 0 | 1 | 2 | 3;
  /** Basic-auth password (profiles 1, 2); never logged. */
  password?: string;
  /** PEM files (profiles 2, 3). */
  ca?: string;
  cert?: string;
  key?: string;
  /** undefined = no control API (`--control off`). */
  control?: ControlAddress;
  logLevel: LogLevel;
  /** OCPP frames kept per station for the message log. */
  messageLog: number;
  /** Device model values for every station (config file `deviceModel`, e.g. SampledDataCtrlr.TxUpdatedInterval). */
  deviceModel: ConfigValue[];
}

/** Default control address: loopback, so the API (which has no authentication) is not reachable from the network. */
export const DEFAULT_CONTROL: ControlAddress = { host: '127.0.0.1', port: 8180 };

/** The defaults of every option that has one. */
export const DEFAULTS = { id: 'evstation-sim', evses: 2, stations: 1, securityProfile: 0, logLevel: 'info', messageLog: 50 } as const;

/** A bad command line, environment variable or config file; the message names the option and what is wrong. Exit code 2. */
export class SimUsageError extends Error {
  override readonly name = 'SimUsageError';
}

/** The identity of station `index` (0-based) of `count`: the id itself for one station, `<id>-0001`... for several. */
export function stationIdentity(id: string, index: number, count: number): string {
  return count === 1 ? id : `${id}-${String(index + 1).padStart(4, '0')}`;
}

/** The database of station `index`: `./data/<identity>.db` by default; with several stations `<db>-0001.db`...; `:memory:` stays. */
export function stationDatabase(options: Pick<SimOptions, 'db' | 'id' | 'stations'>, index: number): string {
  const identity = stationIdentity(options.id, index, options.stations);
  if (options.db === undefined) return `data/${identity}.db`;
  if (options.db === ':memory:' || options.stations === 1) return options.db;
  const suffix = `-${String(index + 1).padStart(4, '0')}`;
  return /\.db$/i.test(options.db) ? options.db.replace(/(\.db)$/i, `${suffix}$1`) : `${options.db}${suffix}`;
}
