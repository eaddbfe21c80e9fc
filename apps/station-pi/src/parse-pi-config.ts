import { METER_MODELS, type ModbusLinkConfig } from '@evstation/adapters-hw';
import type { ConfigValue } from '@evstation/core';
import { ConfigReader, PiConfigError } from './config-reader.js';
import type { PiConfig } from './pi-config.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const TOP_LEVEL = ['station', 'csms', 'storage', 'evse', 'meter', 'lock', 'controller', 'tokenReader', 'deviceModel', 'logLevel'];

function meterLink(reader: ConfigReader): ModbusLinkConfig | undefined {
  const rtu = reader.has('meter.rtu');
  const tcp = reader.has('meter.tcp');
  if (rtu === tcp) {
    reader.problem('meter', rtu ? 'must name either "rtu" or "tcp", not both' : 'needs "rtu": { "port", "baudRate" } or "tcp": { "host", "port" }');
    return undefined;
  }
  if (tcp) return { transport: 'tcp', host: reader.string('meter.tcp.host'), port: reader.integer('meter.tcp.port', 1, 65_535, { optional: true }) ?? 502 };
  const parity = reader.oneOf('meter.rtu.parity', ['none', 'even', 'odd'] as const, { optional: true });
  const dataBits = reader.oneOf('meter.rtu.dataBits', [7, 8] as const, { optional: true });
  const stopBits = reader.oneOf('meter.rtu.stopBits', [1, 2] as const, { optional: true });
  return {
    transport: 'rtu',
    path: reader.string('meter.rtu.port'),
    baudRate: reader.oneOf('meter.rtu.baudRate', [1200, 2400, 4800, 9600, 19_200, 38_400, 57_600, 115_200] as const) ?? 9600,
    ...(parity === undefined ? {} : { parity }),
    ...(dataBits === undefined ? {} : { dataBits }),
    ...(stopBits === undefined ? {} : { stopBits }),
  };
}

function lock(reader: ConfigReader, tethered: boolean): PiConfig['lock'] {
  if (!reader.has('lock') || reader.raw('lock') === null) {
    if (!tethered) reader.problem('lock', 'is missing: give the lock\'s GPIO pins ("pins": { "lock", "unlock", "feedback" }), or set evse.tethered to true');
    return null;
  }
  const pin = (name: string): number => reader.integer(`lock.pins.${name}`, 0, 4095) ?? 0;
  const pins = { lock: pin('lock'), unlock: pin('unlock'), feedback: pin('feedback') };
  if (new Set(Object.values(pins)).size !== 3 && reader.problems.length === 0) reader.problem('lock.pins', 'must be three different GPIO lines');
  const lockedLevel = reader.oneOf('lock.lockedLevel', [0, 1] as const, { optional: true });
  const timing: Record<string, number> = {};
  for (const name of ['pulseMs', 'settleMs', 'retries', 'retryPauseMs', 'debounceMs']) {
    const value = reader.integer(`lock.timing.${name}`, 0, 60_000, { optional: true });
    if (value !== undefined) timing[name] = value;
  }
  return { pins, ...(lockedLevel === undefined ? {} : { lockedLevel }), ...(Object.keys(timing).length === 0 ? {} : { timing }) };
}

function tokenReader(reader: ConfigReader): PiConfig['tokenReader'] {
  const raw = reader.raw('tokenReader');
  if (raw === 'none') return null;
  if (raw === undefined) {
    reader.problem('tokenReader', 'is missing: give { "port": "/dev/ttyUSB1", "baudRate": 9600 }, or "none" for a board without a reader');
    return null;
  }
  return { port: reader.string('tokenReader.port'), baudRate: reader.integer('tokenReader.baudRate', 300, 1_000_000, { optional: true }) ?? 9600 };
}

function deviceModel(reader: ConfigReader): ConfigValue[] {
  const raw = reader.raw('deviceModel');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    reader.problem('deviceModel', 'must be a list of { component: { name }, variable: { name }, value }');
    return [];
  }
  return raw.map((_, i) => {
    const at = `deviceModel.${i}`;
    const value = reader.raw(`${at}.value`);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') reader.problem(`${at}.value`, 'must be a string, number or boolean');
    const componentInstance = reader.string(`${at}.component.instance`, { optional: true });
    const variableInstance = reader.string(`${at}.variable.instance`, { optional: true });
    return {
      component: { name: reader.string(`${at}.component.name`), ...(componentInstance === undefined ? {} : { instance: componentInstance }) },
      variable: { name: reader.string(`${at}.variable.name`), ...(variableInstance === undefined ? {} : { instance: variableInstance }) },
      value: String(value),
    };
  });
}

