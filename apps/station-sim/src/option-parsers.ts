import { LOG_LEVELS, type ControlAddress, type LogLevel } from './sim-options.js';

/** OCPP identifierString (Part 4 §3): letters, digits and * - _ = : + | @ . */
const IDENTIFIER_STRING = /^[A-Za-z0-9*\-_=:+|@.]+$/;

/** A whole number in [min, max]. */
export function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new Error(`must be a whole number from ${min} to ${max} (got ${JSON.stringify(text)})`);
    return value;
  };
}

/** The CSMS base URL: ws:// or wss://, with a host. */
export function csmsUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`must be a ws:// or wss:// URL (got ${JSON.stringify(text)})`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`must be a ws:// or wss:// URL (got ${JSON.stringify(text)})`);
  if (url.username !== '' || url.password !== '') throw new Error('must not carry credentials: give the password with --password');
  return text.replace(/\/+$/, '');
}

/** The station identity: an identifierString without ':' (it is the Basic-auth user name), short enough for suffixes. */
export function identity(text: string): string {
  if (text.length < 1 || text.length > 43) throw new Error(`must be 1 to 43 characters (48 with the -0001 suffix of several stations), got ${text.length}`);
  if (!IDENTIFIER_STRING.test(text) || text.includes(':')) throw new Error(`may hold only letters, digits and * - _ = + | @ . (got ${JSON.stringify(text)})`);
  return text;
}

/** `--db`: a file path or `:memory:`. */
export function database(text: string): string {
  if (text.trim() === '') throw new Error('must be a file path or :memory:');
  return text;
}

/** Security profile 0 (none, development only) to 3 (mutual TLS). */
export function securityProfile(text: string): 0 | 1 | 2 | 3 {
  return wholeNumber(0, 3)(text) as 0 | 1 | 2 | 3;
}

/** SecurityCtrlr.BasicAuthPassword: 16 to 40 printable ASCII characters (passwordString). The value is never echoed. */
export function password(text: string): string {
  if (text.length < 16 || text.length > 40) throw new Error(`must be 16 to 40 characters (got ${text.length})`);
  if (!/^[\x21-\x7e]+$/.test(text)) throw new Error('may hold only printable ASCII characters without spaces');
  return text;
}

/** A file name (PEM files for TLS); read later, where a missing file is reported by name. */
export function fileName(text: string): string {
  if (text.trim() === '') throw new Error('must name a file');
  return text;
}

/** `--control host:port` (IPv6 as `[::1]:8180`), or `off`. */
export function controlAddress(text: string): ControlAddress | undefined {
  if (text === 'off') return undefined;
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3];
  if (host === undefined || port === undefined) throw new Error(`must be host:port (e.g. 127.0.0.1:8180) or off (got ${JSON.stringify(text)})`);
  return { host, port: wholeNumber(0, 65_535)(port) };
}

/** A pino log level. */
export function logLevel(text: string): LogLevel {
  const level = LOG_LEVELS.find((l) => l === text);
  if (level === undefined) throw new Error(`must be one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(text)})`);
  return level;
}
