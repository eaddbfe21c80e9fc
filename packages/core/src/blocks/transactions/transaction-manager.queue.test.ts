import { describe, expect, it, vi } from 'vitest';
import type { MeterValueType } from '../../messages/index.js';
import { ACCEPTED, makeTransactions, TOKEN } from './transactions.test-kit.js';

const reading = (wh: number, at = '2026-03-01T12:05:00.000Z'): MeterValueType => ({
  timestamp: at,
  sampledValue: [{ value: wh, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
});

describe('TransactionEvent sequence and once-only fields', () => {
  it('E01.FR.07 gives seqNo 0, 1, 2... without gaps, the same in the queue store and in the payload', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected', 'TxCtrlr.TxStopPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onChargingStateChanged(1, 'Charging');
    kit.manager.onMeterValues(1, [reading(100)], 'MeterValuePeriodic');
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    kit.manager.onCableUnplugged(1, 1, 'station');
    const messages = kit.queueStore.peek(100);
    expect(messages.map((m) => m.seqNo)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(kit.queued().map((e) => e.seqNo)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(messages.every((m) => m.transactionId === 'tx-1' && m.kind === 'transaction')).toBe(true);
    expect(kit.queued().map((e) => e.eventType)).toEqual(['Started', 'Updated', 'Updated', 'Updated', 'Updated', 'Ended']);
  });

  it('E01.FR.16 sends evse in the first event only; E03.FR.01 sends the idToken once', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed', 'TxCtrlr.TxStopPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onChargingStateChanged(1, 'Charging');
    kit.manager.onMeterValues(1, [reading(100)], 'MeterValuePeriodic');
    kit.manager.onCableUnplugged(1, 1, 'station');
    const events = kit.queued();
    expect(events.map((e) => e.evse !== undefined)).toEqual([true, false, false, false]);
    expect(events.map((e) => e.idToken !== undefined)).toEqual([true, false, false, false]);
  });

  it('sends chargingState only when it changed (E02: "required when state has changed")', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onChargingStateChanged(1, 'EVConnected');
    kit.manager.onMeterValues(1, [reading(1)], 'MeterValueClock');
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.queued().map((e) => e.transactionInfo.chargingState)).toEqual(['EVConnected', undefined, 'Charging']);
  });

  it('E04.FR.03 marks events generated offline with offline true and keeps the time each happened (E11, E12)', async () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.setOnline(false);
    kit.manager.onCablePluggedIn(1, 1);
    await kit.clock.advance(5_000);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.setOnline(true);
    await kit.clock.advance(5_000);
    kit.manager.onChargingStateChanged(1, 'Charging');
    const events = kit.queued();
    expect(events.map((e) => e.offline)).toEqual([true, true, undefined]);
    expect(events.map((e) => e.timestamp)).toEqual(['2026-03-01T12:00:00.000Z', '2026-03-01T12:00:05.000Z', '2026-03-01T12:00:10.000Z']);
    expect(kit.queueStore.peek(10).map((m) => m.createdAt)).toEqual(events.map((e) => e.timestamp));
  });

  it('E12 keeps the queued events in the order they happened, across EVSEs', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onCablePluggedIn(2, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    const messages = kit.queueStore.peek(10);
    expect(messages.map((m) => [m.transactionId, m.seqNo])).toEqual([
      ['tx-1', 0],
      ['tx-2', 0],
      ['tx-1', 1],
    ]);
    expect(messages.map((m) => m.id)).toEqual([...messages.map((m) => m.id)].sort((a, b) => a - b));
  });

  it('writes the transaction state before its event is queued, in step with it', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.txStore.get(1)).toMatchObject({ transactionId: 'tx-1', reported: { evse: 'connector', idToken: false, chargingState: 'EVConnected' } });
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED, { groupIdToken: { idToken: 'G', type: 'Central' } });
    expect(kit.txStore.get(1)).toMatchObject({ idToken: TOKEN, groupIdToken: { idToken: 'G', type: 'Central' }, facts: { authorized: true }, reported: { idToken: true } });
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.txStore.get(1)).toBeUndefined();
  });
});

describe('J02 meter values in transactions', () => {
  it('onMeterValues queues Updated with the trigger given; nothing without a transaction', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    expect(kit.manager.onMeterValues(1, [reading(5)], 'MeterValuePeriodic')).toBe(false);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.manager.onMeterValues(1, [reading(5)], 'MeterValuePeriodic')).toBe(true);
    expect(kit.manager.onMeterValues(1, [], 'MeterValuePeriodic')).toBe(false);
    expect(kit.queued()[1]).toMatchObject({ eventType: 'Updated', triggerReason: 'MeterValuePeriodic', meterValue: [reading(5)] });
    expect(kit.txStore.get(1)?.lastMeterValue).toEqual(reading(5));
  });

  it('takes Started and Ended meter values from the metering block, and starts its metering', () => {
    const begin: MeterValueType = { timestamp: '2026-03-01T12:00:00.000Z', sampledValue: [{ value: 10, context: 'Transaction.Begin' }] };
    const end: MeterValueType = { timestamp: '2026-03-01T12:00:00.000Z', sampledValue: [{ value: 20, context: 'Transaction.End' }] };
    const metering = { startedValues: vi.fn(() => [begin]), startTransaction: vi.fn(), stopTransaction: vi.fn(() => [begin, end]) };
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' }, metering });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(metering.startTransaction).toHaveBeenCalledWith(1, 'tx-1');
    expect(metering.stopTransaction).toHaveBeenCalledWith(1);
    expect(kit.queued().map((e) => e.meterValue)).toEqual([[begin], [begin, end]]);
  });

  it('recordMeterValue keeps the latest reading durable without an event', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.recordMeterValue(1, reading(1));
    expect(kit.txStore.get(1)).toBeUndefined();
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.recordMeterValue(1, reading(42));
    expect(kit.txStore.get(1)).toMatchObject({ lastMeterValue: reading(42), startEnergyWh: 42 });
    expect(kit.queued()).toHaveLength(1);
  });
});