function csms(reader: ConfigReader, env: Readonly<Record<string, string | undefined>>): PiConfig['csms'] {
  const url = reader.string('csms.url', { max: 512 });
  const securityProfile = reader.oneOf('csms.securityProfile', [0, 1, 2, 3] as const) ?? 0;
  const rawPassword = env['EVSTATION_PASSWORD'] ?? reader.raw('csms.password');
  const password = typeof rawPassword === 'string' ? rawPassword : undefined;
  if (rawPassword !== undefined && (password === undefined || password.length < 16 || password.length > 40)) reader.problem('csms.password', 'must be 16 to 40 characters');
  if ((securityProfile === 1 || securityProfile === 2) && password === undefined) reader.problem('csms.password', `is missing: security profile ${securityProfile} needs it (or EVSTATION_PASSWORD)`);
  const ca = securityProfile >= 2 ? reader.string('csms.ca') : undefined;
  const cert = securityProfile === 3 ? reader.string('csms.cert') : undefined;
  const key = securityProfile === 3 ? reader.string('csms.key') : undefined;
  if (url !== undefined && !/^wss?:\/\//.test(url)) reader.problem('csms.url', `must start with ws:// or wss:// (got ${JSON.stringify(url)})`);
  else if (url !== undefined && securityProfile >= 2 !== url.startsWith('wss://')) reader.problem('csms.url', `must be ${securityProfile >= 2 ? 'wss://' : 'ws://'} for security profile ${securityProfile}`);
  return {
    url: url ?? '',
    securityProfile,
    ...(password === undefined || securityProfile === 0 || securityProfile === 3 ? {} : { password }),
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}

/**
 * Checks station-pi's parsed JSON config (issue 6 §4) and returns it typed; throws PiConfigError naming every field
 * that is missing or wrong. EVSTATION_PASSWORD in `env` overrides csms.password.
 */
export function parsePiConfig(json: unknown, env: Readonly<Record<string, string | undefined>> = {}): PiConfig {
  const reader = new ConfigReader(json);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new PiConfigError('the config must be a JSON object');
  const unknown = Object.keys(json).filter((key) => !TOP_LEVEL.includes(key));
  if (unknown.length > 0) reader.problems.push(`unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')} (known: ${TOP_LEVEL.join(', ')})`);
  const identity = reader.string('station.identity', { max: 48 });
  if (identity !== undefined && !/^[A-Za-z0-9*\-_=+|@.]+$/.test(identity)) reader.problem('station.identity', 'may hold only letters, digits and * - _ = + | @ .');
  const serialNumber = reader.string('station.serialNumber', { optional: true, max: 25 });
  const firmwareVersion = reader.string('station.firmwareVersion', { optional: true, max: 50 });
  const tethered = reader.oneOf('evse.tethered', [true, false] as const, { optional: true }) ?? false;
  const model = reader.string('meter.model');
  if (model !== undefined && METER_MODELS[model] === undefined) reader.problem('meter.model', `must be one of ${Object.keys(METER_MODELS).join(', ')} (got ${JSON.stringify(model)})`);
  const requestTimeoutMs = reader.integer('meter.requestTimeoutMs', 50, 60_000, { optional: true });
  const intervalS = reader.integer('meter.intervalS', 1, 3600, { optional: true });
  const config: PiConfig = {
    station: {
      identity: identity ?? '',
      model: reader.string('station.model', { max: 20 }) ?? '',
      vendorName: reader.string('station.vendorName', { max: 50 }) ?? '',
      ...(serialNumber === undefined ? {} : { serialNumber }),
      ...(firmwareVersion === undefined ? {} : { firmwareVersion }),
    },
    csms: csms(reader, env),
    storage: { path: reader.string('storage.path') ?? '' },
    evse: {
      id: reader.integer('evse.id', 1, 99, { optional: true }) ?? 1,
      maxCurrentA: reader.positive('evse.maxCurrentA', 80),
      phases: reader.oneOf('evse.phases', [1, 3] as const) ?? 3,
      connectorType: reader.string('evse.connectorType', { optional: true }) ?? (tethered ? 'cType2' : 'sType2'),
      tethered,
    },
    meter: {
      model: model ?? '',
      unitId: reader.integer('meter.unitId', 1, 247) ?? 1,
      link: meterLink(reader) ?? { transport: 'tcp', host: '', port: 502 },
      ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
      ...(intervalS === undefined ? {} : { intervalS }),
    },
    lock: lock(reader, tethered),
    controller: { port: reader.string('controller.port'), baudRate: reader.integer('controller.baudRate', 300, 1_000_000, { optional: true }) ?? 115_200 },
    tokenReader: tokenReader(reader),
    deviceModel: deviceModel(reader),
    logLevel: reader.oneOf('logLevel', LOG_LEVELS, { optional: true }) ?? 'info',
  };
  if (reader.problems.length > 0) throw new PiConfigError(`the config is not complete: ${reader.problems.join('; ')}`);
  return config;
}
