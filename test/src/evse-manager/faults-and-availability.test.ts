import { describe, expect, it } from 'vitest';
import type { StrictCsms } from '../support/strict-csms.js';
import { flushStation, statusNotifications } from '../support/ocpp-frames.js';
import { evseStationPerTest } from '../support/evse-station.js';
import { eventsOf, expectWellFormed, summary, transactionEvents } from '../support/transaction-events.js';
import { CARD, chargingByCard, EV_POWER_W, LOCK_MS, watchContactor } from './evse-steps.js';

/** The statuses EVSE 1's connector reported since `since`, in order. */
function statusesOfEvse1(csms: StrictCsms, since: number): string[] {
  return statusNotifications(csms, since)
    .filter((n) => n.evseId === 1 && n.connectorId === 1)
    .map((n) => n.connectorStatus);
}

/*
 * Faults (G01/G04) and availability (G03) end to end: a controller fault or a dead controller on the simulated
 * hardware, and ChangeAvailability from the CSMS; the hardware must hold energy back and the CSMS must see the
 * connector's status and the transaction's charging state follow.
 */
describe('evse-manager with the real ChargePoint: faults and availability (G01, G03, G04)', () => {
  const { boot } = evseStationPerTest();

  it('G01/G04 an RCD trip mid-session: energy off, Faulted, SuspendedEVSE; cleared: Occupied and Charging again', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const transactionId = await chargingByCard(station);
    const since = station.csms.ledger.length;

    evse.command({ type: 'controller-fault', fault: 'RcdTripped', active: true });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0, lock: 'locked' });
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, offeredCurrentA: 0 });
    const heldWh = evse.meter.energyImportWh();
    await station.run(30_000);
    expect(evse.meter.energyImportWh()).toBe(heldWh);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted']);

    evse.command({ type: 'controller-fault', fault: 'RcdTripped', active: false });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, powerW: EV_POWER_W, lock: 'locked' });
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted', 'Occupied']);
    expect(eventsOf(station.csms, transactionId, since).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEVSE' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(station.station.chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    expect(station.csms.violations).toEqual([]);
  });

  it('G01 a fault while idle: Faulted, no session can draw energy; cleared: Available', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    evse.command({ type: 'controller-fault', fault: 'OverTemperature', active: true });
    await station.run();
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted']);
    evse.command({ type: 'controller-fault', fault: 'OverTemperature', active: false });
    await station.run();
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted', 'Available']);
    expect(transactionEvents(station.csms, since)).toEqual([]);
    expect(station.csms.violations).toEqual([]);
  });

  it('G04 a controller that stops answering mid-session is Faulted with energy withdrawn; back again: Occupied and Charging', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const transactionId = await chargingByCard(station);
    const since = station.csms.ledger.length;
    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: true });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0 });
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted']);
    // Retried on the clock while dead (commandRetryS 10): logged, never an unhandled rejection.
    await station.run(30_000);
    expect(station.logger.entries.filter((e) => e.message === 'Charge controller command failed').length).toBeGreaterThan(1);

    evse.command({ type: 'controller-fault', fault: 'LinkLost', active: false });
    await station.run(10_000);
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, powerW: EV_POWER_W });
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Faulted', 'Occupied']);
    expect(eventsOf(station.csms, transactionId, since).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEVSE' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_G_03_CS Change Availability EVSE - Operative to inoperative: Unavailable, the controller holds pilot F, no session; Operative again: Available, then the EV is seen', async () => {
    const station = await boot();
    const contactor = watchContactor(station, 1);
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    await expect(station.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } })).resolves.toEqual({ status: 'Accepted' });
    expect(evse.controller.status()).toMatchObject({ available: false, cp: 'F', offeredCurrentA: 0 });
    expect(station.evse(2).controller.status()).toMatchObject({ available: true, cp: 'A' });

    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    // Pilot F: the EV cannot even be seen, so no Occupied, no lock, no energy.
    expect(evse.snapshot()).toMatchObject({ cp: 'F', relayClosed: false, lock: 'unlocked' });
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Unavailable']);

    await expect(station.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 1 } })).resolves.toEqual({ status: 'Accepted' });
    await station.run();
    expect(evse.controller.status()).toMatchObject({ available: true, cp: 'B' });
    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked' });
    expect(contactor).toEqual([{ lock: 'locked', authorized: true }]);
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Unavailable', 'Available', 'Occupied']);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_G_11_CS Change Availability EVSE - With ongoing transaction: Scheduled, charging goes on; at the end Unavailable and pilot F', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const transactionId = await chargingByCard(station);
    const since = station.csms.ledger.length;
    await expect(station.call('ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 1 } })).resolves.toEqual({ status: 'Scheduled' });
    await station.run(60_000);
    // G03.FR.04: the running transaction is not touched.
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, powerW: EV_POWER_W, lock: 'locked' });
    expect(evse.controller.status().available).toBe(true);
    expect(statusesOfEvse1(station.csms, since)).toEqual([]);

    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(LOCK_MS);
    expect(evse.controller.status()).toMatchObject({ available: false, cp: 'F', relayClosed: false, offeredCurrentA: 0 });
    expect(evse.snapshot().lock).toBe('unlocked');
    await flushStation(station.csms, station.client);
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Unavailable']);
    const events = eventsOf(station.csms, transactionId);
    expectWellFormed(events);
    expect(events.map(summary).at(-1)).toEqual({ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: CARD });

    // The EV leaves while the pilot is held at F; once Operative the controller sees pilot A and the connector is Available.
    evse.command({ type: 'unplug' });
    await station.run();
    await expect(station.call('ChangeAvailability', { operationalStatus: 'Operative', evse: { id: 1 } })).resolves.toEqual({ status: 'Accepted' });
    await station.run();
    await flushStation(station.csms, station.client);
    expect(evse.controller.status()).toMatchObject({ available: true, cp: 'A' });
    // Pilot F hid the unplug: the connector comes back Occupied (what the station last knew) until the pilot reads A.
    expect(statusesOfEvse1(station.csms, since)).toEqual(['Unavailable', 'Occupied', 'Available']);
    expect(station.station.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Available');
    expect(station.csms.violations).toEqual([]);
  });
});
