import { beforeEach, describe, expect, it } from 'vitest';
import type { MeterValuesRequest, TransactionEventRequest } from '@evstation/core';
import { stationPerTest } from '../support/station-per-test.js';
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
  const env = stationPerTest(() => ({ handlers: new TokenDirectory().handlers() }));

  beforeEach(async () => {
    await env.boot();
  });

  async function trigger(request: Record<string, unknown>): Promise<string> {
    return ((await env.client.call('TriggerMessage', request)) as { status: string }).status;
  }

  /** The meter of an EVSE reads `wh` now (libocpp on_meter_value). */
  function meterReads(evseId: number, wh: number): void {
    env.station.chargePoint.onMeterValue(evseId, energyReading(wh, new Date()));
  }

  it('TC_F_11_CS Trigger message - MeterValues - Specific EVSE', async () => {
    meterReads(1, 1200);
    meterReads(2, 3400);
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'MeterValues', evse: { id: 1 } })).toBe('Accepted');
    const [sent] = await waitForCalls<MeterValuesRequest>(env.csms, 'MeterValues', 1, since);
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'MeterValues', since)).toHaveLength(1);
    expect(sent).toMatchObject({ evseId: 1, meterValue: [{ sampledValue: [{ value: 1200, context: 'Trigger', measurand: 'Energy.Active.Import.Register' }] }] });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_12_CS Trigger message - MeterValues - All EVSE', async () => {
    meterReads(1, 1200);
    meterReads(2, 3400);
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'MeterValues' })).toBe('Accepted');
    await waitForCalls(env.csms, 'MeterValues', 2, since);
    await flushStation(env.csms, env.client);
    const sent = stationCalls<MeterValuesRequest>(env.csms, 'MeterValues', since);
    expect(sent.map((m) => [m.evseId, m.meterValue[0]?.sampledValue[0]?.value, m.meterValue[0]?.sampledValue[0]?.context])).toEqual([
      [1, 1200, 'Trigger'],
      [2, 3400, 'Trigger'],
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_13_CS Trigger message - TransactionEvent - Specific EVSE', async () => {
    const first = await energyTransferStarted(env.csms, env.station.chargePoint, 1, tokens.valid);
    await energyTransferStarted(env.csms, env.station.chargePoint, 2, tokens.valid2);
    meterReads(1, 2500);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'TransactionEvent', evse: { id: 1 } })).toBe('Accepted');
    await waitUntil(() => transactionEvents(env.csms, since).length > 0, 'the triggered TransactionEvent');
    await flushStation(env.csms, env.client);
    const sent: TransactionEventRequest[] = transactionEvents(env.csms, since);
    expect(sent).toEqual([expect.objectContaining({ eventType: 'Updated', triggerReason: 'Trigger', transactionInfo: { transactionId: first } })]);
    expect(sent[0]?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ value: 2500, context: 'Trigger' });
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_14_CS Trigger message - TransactionEvent - All EVSE', async () => {
    const first = await energyTransferStarted(env.csms, env.station.chargePoint, 1, tokens.valid);
    const second = await energyTransferStarted(env.csms, env.station.chargePoint, 2, tokens.valid2);
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'TransactionEvent' })).toBe('Accepted');
    await waitUntil(() => transactionEvents(env.csms, since).length >= 2, 'two triggered TransactionEvents');
    await flushStation(env.csms, env.client);
    const sent = transactionEvents(env.csms, since);
    expect(sent.map((e) => [e.eventType, e.triggerReason, e.transactionInfo.transactionId])).toEqual([
      ['Updated', 'Trigger', first],
      ['Updated', 'Trigger', second],
    ]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_20_CS Trigger message - Heartbeat', async () => {
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'Heartbeat' })).toBe('Accepted');
    await waitForCalls(env.csms, 'Heartbeat', 1, since);
    expect(stationCalls(env.csms, 'Heartbeat', since)).toEqual([{}]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_23_CS Trigger message - StatusNotification - Specific EVSE - Available', async () => {
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'StatusNotification', evse: { id: 2, connectorId: 1 } })).toBe('Accepted');
    await waitForCalls(env.csms, 'StatusNotification', 1, since);
    await flushStation(env.csms, env.client);
    expect(statusNotifications(env.csms, since)).toEqual([{ evseId: 2, connectorId: 1, connectorStatus: 'Available' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_24_CS Trigger message - StatusNotification - Specific EVSE - Occupied', async () => {
    env.station.chargePoint.onSessionStarted(1, 1);
    await waitUntil(() => statusNotifications(env.csms).some((s) => s.connectorStatus === 'Occupied'), 'StatusNotification Occupied');
    await flushStation(env.csms, env.client);
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } })).toBe('Accepted');
    await waitForCalls(env.csms, 'StatusNotification', 1, since);
    await flushStation(env.csms, env.client);
    expect(statusNotifications(env.csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_26_CS Trigger message - Rejected (BootNotification while Accepted)', async () => {
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'BootNotification' })).toBe('Rejected');
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'BootNotification', since)).toEqual([]);
    expect(env.station.chargePoint.registrationStatus).toBe('Accepted');
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_F_27_CS Trigger message - NotImplemented', async () => {
    // A Local Controller message: a charging station never implements it.
    const since = env.csms.ledger.length;
    expect(await trigger({ requestedMessage: 'PublishFirmwareStatusNotification' })).toBe('NotImplemented');
    await flushStation(env.csms, env.client);
    expect(stationCalls(env.csms, 'PublishFirmwareStatusNotification', since)).toEqual([]);
    expect(env.csms.violations).toEqual([]);
  });
});
