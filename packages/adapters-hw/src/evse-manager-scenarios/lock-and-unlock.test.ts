import { describe, expect, it } from 'vitest';
import { chargingStation, JAMMED_LOCK_MS, LOCK_MS, scenarioStation, startCharging, TOKEN, type ScenarioStation } from './scenario-station.js';

/** EVSE 1 plugged in and authorized with a lock that jams: the lock has given up (with its own retries). */
async function jammedLockSession(): Promise<ScenarioStation> {
  const station = await scenarioStation();
  const evse = station.evse(1);
  evse.command({ type: 'lock-fault', fault: 'jam' });
  evse.command({ type: 'plug-in' });
  evse.command({ type: 'present-token', idToken: TOKEN });
  await station.run(JAMMED_LOCK_MS);
  return station;
}

describe('evse-manager scenarios on simulated hardware: connector lock (G05, F05)', () => {
  it('G05.FR.01/02 a jammed lock: no charging, the contactor never closes, the ChargePoint gets the Problem', async () => {
    const station = await jammedLockSession();
    const evse = station.evse(1);
    const failures = station.chargePoint.log(1).filter((line) => line.startsWith('lockFailure:'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^lockFailure:FeedbackTimeout/);
    await station.run(60_000);
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false, offeredCurrentA: 0 });
    expect(evse.snapshot().powerW).toBe(0);
    // Authorized but held back by the station.
    expect(station.chargePoint.chargingStates(1)).toEqual(['SuspendedEVSE']);
    // A failed lock is not pulsed for ever: one attempt (with the lock's own retries) per authorization.
    expect(evse.lock.mechanism.driveLog.filter(([, role, level]) => role === 'lock' && level === 1)).toHaveLength(3);
  });

  it('G05 a lock that jammed once is tried again for a new session', async () => {
    const station = await jammedLockSession();
    const evse = station.evse(1);
    evse.command({ type: 'unplug' });
    await station.run(JAMMED_LOCK_MS);
    evse.command({ type: 'lock-fault', fault: 'none' });
    // startCharging checks the EVSE locks and charges.
    await startCharging(station);
  });

  it('hardware.md 6.3 the lock opened by force during charging: energy withdrawn first, then reported', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'lock-fault', fault: 'force-open' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0, lock: 'unlocked' });
    expect(evse.controller.status().energyAllowed).toBe(false);
    expect(station.chargePoint.log(1)).toEqual(['lockFailure:connector lock opened without a command', 'chargingState:SuspendedEVSE']);
  });

  it('F05 UnlockConnector during charging is refused (UnlockFailed) and charging goes on; after the stop it unlocks', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    await expect(station.manager.callbacks.unlockConnector(1, 1)).resolves.toBe('UnlockFailed');
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked', powerW: 11_040 });

    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run(LOCK_MS);
    // stopTransaction: energy off, and the connector unlocked once the relay was open.
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, lock: 'unlocked' });
    const answer = station.manager.callbacks.unlockConnector(1, 1);
    await station.run(LOCK_MS);
    await expect(answer).resolves.toBe('Unlocked');
  });

  it('F05.FR.04 an unlock of an EVSE whose authorization ended waits for the contactor to open, then unlocks', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    // The ChargePoint deauthorized without a stop (e.g. an unauthorized transaction ended by the UnlockConnector handler).
    station.manager.callbacks.authorizationChanged(1, false);
    const answer = station.manager.callbacks.unlockConnector(1, 1);
    await station.run(LOCK_MS);
    await expect(answer).resolves.toBe('Unlocked');
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, lock: 'unlocked' });
    expect(evse.lock.mechanism.shortCircuits).toBe(0);
  });

  it('F05 with a welded contactor the unlock answers UnlockFailed after unlockWaitS and the lock stays closed', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'controller-fault', fault: 'RelayWelded', active: true });
    station.manager.callbacks.authorizationChanged(1, false);
    const answer = station.manager.callbacks.unlockConnector(1, 1);
    await station.run(4_000);
    expect(evse.snapshot().relayClosed).toBe(true);
    await station.run(1_500);
    await expect(answer).resolves.toBe('UnlockFailed');
    expect(evse.snapshot().lock).toBe('locked');
  });

  it('F05.FR.02 through the ChargePoint: an authorized transaction answers OngoingAuthorizedTransaction without touching the lock', async () => {
    const station = await chargingStation();
    await expect(station.chargePoint.requestUnlock(1, 1)).resolves.toBe('OngoingAuthorizedTransaction');
    await station.run(LOCK_MS);
    expect(station.evse(1).snapshot()).toMatchObject({ lock: 'locked', relayClosed: true });
  });

  it('UnlockConnector for a connector this station does not have answers UnlockFailed', async () => {
    const station = await scenarioStation();
    await expect(station.manager.callbacks.unlockConnector(1, 2)).resolves.toBe('UnlockFailed');
    await expect(station.manager.callbacks.unlockConnector(7, 1)).resolves.toBe('UnlockFailed');
  });

  it('the order of the ChargePoint stop callbacks does not matter: no SuspendedEVSE in between', async () => {
    const station = await chargingStation();
    station.manager.callbacks.stopTransaction(1, 'Remote');
    station.manager.callbacks.authorizationChanged(1, false);
    await station.run(LOCK_MS);
    expect(station.chargePoint.chargingStates(1)).toEqual(['EVConnected']);
    expect(station.evse(1).snapshot()).toMatchObject({ relayClosed: false, lock: 'unlocked' });
  });
});
