import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChargePointTlsMaterial } from '@evstation/core';
import { readStationTlsFiles, StationConfigError } from '@evstation/wiring';
import { Command, CommanderError } from 'commander';
import { PiConfigError } from './config-reader.js';
import type { PiConfig } from './pi-config.js';
import { parsePiConfig } from './parse-pi-config.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** What the command line asks for: run with a checked config, or print (help, version). */
export type PiCommand = { kind: 'run'; config: PiConfig; tls: ChargePointTlsMaterial | undefined } | { kind: 'print'; text: string };

/**
 * Reads `station-pi --config <file>` (or EVSTATION_CONFIG), parses and checks the JSON and reads the TLS files it
 * names. Throws PiConfigError naming the option, the file or the field (exit code 2).
 */
export function readPiCommand(args: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env, readText: (path: string) => string = (path) => readFileSync(path, 'utf8')): PiCommand {
  let printed = '';
  const program = new Command('station-pi')
    .description('evstation reference board app: Modbus meter, GPIO lock, OpenEVSE (RAPI) controller, serial token reader')
    .version(version)
    .option('--config <file>', 'the JSON config (see config.example.json) [EVSTATION_CONFIG]')
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: (text) => (printed += text), writeErr: () => undefined, outputError: () => undefined });
  try {
    program.parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { kind: 'print', text: printed };
    throw new PiConfigError(error.message.replace(/^error: /, ''));
  }
  const path = program.opts<{ config?: string }>().config ?? env['EVSTATION_CONFIG'];
  if (path === undefined) throw new PiConfigError('give the config file: --config <file> (or EVSTATION_CONFIG)');
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `is not valid JSON: ${error.message}` : `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new PiConfigError(`the config file ${path} ${reason}`);
  }
  try {
    const config = parsePiConfig(json, env);
    return { kind: 'run', config, tls: readStationTlsFiles(config.csms, { ca: 'csms.ca', cert: 'csms.cert', key: 'csms.key' }, readText) };
  } catch (error) {
    if (error instanceof PiConfigError || error instanceof StationConfigError) throw new PiConfigError(`${path}: ${error.message}`);
    throw error;
  }
}
