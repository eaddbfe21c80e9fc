import { describe, expect, it } from 'vitest';
import { lockAction, unplugSide, type LockFacts } from './lock-decision.js';

const idle: LockFacts = {
  hasLock: true,
  phase: 'unlocked',
  connected: true,
  wantsEnergy: false,
  lockOnPlugIn: false,
  releasing: false,
  releasePending: false,
  unlockRequested: false,
  relayClosed: false,
};

describe('lockAction (G05 lock before energy, F05 unlock only with the contactor open)', () => {
  it('G05 locks once a connected session wants energy, not before', () => {
    expect(lockAction(idle)).toBe('none');
    expect(lockAction({ ...idle, wantsEnergy: true })).toBe('lock');
    expect(lockAction({ ...idle, wantsEnergy: true, phase: 'unknown' })).toBe('lock');
    expect(lockAction({ ...idle, wantsEnergy: true, connected: false })).toBe('none');
  });

  it('locks at plug-in when the installation asks for it', () => {
    expect(lockAction({ ...idle, lockOnPlugIn: true })).toBe('lock');
  });

  it('G05.FR.01 a failed lock is not retried in the same session, a locked one not driven again', () => {
    expect(lockAction({ ...idle, wantsEnergy: true, phase: 'failed' })).toBe('none');
    expect(lockAction({ ...idle, wantsEnergy: true, phase: 'locked' })).toBe('none');
  });

  it('F05 UnlockConnector drives the lock with the contactor open, waits while it is closed', () => {
    expect(lockAction({ ...idle, phase: 'locked', unlockRequested: true, releasing: true })).toBe('unlock');
    expect(lockAction({ ...idle, phase: 'locked', unlockRequested: true, releasing: true, relayClosed: true })).toBe('wait-for-contactor');
  });

  it('a release (stop, station-side unplug) unlocks once and never relocks in that session', () => {
    expect(lockAction({ ...idle, phase: 'locked', releasing: true, releasePending: true })).toBe('unlock');
    expect(lockAction({ ...idle, phase: 'failed', releasing: true, releasePending: true })).toBe('unlock');
    expect(lockAction({ ...idle, phase: 'unlocked', releasing: true, releasePending: true })).toBe('none');
    expect(lockAction({ ...idle, phase: 'locked', releasing: true, releasePending: false, wantsEnergy: true })).toBe('none');
    expect(lockAction({ ...idle, phase: 'unlocked', releasing: true, wantsEnergy: true })).toBe('none');
  });

  it('a connector without a lock (tethered cable) never drives one', () => {
    expect(lockAction({ ...idle, hasLock: false, wantsEnergy: true, unlockRequested: true })).toBe('none');
  });
});

describe('unplugSide (E09/E10)', () => {
  it('a tethered cable is always pulled at the EV', () => {
    expect(unplugSide(true, null)).toBe('ev');
  });

  it('a socket still reading a PP rating has the plug in the station: the EV side was pulled', () => {
    expect(unplugSide(false, 32)).toBe('ev');
    expect(unplugSide(false, null)).toBe('station');
  });
});
