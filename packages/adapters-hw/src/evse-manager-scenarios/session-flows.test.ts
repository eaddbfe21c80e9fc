import { describe, expect, it } from 'vitest';
import { LOCK_MS, scenarioStation, startCharging, TOKEN } from './scenario-station.js';

describe('evse-manager scenarios on simulated hardware: sessions', () => {
  it('TC_E_03_CS-like cable-first session: plug-in, token, lock before energy, Charging, stop by the same token, unlock, unplug', async () => {
    const station = await scenarioStation();
    const { chargePoint } = station;
    const evse = station.evse(1);

    evse.command({ type: 'plug-in' });
    await station.run();
    expect(chargePoint.log(1)).toEqual(['sessionStarted:1']);
    // Not authorized: no PWM, no permission, no lock.
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, lock: 'unlocked', offeredCurrentA: 0 });

    evse.command({ type: 'present-token', idToken: TOKEN.toLowerCase() });
    await station.run();
    // G05: the lock moves first; the contactor stays open until it reports locked.
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', offeredCurrentA: 32, powerW: 11_040 });
    expect(chargePoint.log(1)).toEqual(['sessionStarted:1', 'chargingState:Charging']);

    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0, offeredCurrentA: 0 });
    await station.run(LOCK_MS);
    expect(evse.snapshot().lock).toBe('unlocked');
    expect(chargePoint.chargingStates(1)).toEqual(['Charging', 'EVConnected']);

    evse.command({ type: 'unplug' });
    await station.run();
    expect(chargePoint.log(1).at(-1)).toBe('sessionFinished:station');
    expect(evse.snapshot()).toMatchObject({ cp: 'A', relayClosed: false, lock: 'unlocked' });
  });

  it('TC_E_01_CS-like token-first session: authorized while idle, then plug-in locks and charges', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run(LOCK_MS);
    // No EV: nothing to lock, no energy, still Idle.
    expect(evse.snapshot()).toMatchObject({ cp: 'A', lock: 'unlocked', relayClosed: false });
    expect(station.chargePoint.log(1)).toEqual([]);

    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', lock: 'locked', relayClosed: true });
    expect(station.chargePoint.log(1)).toEqual(['sessionStarted:1', 'chargingState:Charging']);
  });

  it('an invalid token neither locks nor charges', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: '0BADC0DE' });
    await station.run(10 * LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'B', lock: 'unlocked', relayClosed: false });
    expect(station.chargePoint.log(1)).toEqual(['sessionStarted:1']);
  });

  it('lockOnPlugIn: the connector locks at plug-in, before any token, but no energy flows until authorized', async () => {
    const station = await scenarioStation({ options: { lockOnPlugIn: true } });
    const evse = station.evse(1);
    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ lock: 'locked', relayClosed: false, offeredCurrentA: 0 });
    expect(station.chargePoint.chargingStates(1)).toEqual([]);
    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, offeredCurrentA: 32 });
  });

  it('F01/F02 a remote start authorizes the EVSE like a token', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    evse.command({ type: 'plug-in' });
    await station.run();
    station.chargePoint.remoteStart(1);
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ lock: 'locked', relayClosed: true });
  });

  it('E02/E04 the EV suspends (state B: SuspendedEV, contactor open) and resumes (Charging)', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    await startCharging(station);
    evse.command({ type: 'ev', suspended: true });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, lock: 'locked' });
    evse.command({ type: 'ev', suspended: false });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true });
    expect(station.chargePoint.chargingStates(1)).toEqual(['Charging', 'SuspendedEV', 'Charging']);
  });

  it('E09/E10 an unplug of a tethered cable is at the EV side; UnlockOnEVSideDisconnect finds nothing to unlock', async () => {
    const station = await scenarioStation({ tethered: true });
    const evse = station.evse(1);
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run();
    // No lock to wait for: energy right away.
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true });
    evse.command({ type: 'unplug' });
    await station.run();
    expect(station.chargePoint.log(1)).toEqual(['sessionStarted:1', 'chargingState:Charging', 'sessionFinished:ev', 'unlockOnEvSide:Unlocked']);
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false, offeredCurrentA: 0 });
  });

  it('a station-wide reader: the ChargePoint picks the EVSE with the EV waiting', async () => {
    const station = await scenarioStation({ evses: 2, stationReader: true });
    station.evse(2).command({ type: 'plug-in' });
    await station.run();
    station.stationReader.present(TOKEN);
    await station.run(LOCK_MS);
    expect(station.evse(2).snapshot()).toMatchObject({ lock: 'locked', relayClosed: true });
    expect(station.evse(1).snapshot()).toMatchObject({ lock: 'unlocked', relayClosed: false });
  });

  it('after a restart with the EV still plugged in and the transaction authorized, it reports the session and charges again', async () => {
    let resumed = false;
    const station = await scenarioStation({
      beforeStart: (s) => {
        s.evse(1).ev.plugIn();
        // The resumed transaction is authorized before the manager starts (the ChargePoint recovered it).
        s.chargePoint.remoteStart(1);
        resumed = s.chargePoint.isAuthorized(1);
      },
    });
    expect(resumed).toBe(true);
    await station.run(LOCK_MS);
    expect(station.chargePoint.log(1)).toEqual(['sessionStarted:1', 'chargingState:Charging']);
    expect(station.evse(1).snapshot()).toMatchObject({ lock: 'locked', relayClosed: true });
  });

  it('stop() withdraws energy and releases the hardware', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    await startCharging(station);
    await station.stop();
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0 });
    expect(evse.tokenReader.present(TOKEN)).toBe(false);
  });
});
