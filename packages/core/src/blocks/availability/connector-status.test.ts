import { describe, expect, it } from 'vitest';
import { connectorStatus } from './connector-status.js';

const idle = { occupied: false, reserved: false, faulted: false, operative: true };

describe('G01 connector status precedence', () => {
  it('is Available when nothing is going on', () => expect(connectorStatus(idle)).toBe('Available'));
  it('is Occupied when plugged in, even when reserved', () => expect(connectorStatus({ ...idle, occupied: true, reserved: true })).toBe('Occupied'));
  it('is Reserved when reserved and free', () => expect(connectorStatus({ ...idle, reserved: true })).toBe('Reserved'));
  it('is Unavailable when Inoperative, even when plugged in', () => expect(connectorStatus({ ...idle, operative: false, occupied: true })).toBe('Unavailable'));
  it('is Faulted above everything else', () => expect(connectorStatus({ occupied: true, reserved: true, faulted: true, operative: false })).toBe('Faulted'));
});
