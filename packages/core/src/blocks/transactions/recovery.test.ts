import { describe, expect, it } from 'vitest';
import type { MeterValueType } from '../../messages/index.js';
import { InMemoryDeviceModelStore, InMemoryMessageQueueStore, InMemoryTransactionStore } from '../../storage-memory/index.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { ACCEPTED, makeTransactions, TOKEN } from './transactions.test-kit.js';

const reading = (wh: number): MeterValueType => ({
  timestamp: '2026-03-01T12:04:00.000Z',
  sampledValue: [{ value: wh, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
});

/** One station's storage, shared by the manager before the crash and the fresh one after it (kill -9: nothing is closed). */
function storage() {
  return { deviceModelStore: new InMemoryDeviceModelStore(), queueStore: new InMemoryMessageQueueStore(), txStore: new InMemoryTransactionStore() };
}

/** Before the crash: EVSE 1 charging with 4 events queued and a later reading kept without an event. */
function crashWhileCharging(stores: ReturnType<typeof storage>) {
  const before = makeTransactions({ ...stores, values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed', 'TxCtrlr.TxStopPoint': 'EVConnected' }, newTransactionId: () => 'tx-before' });
  before.manager.onCablePluggedIn(1, 1);
  before.manager.onAuthorized(1, TOKEN, ACCEPTED);
  before.manager.onChargingStateChanged(1, 'Charging');
  before.manager.onMeterValues(1, [reading(1000)], 'MeterValuePeriodic');
  before.manager.recordMeterValue(1, reading(1500));
  return before.queued();
}

describe('power loss (reliability §2.4): a restart with a transaction open in storage', () => {
  it('ends it: Ended, AbnormalCondition, PowerLoss, the next seqNo, the last stored meter value as Transaction.End', () => {
    const stores = storage();
    const beforeCrash = crashWhileCharging(stores);
    expect(beforeCrash.map((e) => e.seqNo)).toEqual([0, 1, 2]);
    const after = makeTransactions({ ...stores, clock: new FakeClock(new Date('2026-03-01T13:00:00.000Z')) });
    after.setOnline(false);
    after.manager.recover();
    const events = after.queued();
    expect(events.slice(0, 3)).toEqual(beforeCrash);
    expect(events[3]).toEqual({
      eventType: 'Ended',
      timestamp: '2026-03-01T13:00:00.000Z',
      triggerReason: 'AbnormalCondition',
      seqNo: 3,
      offline: true,
      meterValue: [{ ...reading(1500), sampledValue: [{ ...reading(1500).sampledValue[0]!, context: 'Transaction.End' }] }],
      transactionInfo: { transactionId: 'tx-before', stoppedReason: 'PowerLoss' },
    });
    expect(after.happened).toEqual([{ ended: 1, transactionId: 'tx-before', reason: 'PowerLoss' }]);
    expect(stores.txStore.loadAll()).toEqual([]);
    expect(after.manager.hasActiveTransaction()).toBe(false);
  });

  it('continues the seqNo after events that were already sent and removed from the queue', () => {
    const stores = storage();
    crashWhileCharging(stores);
    for (const message of stores.queueStore.peek(10)) stores.queueStore.remove(message.id);
    const after = makeTransactions(stores);
    after.manager.recover({ stoppedReason: 'Reboot' });
    expect(after.queued()).toMatchObject([{ eventType: 'Ended', seqNo: 3, transactionInfo: { stoppedReason: 'Reboot' } }]);
  });

  it('resumes it when configured: no event at boot, the next facts continue the same transaction and seqNo', () => {
    const stores = storage();
    crashWhileCharging(stores);
    const after = makeTransactions({ ...stores, values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed', 'TxCtrlr.TxStopPoint': 'EVConnected' } });
    after.manager.recover({ resume: true });
    expect(after.queued()).toHaveLength(3);
    expect(after.manager.transactionOn(1)).toMatchObject({ transactionId: 'tx-before', authorized: true, chargingState: 'Charging', connectorId: 1 });
    after.manager.onCablePluggedIn(1, 1);
    after.manager.onCableUnplugged(1, 1, 'station');
    expect(after.queued().slice(3)).toEqual([
      {
        eventType: 'Ended',
        timestamp: '2026-03-01T12:00:00.000Z',
        triggerReason: 'EVCommunicationLost',
        seqNo: 3,
        transactionInfo: { transactionId: 'tx-before', chargingState: 'Idle', stoppedReason: 'EVDisconnected' },
      },
    ]);
  });

  it('does nothing when storage holds no open transaction', () => {
    const after = makeTransactions();
    after.manager.recover();
    expect(after.queued()).toEqual([]);
  });
});
