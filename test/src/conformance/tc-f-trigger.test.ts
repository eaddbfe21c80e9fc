import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeterValuesRequest, TransactionEventRequest } from '@evstation/core';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { flushStation, stationCalls, statusNotifications, waitForCalls, waitUntil } from '../support/ocpp-frames.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyReading, energyTransferStarted } from '../support/charging-session.js';
import { transactionEvents } from '../support/transaction-events.js';

/*
 * Block F TriggerMessage (F06) cases of OCTT Part 6 (Core): the answer, then the triggered message. Not here:
 * TC_F_15/16 (LogStatusNotification) and TC_F_17/18/19 (FirmwareStatusNotification) are in
 * tc-f-trigger-management.test.ts, with the diagnostics and firmware blocks they report on.
 */
describe('Block F TriggerMessage against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: new TokenDirectory().handlers() });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path }));
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  async function trigger(request: Record<string, unknown>): Promise<string> {
    return ((await client.call('TriggerMessage', request)) as { status: string }).status;
  }

  /** The meter of an EVSE reads `wh` now (libocpp on_meter_value). */
  function meterReads(evseId: number, wh: number): void {
    station.chargePoint.onMeterValue(evseId, energyReading(wh, new Date()));
  }

  it('TC_F_11_CS Trigger message - MeterValues - Specific EVSE', async () => {
    meterReads(1, 1200);
    meterReads(2, 3400);
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'MeterValues', evse: { id: 1 } })).toBe('Accepted');
    const [sent] = await waitForCalls<MeterValuesRequest>(csms, 'MeterValues', 1, since);
    await flushStation(csms, client);
    expect(stationCalls(csms, 'MeterValues', since)).toHaveLength(1);
    expect(sent).toMatchObject({ evseId: 1, meterValue: [{ sampledValue: [{ value: 1200, context: 'Trigger', measurand: 'Energy.Active.Import.Register' }] }] });
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_12_CS Trigger message - MeterValues - All EVSE', async () => {
    meterReads(1, 1200);
    meterReads(2, 3400);
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'MeterValues' })).toBe('Accepted');
    await waitForCalls(csms, 'MeterValues', 2, since);
    await flushStation(csms, client);
    const sent = stationCalls<MeterValuesRequest>(csms, 'MeterValues', since);
    expect(sent.map((m) => [m.evseId, m.meterValue[0]?.sampledValue[0]?.value, m.meterValue[0]?.sampledValue[0]?.context])).toEqual([
      [1, 1200, 'Trigger'],
      [2, 3400, 'Trigger'],
    ]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_13_CS Trigger message - TransactionEvent - Specific EVSE', async () => {
    const first = await energyTransferStarted(csms, station.chargePoint, 1, tokens.valid);
    await energyTransferStarted(csms, station.chargePoint, 2, tokens.valid2);
    meterReads(1, 2500);
    await flushStation(csms, client);
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'TransactionEvent', evse: { id: 1 } })).toBe('Accepted');
    await waitUntil(() => transactionEvents(csms, since).length > 0, 'the triggered TransactionEvent');
    await flushStation(csms, client);
    const sent: TransactionEventRequest[] = transactionEvents(csms, since);
    expect(sent).toEqual([expect.objectContaining({ eventType: 'Updated', triggerReason: 'Trigger', transactionInfo: { transactionId: first } })]);
    expect(sent[0]?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ value: 2500, context: 'Trigger' });
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_14_CS Trigger message - TransactionEvent - All EVSE', async () => {
    const first = await energyTransferStarted(csms, station.chargePoint, 1, tokens.valid);
    const second = await energyTransferStarted(csms, station.chargePoint, 2, tokens.valid2);
    await flushStation(csms, client);
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'TransactionEvent' })).toBe('Accepted');
    await waitUntil(() => transactionEvents(csms, since).length >= 2, 'two triggered TransactionEvents');
    await flushStation(csms, client);
    const sent = transactionEvents(csms, since);
    expect(sent.map((e) => [e.eventType, e.triggerReason, e.transactionInfo.transactionId])).toEqual([
      ['Updated', 'Trigger', first],
      ['Updated', 'Trigger', second],
    ]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_20_CS Trigger message - Heartbeat', async () => {
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'Heartbeat' })).toBe('Accepted');
    await waitForCalls(csms, 'Heartbeat', 1, since);
    expect(stationCalls(csms, 'Heartbeat', since)).toEqual([{}]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_23_CS Trigger message - StatusNotification - Specific EVSE - Available', async () => {
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'StatusNotification', evse: { id: 2, connectorId: 1 } })).toBe('Accepted');
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 2, connectorId: 1, connectorStatus: 'Available' }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_24_CS Trigger message - StatusNotification - Specific EVSE - Occupied', async () => {
    station.chargePoint.onSessionStarted(1, 1);
    await waitUntil(() => statusNotifications(csms).some((s) => s.connectorStatus === 'Occupied'), 'StatusNotification Occupied');
    await flushStation(csms, client);
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } })).toBe('Accepted');
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_26_CS Trigger message - Rejected (BootNotification while Accepted)', async () => {
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'BootNotification' })).toBe('Rejected');
    await flushStation(csms, client);
    expect(stationCalls(csms, 'BootNotification', since)).toEqual([]);
    expect(station.chargePoint.registrationStatus).toBe('Accepted');
    expect(csms.violations).toEqual([]);
  });

  it('TC_F_27_CS Trigger message - NotImplemented', async () => {
    // A Local Controller message: a charging station never implements it.
    const since = csms.ledger.length;
    expect(await trigger({ requestedMessage: 'PublishFirmwareStatusNotification' })).toBe('NotImplemented');
    await flushStation(csms, client);
    expect(stationCalls(csms, 'PublishFirmwareStatusNotification', since)).toEqual([]);
    expect(csms.violations).toEqual([]);
  });
});
