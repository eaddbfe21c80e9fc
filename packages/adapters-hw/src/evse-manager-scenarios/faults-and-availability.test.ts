import { describe, expect, it } from 'vitest';
import { chargingStation, LOCK_MS, scenarioStation, TOKEN } from './scenario-station.js';

describe('evse-manager scenarios on simulated hardware: faults (G01/G04)', () => {
  it('an RCD trip mid-session: energy off, Faulted, SuspendedEVSE; cleared: FaultCleared and charging again', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'controller-fault', fault: 'RcdTripped', active: true });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0 });
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, offeredCurrentA: 0 });
    expect(station.chargePoint.log(1)).toEqual(['faulted', 'chargingState:SuspendedEVSE']);

    evse.command({ type: 'controller-fault', fault: 'RcdTripped', active: false });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked' });
    expect(station.chargePoint.log(1)).toEqual(['faulted', 'chargingState:SuspendedEVSE', 'faultCleared', 'chargingState:Charging']);
  });

  it('two faults at once are one Faulted, cleared only when the last one goes', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'controller-fault', fault: 'OverTemperature', active: true });
    evse.command({ type: 'controller-fault', fault: 'OverCurrent', active: true });
    await station.run();
    evse.command({ type: 'controller-fault', fault: 'OverTemperature', active: false });
    await station.run();
    expect(station.chargePoint.log(1).filter((line) => line.startsWith('fault'))).toEqual(['faulted']);
    evse.command({ type: 'controller-fault', fault: 'OverCurrent', active: false });
    await station.run();
    expect(station.chargePoint.log(1).filter((line) => line.startsWith('fault'))).toEqual(['faulted', 'faultCleared']);
  });

  it('a dead controller (link lost, commands rejected) is logged and reported as a fault, never an unhandled rejection; it recovers', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: true });
    station.manager.callbacks.stopTransaction(1, 'Local');
    await station.run();
    expect(station.chargePoint.log(1)).toContain('faulted');
    expect(station.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'Charge controller command failed', fields: expect.objectContaining({ kind: 'link-down' }) }),
    );
    // Retried on the clock while dead; each retry fails again, logged, nothing thrown.
    const failures = (): number => station.logger.entries.filter((e) => e.message === 'Charge controller command failed').length;
    const before = failures();
    await station.run(30_000);
    expect(failures()).toBeGreaterThan(before);

    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: false });
    await station.run(10_000);
    expect(station.chargePoint.log(1).at(-1)).not.toBe('faulted');
    expect(station.chargePoint.log(1)).toContain('faultCleared');
    // The stop that came while it was dead is applied now: no energy, connector released.
    await station.run(LOCK_MS);
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false });
    expect(evse.snapshot().lock).toBe('unlocked');
  });

  it('G04 a controller that answers again mid-session charges again without a transient EVConnected in between', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: true });
    await station.run(30_000);
    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: false });
    await station.run(10_000);
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked' });
    expect(station.chargePoint.log(1)).toEqual(['faulted', 'chargingState:SuspendedEVSE', 'faultCleared', 'chargingState:Charging']);
  });

  it('a controller that does not start is a fault retried on the clock, not a crash', async () => {
    const station = await scenarioStation({
      beforeStart: (s) => {
        const controller = s.evse(1).controller;
        const realStart = controller.start.bind(controller);
        let attempts = 0;
        controller.start = () => (++attempts === 1 ? Promise.reject(new Error('serial port busy')) : realStart());
      },
    });
    expect(station.chargePoint.log(1)).toEqual(['faulted']);
    await station.run(10_000);
    expect(station.chargePoint.log(1)).toEqual(['faulted', 'faultCleared']);
    station.evse(1).command({ type: 'plug-in' });
    station.evse(1).command({ type: 'present-token', idToken: TOKEN });
    await station.run(LOCK_MS);
    expect(station.evse(1).snapshot()).toMatchObject({ relayClosed: true });
  });
});

describe('evse-manager scenarios on simulated hardware: availability (G03/G04)', () => {
  it('ChangeAvailability Inoperative -> controller unavailable (pilot F, no session); Operative -> available again', async () => {
    const station = await scenarioStation();
    const evse = station.evse(1);
    station.chargePoint.changeAvailability(1, 1, 'Inoperative');
    await station.run();
    expect(evse.controller.status()).toMatchObject({ available: false, cp: 'F' });
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: TOKEN });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'F', relayClosed: false, lock: 'unlocked' });
    expect(station.chargePoint.log(1)).toEqual([]);

    station.chargePoint.changeAvailability(1, 1, 'Operative');
    await station.run(LOCK_MS);
    expect(evse.controller.status().available).toBe(true);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked' });
    expect(station.chargePoint.log(1)).toEqual(['sessionStarted:1', 'chargingState:Charging']);
  });

  it('Inoperative during a session withdraws energy (SuspendedEVSE) and keeps the session; Operative resumes it', async () => {
    const station = await chargingStation();
    const evse = station.evse(1);
    station.chargePoint.changeAvailability(1, 1, 'Inoperative');
    await station.run();
    expect(evse.snapshot()).toMatchObject({ cp: 'F', relayClosed: false, lock: 'locked' });
    expect(station.chargePoint.log(1)).toEqual(['chargingState:SuspendedEVSE']);
    station.chargePoint.changeAvailability(1, 1, 'Operative');
    await station.run();
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true });
    expect(station.chargePoint.log(1)).toEqual(['chargingState:SuspendedEVSE', 'chargingState:Charging']);
  });

  it('ChangeAvailability of one EVSE leaves the other alone', async () => {
    const station = await scenarioStation({ evses: 2 });
    station.chargePoint.changeAvailability(2, 1, 'Inoperative');
    await station.run();
    expect(station.evse(1).controller.status().available).toBe(true);
    expect(station.evse(2).controller.status().available).toBe(false);
  });
});
