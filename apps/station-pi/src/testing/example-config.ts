import { readFileSync } from 'node:fs';
import { PiConfigError } from '../config-reader.js';

/** The shipped config.example.json as text (it must always be a complete, valid config). */
export const EXAMPLE_CONFIG_TEXT = readFileSync(new URL('../../config.example.json', import.meta.url), 'utf8');

/** A valid csms.password (16 to 40 characters), as EVSTATION_PASSWORD gives it to the example (profile 2). */
export const PASSWORD = 'a-password-of-24-chars!!';

/** A fresh copy of the example's JSON, for a test to change. */
export function exampleConfigJson(): Record<string, Record<string, unknown>> {
  return JSON.parse(EXAMPLE_CONFIG_TEXT) as Record<string, Record<string, unknown>>;
}

/** The message of the PiConfigError `run` throws; fails the test when it accepts. */
export function configErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PiConfigError) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
}
