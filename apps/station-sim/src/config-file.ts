import type { ConfigValue } from '@evstation/core';
import { SimUsageError } from './sim-options.js';

/** A config file's option values as text (read like their command-line form) and its device model values. */
export interface ConfigFileValues {
  values: Record<string, string | undefined>;
  deviceModel: ConfigValue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ name, instance? }` of a component or variable, or a message saying what is wrong. */
function nameAndInstance(value: unknown, where: string): { name: string; instance?: string } {
  if (!isRecord(value) || typeof value['name'] !== 'string' || value['name'] === '') throw new SimUsageError(`${where} must be { "name": "...", "instance"?: "..." }`);
  const instance = value['instance'];
  if (instance !== undefined && typeof instance !== 'string') throw new SimUsageError(`${where}.instance must be a string`);
  return instance === undefined ? { name: value['name'] } : { name: value['name'], instance };
}

function deviceModelSettings(value: unknown, path: string): ConfigValue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new SimUsageError(`${path}: "deviceModel" must be a list of { component, variable, value }`);
  return value.map((entry: unknown, i) => {
    const where = `${path}: deviceModel[${i}]`;
    if (!isRecord(entry)) throw new SimUsageError(`${where} must be { component, variable, value }`);
    const raw = entry['value'];
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw new SimUsageError(`${where}.value must be a string, number or boolean`);
    return { component: nameAndInstance(entry['component'], `${where}.component`), variable: nameAndInstance(entry['variable'], `${where}.variable`), value: String(raw) };
  });
}

/**
 * Reads the JSON config file (issue 6 §2): an object with the options in camelCase (`"securityProfile": 1`) and an
 * optional `deviceModel` list. Throws SimUsageError naming the file and the problem.
 */
export function readConfigFile(path: string, readText: (path: string) => string): ConfigFileValues {
  let text: string;
  try {
    text = readText(path);
  } catch (error) {
    throw new SimUsageError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimUsageError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(json)) throw new SimUsageError(`the config file ${path} must hold a JSON object`);
  const values: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === 'deviceModel') continue;
    if (typeof value === 'string' || typeof value === 'number') values[key] = String(value);
    else throw new SimUsageError(`${path}: "${key}" must be a string or a number`);
  }
  return { values, deviceModel: deviceModelSettings(json['deviceModel'], path) };
}
