import { describe, expect, it } from 'vitest';
import { effectiveLimitA, energyHold, mayAllowEnergy, type EnergyFacts } from './energy-decision.js';

const ready: EnergyFacts = {
  connected: true,
  authorized: true,
  locked: true,
  operative: true,
  faulted: false,
  lockFailed: false,
  stopped: false,
  paused: false,
  releasing: false,
  limitA: 16,
};

describe('mayAllowEnergy (issue 5 §3: relay only when authorized AND locked AND operative)', () => {
  it('allows energy when connected, authorized, locked and nothing holds it back', () => {
    expect(mayAllowEnergy(ready)).toBe(true);
    expect(energyHold(ready)).toBeUndefined();
  });

  it('G05.FR.01 no energy while the connector is not locked', () => {
    expect(mayAllowEnergy({ ...ready, locked: false })).toBe(false);
  });

  it('G05.FR.01 no energy after a lock failure', () => {
    expect(mayAllowEnergy({ ...ready, lockFailed: true })).toBe(false);
    expect(energyHold({ ...ready, lockFailed: true })).toBe('lock-failed');
  });

  it('C01 no energy without authorization, and none without an EV', () => {
    expect(mayAllowEnergy({ ...ready, authorized: false })).toBe(false);
    expect(mayAllowEnergy({ ...ready, connected: false })).toBe(false);
  });

  it('G03/G04 no energy on an Inoperative connector', () => {
    expect(mayAllowEnergy({ ...ready, operative: false })).toBe(false);
    expect(energyHold({ ...ready, operative: false })).toBe('inoperative');
  });

  it('G01 no energy while faulted', () => {
    expect(energyHold({ ...ready, faulted: true })).toBe('faulted');
  });

  it('E06/F03 stopTransaction and E05 pauseCharging hold energy back', () => {
    expect(energyHold({ ...ready, stopped: true })).toBe('stopped');
    expect(energyHold({ ...ready, paused: true })).toBe('paused');
  });

  it('F05 a connector being released gets no energy', () => {
    expect(energyHold({ ...ready, releasing: true })).toBe('unlock-requested');
  });

  it('no energy when no current can be offered', () => {
    expect(energyHold({ ...ready, limitA: 0 })).toBe('no-current');
  });
});

describe('effectiveLimitA (configured maximum, controller, PP cable rating, external limit)', () => {
  const capabilities = { minCurrentA: 6, maxCurrentA: 32 };

  it('takes the lowest of configured maximum, controller maximum, cable rating and external limit', () => {
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: null })).toBe(32);
    expect(effectiveLimitA({ configuredMaxA: 40, capabilities, cableRatingA: null })).toBe(32);
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: 20 })).toBe(20);
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: 63, externalLimitA: 10 })).toBe(10);
  });

  it('IEC 61851-1: below the controller minimum (6 A) nothing is offered', () => {
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: null, externalLimitA: 5.9 })).toBe(0);
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: null, externalLimitA: 0 })).toBe(0);
    expect(effectiveLimitA({ configuredMaxA: 32, capabilities, cableRatingA: null, externalLimitA: 6 })).toBe(6);
  });
});
