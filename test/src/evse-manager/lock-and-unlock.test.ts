import { describe, expect, it } from 'vitest';
import type { NotifyEventRequest } from '@evstation/core';
import type { StrictCsms } from '../support/strict-csms.js';
import { flushStation, stationCalls } from '../support/ocpp-frames.js';
import { evseStationPerTest } from '../support/evse-station.js';
import { eventsOf, expectWellFormed, summary } from '../support/transaction-events.js';
import { CARD, chargingByCard, energies, EV_POWER_W, JAMMED_LOCK_MS, LOCK_MS, lockPulses, startedOn, watchContactor } from './evse-steps.js';

/** The ConnectorPlugRetentionLock Problem events (G05.FR.02) the CSMS received since `since`, reduced to what matters. */
function lockProblems(csms: StrictCsms, since: number): { component: unknown; variable: unknown; actualValue: string; trigger: string }[] {
  return stationCalls<NotifyEventRequest>(csms, 'NotifyEvent', since).flatMap((request) =>
    request.eventData
      .filter((e) => e.component.name === 'ConnectorPlugRetentionLock')
      .map((e) => ({ component: e.component, variable: e.variable, actualValue: e.actualValue, trigger: e.trigger })),
  );
}

const PROBLEM_ON_EVSE_1 = { component: { name: 'ConnectorPlugRetentionLock', evse: { id: 1, connectorId: 1 } }, variable: { name: 'Problem' }, actualValue: 'true', trigger: 'Delta' };

/*
 * The connector lock end to end (G05, F05, hardware.md 6): the simulated lock mechanism (real GpioConnectorLock logic
 * on the FakeClock) jams or is forced open, and the CSMS unlocks; the real ChargePoint reports and answers.
 */
describe('evse-manager with the real ChargePoint: connector lock (G05, F05)', () => {
  const { boot } = evseStationPerTest();

  it('G05.FR.01/02 a jammed lock: the contactor never closes, Problem reported, SuspendedEVSE, the transaction counts no energy', async () => {
    const station = await boot({ values: { 'SampledDataCtrlr.TxUpdatedInterval': '30' } });
    const contactor = watchContactor(station, 1);
    const evse = station.evse(1);
    const since = station.csms.ledger.length;
    evse.command({ type: 'lock-fault', fault: 'jam' });
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(JAMMED_LOCK_MS);
    expect(lockProblems(station.csms, since)).toEqual([PROBLEM_ON_EVSE_1]);

    await station.run(60_000);
    // One attempt per authorization (the lock's own three pulses), never pulsed for ever; no energy at any time.
    expect(lockPulses(evse, 'lock')).toBe(3);
    expect(contactor).toEqual([]);
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, relayClosed: false, offeredCurrentA: 0 });
    expect(evse.snapshot()).toMatchObject({ lock: 'unlocked', powerW: 0, energyImportWh: 0 });

    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(LOCK_MS);
    await flushStation(station.csms, station.client);
    const transactionId = startedOn(station, 1, since).transactionInfo.transactionId;
    const events = eventsOf(station.csms, transactionId, since);
    expectWellFormed(events);
    expect(events.map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', idToken: CARD },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEVSE' },
      { eventType: 'Updated', triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Updated', triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: CARD },
    ]);
    expect(events.flatMap(energies).map(([, , wh]) => wh)).toEqual([0, 0, 0, 0, 0]);
    expect(station.csms.violations).toEqual([]);
  });

  it('G05 a lock that jammed is tried again with the next session, and then charges', async () => {
    const station = await boot();
    const evse = station.evse(1);
    evse.command({ type: 'lock-fault', fault: 'jam' });
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: CARD });
    await station.run(JAMMED_LOCK_MS);
    evse.command({ type: 'unplug' });
    await station.run(JAMMED_LOCK_MS);
    evse.command({ type: 'lock-fault', fault: 'none' });
    const since = station.csms.ledger.length;
    await chargingByCard(station);
    expect(lockProblems(station.csms, since)).toEqual([]);
    expect(station.csms.violations).toEqual([]);
  });

  it('hardware.md 6.3 the lock forced open during charging: energy withdrawn, Problem reported, SuspendedEVSE', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const transactionId = await chargingByCard(station);
    const since = station.csms.ledger.length;
    evse.command({ type: 'lock-fault', fault: 'force-open' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, powerW: 0, lock: 'unlocked' });
    expect(evse.controller.status()).toMatchObject({ energyAllowed: false, offeredCurrentA: 0 });
    expect(lockProblems(station.csms, since)).toEqual([PROBLEM_ON_EVSE_1]);
    expect(eventsOf(station.csms, transactionId, since).map(summary)).toEqual([{ eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEVSE' }]);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_F_05_CS Remote unlock Connector - With ongoing transaction: OngoingAuthorizedTransaction, the lock stays and charging goes on', async () => {
    const station = await boot();
    const evse = station.evse(1);
    await chargingByCard(station);
    const unlocksBefore = lockPulses(evse, 'unlock');
    await expect(station.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'OngoingAuthorizedTransaction' });
    await station.run(LOCK_MS);
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked', powerW: EV_POWER_W });
    expect(lockPulses(evse, 'unlock')).toBe(unlocksBefore);
    expect(station.csms.violations).toEqual([]);
  });

  it('TC_F_06_CS Remote unlock Connector - Without ongoing transaction - Accepted: after the stop, the lock is driven open (Unlocked)', async () => {
    const station = await boot();
    const evse = station.evse(1);
    const transactionId = await chargingByCard(station);
    await expect(station.call('RequestStopTransaction', { transactionId })).resolves.toEqual({ status: 'Accepted' });
    await station.run(LOCK_MS);
    const unlocksBefore = lockPulses(evse, 'unlock');
    await expect(station.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'Unlocked' });
    // F05: the lock is driven (and its feedback read) to answer, with the contactor open.
    expect(lockPulses(evse, 'unlock')).toBe(unlocksBefore + 1);
    expect(evse.snapshot()).toMatchObject({ relayClosed: false, lock: 'unlocked' });
    expect(evse.lock.mechanism.shortCircuits).toBe(0);
    expect(station.csms.violations).toEqual([]);
  });

  it('F05 a lock that cannot open answers UnlockFailed', async () => {
    const station = await boot({ manager: { lockOnPlugIn: true } });
    const evse = station.evse(1);
    evse.command({ type: 'plug-in' });
    await station.run(LOCK_MS);
    expect(evse.snapshot().lock).toBe('locked');
    evse.command({ type: 'lock-fault', fault: 'jam' });
    await expect(station.call('UnlockConnector', { evseId: 1, connectorId: 1 })).resolves.toEqual({ status: 'UnlockFailed' });
    expect(evse.snapshot().lock).toBe('locked');
    expect(station.csms.violations).toEqual([]);
  });
});
