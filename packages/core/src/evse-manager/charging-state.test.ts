import { describe, expect, it } from 'vitest';
import { chargingStateOf, type ChargingStateFacts } from './charging-state.js';

const charging: ChargingStateFacts = { connected: true, authorized: true, cp: 'C', relayClosed: true, heldByStation: false, energyOffered: true };

describe('chargingStateOf (E01-E06 chargingState from the hardware)', () => {
  it('Idle when no EV is connected, whatever else is true', () => {
    expect(chargingStateOf({ ...charging, connected: false })).toBe('Idle');
    expect(chargingStateOf({ ...charging, connected: false, cp: 'A', relayClosed: false })).toBe('Idle');
  });

  it('Charging when the contactor is closed and the EV asks (state C or D)', () => {
    expect(chargingStateOf(charging)).toBe('Charging');
    expect(chargingStateOf({ ...charging, cp: 'D' })).toBe('Charging');
  });

  it('EVConnected when plugged but not authorized', () => {
    expect(chargingStateOf({ ...charging, authorized: false, relayClosed: false, energyOffered: false, cp: 'B' })).toBe('EVConnected');
  });

  it('EVConnected while authorized but energy not offered yet (the lock is still moving)', () => {
    expect(chargingStateOf({ ...charging, relayClosed: false, energyOffered: false, cp: 'B' })).toBe('EVConnected');
  });

  it('SuspendedEV when authorized, energy offered and the EV rests in state B', () => {
    expect(chargingStateOf({ ...charging, relayClosed: false, cp: 'B' })).toBe('SuspendedEV');
  });

  it('SuspendedEVSE when the station holds energy back (paused, stopped, inoperative, fault, lock failure)', () => {
    expect(chargingStateOf({ ...charging, relayClosed: false, energyOffered: false, heldByStation: true, cp: 'B' })).toBe('SuspendedEVSE');
    expect(chargingStateOf({ ...charging, relayClosed: false, energyOffered: false, heldByStation: true, cp: 'C' })).toBe('SuspendedEVSE');
  });

  it('SuspendedEVSE when the EV asks, energy is permitted, but the contactor is still open', () => {
    expect(chargingStateOf({ ...charging, relayClosed: false })).toBe('SuspendedEVSE');
  });

  it('a contactor closed in state B is not Charging (the EV draws nothing)', () => {
    expect(chargingStateOf({ ...charging, cp: 'B' })).toBe('SuspendedEV');
  });
});
