import { describe, expect, it } from 'vitest';
import type { AuthorizeRequest } from '@evstation/core';
import { flushStation, stationCalls, statusNotifications } from '../support/ocpp-frames.js';
import { evseStationPerTest } from '../support/evse-station.js';
import { tokens } from '../support/token-csms.js';
import { eventsOf, expectWellFormed, summary, transactionEvents } from '../support/transaction-events.js';
import { CARD, chargingByCard, energies, EV_POWER_W, LOCK_MS, lockPulses, startedOn, watchContactor } from './evse-steps.js';

/*
 * Charging sessions end to end: the real ChargePoint (SQLite file, WsTransport) wired to the EvseManager over two
 * SimulatedEvses on one FakeClock, against a strict ocpp-rpc CSMS. Only the simulated hardware is driven (plug, card,
 * EV behaviour) and the CSMS's own requests; both what the hardware does and what the CSMS sees are checked.
 * Default TxStartPoint PowerPathClosed, TxStopPoint EVConnected,Authorized.
 */
describe('evse-manager with the real ChargePoint: sessions (E02-E07, F01-F03, J02)', () => {
  const { boot } = evseStationPerTest();

  it('TC_E_03_CS Local start transaction - Cable plugin first: lock before the contactor, Charging, rising energy, stop by the same card, unlock', async () => {
    const station = await boot({ values: { 'SampledDataCtrlr.TxUpdatedInterval': '30' } });
    const contactor = watchContactor(station, 1);
    const evse = station.evse(1);
    const since = station.csms.ledger.length;

    evse.command({ type: 'plug-in' });
    await station.run();
    expect(statusNotifications(station.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    // Not authorized: no PWM, no permission to close, the lock untouched; no transaction before PowerPathClosed.
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, offeredCurrentA: 0, lock: 'unlocked' });
    expect(transactionEvents(station.csms, since)).toEqual([]);

    evse.command({ type: 'present-token', idToken: CARD.toLowerCase() });
    await station.run();
    expect(stationCalls<AuthorizeRequest>(station.csms, 'Authorize', since)).toEqual([{ idToken: { idToken: CARD, type: 'ISO14443' } }]);
    // G05: the lock is moving; the contactor may not close before it reports locked.
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', offeredCurrentA: 32, powerW: EV_POWER_W });
    expect(contactor).toEqual([{ lock: 'locked', authorized: true }]);

    const transactionId = startedOn(station, 1, since).transactionInfo.transactionId;
    await station.run(95_000);
    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(LOCK_MS);
    // E07 stop by the same card: energy off first, then the connector released.
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, powerW: 0, offeredCurrentA: 0, lock: 'unlocked' });
    evse.command({ type: 'unplug' });
    await station.run();
    await flushStation(station.csms, station.client);

    const events = eventsOf(station.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: CARD },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
      { eventType: 'Updated', triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Updated', triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Updated', triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: CARD },
    ]);
    // J02: the register rises with the simulated meter, exactly the EV's power integrated since the contactor closed.
    const chargingSince = Date.parse(events[1]!.timestamp);
    const periodic = events.slice(2, 5).flatMap(energies);
    expect(periodic.map(([, context]) => context)).toEqual(['Sample.Periodic', 'Sample.Periodic', 'Sample.Periodic']);
    for (const [at, , wh] of periodic) expect(wh).toBeCloseTo((EV_POWER_W * (Date.parse(at) - chargingSince)) / 3_600_000, 6);
    const registers = [...energies(events[0]!), ...periodic, ...energies(events[5]!).slice(1)].map(([, , wh]) => wh);
    expect(registers[0]).toBe(0);
    for (let i = 1; i < registers.length; i += 1) expect(registers[i]).toBeGreaterThan(registers[i - 1]!);
    // Billing: the Ended carries the register read at the stop (refreshMeterValue), not the last periodic sample.
    const [endAt, endContext, endWh] = energies(events[5]!).at(-1)!;
    expect(endContext).toBe('Transaction.End');
    expect(endAt).toBe(events[5]!.timestamp);
    expect(endWh).toBeCloseTo((EV_POWER_W * (Date.parse(events[5]!.timestamp) - chargingSince)) / 3_600_000, 6);
    expect(statusNotifications(station.csms, since).map((n) => n.connectorStatus)).toEqual(['Occupied', 'Available']);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_E_04_CS Local start transaction - Authorization first: the card with no EV moves nothing; plug-in starts, locks and charges', async () => {
    const station = await boot();
    const contactor = watchContactor(station, 1);
    const evse = station.evse(1);
    const since = station.csms.ledger.length;

    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(LOCK_MS);
    expect(stationCalls(station.csms, 'Authorize', since)).toHaveLength(1);
    expect(station.station.chargePoint.isAuthorized(1)).toBe(true);
    // No EV: nothing to lock, no PWM, no transaction yet (PowerPathClosed needs the cable).
    expect(evse.snapshot()).toMatchObject({ cp: 'A', relayClosed: false, offeredCurrentA: 0, lock: 'unlocked' });
    expect(lockPulses(evse)).toBe(0);
    expect(transactionEvents(station.csms, since)).toEqual([]);

    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', powerW: EV_POWER_W });
    expect(contactor).toEqual([{ lock: 'locked', authorized: true }]);
    const started = startedOn(station, 1, since);
    const events = eventsOf(station.csms, started.transactionInfo.transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', idToken: CARD },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(started.evse).toEqual({ id: 1, connectorId: 1 });
    expect(statusNotifications(station.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(station.csms.violations).toEqual([]);
  });

  it('C01 an invalid card neither locks nor charges, and starts no transaction', async () => {
    const station = await boot();
    station.csms.clients[0]!.handle('Authorize', () => ({ idTokenInfo: { status: 'Invalid' } }));
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: '0BADC0DE' });
    await station.run(10 * LOCK_MS);
    expect(stationCalls(station.csms, 'Authorize', since)).toHaveLength(1);
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, offeredCurrentA: 0, lock: 'unlocked' });
    expect(lockPulses(evse)).toBe(0);
    expect(transactionEvents(station.csms, since)).toEqual([]);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_F_02_CS Remote start transaction - Remote start first: RequestStartTransaction, then plug-in locks and charges with the remoteStartId', async () => {
    const station = await boot({ values: { 'AuthCtrlr.AuthorizeRemoteStart': 'true' } });
    const contactor = watchContactor(station, 1);
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    const idToken = tokens.central;

    await expect(station.call('RequestStartTransaction', { evseId: 1, remoteStartId: 21, idToken })).resolves.toEqual({ status: 'Accepted' });
    await station.run(LOCK_MS);
    expect(stationCalls(station.csms, 'Authorize', since)).toEqual([{ idToken }]);
    // Authorized, but no EV yet: nothing moves.
    expect(evse.snapshot()).toMatchObject({ cp: 'A', relayClosed: false, lock: 'unlocked' });

    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, lock: 'locked', powerW: EV_POWER_W });
    expect(contactor).toEqual([{ lock: 'locked', authorized: true }]);
    const started = startedOn(station, 1, since);
    expect(started).toMatchObject({ triggerReason: 'CablePluggedIn', idToken, evse: { id: 1, connectorId: 1 }, transactionInfo: { remoteStartId: 21 } });
    expect(eventsOf(station.csms, started.transactionInfo.transactionId, since).map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', idToken: idToken.idToken },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_F_08_CS Remote stop transaction - Success: RequestStopTransaction withdraws energy and releases the connector (Ended RemoteStop)', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    const transactionId = await chargingByCard(station);
    await expect(station.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, powerW: 0, lock: 'unlocked' });
    const events = eventsOf(station.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary).at(-1)).toEqual({ eventType: 'Ended', triggerReason: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' });
    expect(station.csms.violations).toEqual([]);
  });

  it('E02/E04 the EV suspends (pilot B: SuspendedEV, contactor open, no energy) and resumes (Charging)', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    const transactionId = await chargingByCard(station);

    evse.command({ type: 'ev', suspended: true });
    await station.run(60_000);
    expect(evse.snapshot()).toMatchObject({ cp: 'B', relayClosed: false, powerW: 0, lock: 'locked' });
    const suspendedWh = evse.meter.energyImportWh();
    await station.run(60_000);
    expect(evse.meter.energyImportWh()).toBe(suspendedWh);

    evse.command({ type: 'ev', suspended: false });
    await station.run();
    expect(evse.snapshot()).toMatchObject({ cp: 'C', relayClosed: true, powerW: EV_POWER_W });
    const events = eventsOf(station.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.filter((e) => e.triggerReason === 'ChargingStateChanged').map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(station.station.chargePoint.activeTransactions().map((t) => t.transactionId)).toEqual([transactionId]);
    expect(station.csms.violations).toEqual([]);
  });

  it('two EVSEs charge side by side, each on its own reader and meter', async () => {
    const station = await boot();
    const since = station.csms.ledger.length;
    const first = await chargingByCard(station, 1);
    station.evse(2).command({ type: 'plug-in' });
    station.evse(2).command({ type: 'present-token', idToken: 'CC33DD44' });
    await station.run(LOCK_MS);
    expect(station.evse(2).snapshot()).toMatchObject({ relayClosed: true, lock: 'locked' });
    const second = startedOn(station, 2, since);
    expect(second.transactionInfo.transactionId).not.toBe(first);
    expect(second.idToken).toEqual({ idToken: 'CC33DD44', type: 'ISO14443' });
    expect(station.station.chargePoint.activeTransactions().map((t) => t.evseId).sort()).toEqual([1, 2]);
    expect(station.csms.violations).toEqual([]);
  });
});
