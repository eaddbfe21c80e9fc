import { describe, expect, it } from 'vitest';
import type { TransactionRecord, TransactionStorePort } from '../../ports/storage/transaction-store.port.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

/** A record with every optional field present (tokens with additionalInfo, meter value with signed data). */
export const fullTransactionRecord: TransactionRecord = {
  evseId: 2,
  transactionId: 'b0e4f8a2-6f7c-4c1e-9d55-0a1b2c3d4e5f',
  startedAt: '2026-03-01T12:00:00.000Z',
  facts: { parkingBayOccupied: true, evConnected: true, connectorId: 1, authorized: false, dataSigned: true, chargingState: 'SuspendedEVSE' },
  idToken: { idToken: 'AbC123', type: 'ISO14443', additionalInfo: [{ additionalIdToken: 'x', type: 'y' }] },
  groupIdToken: { idToken: 'GROUP-1', type: 'Central' },
  reported: { evse: 'connector', idToken: true, chargingState: 'Charging' },
  pendingRemoteStartId: 42,
  pendingReservationId: 7,
  stopCause: { reason: 'Local', triggerReason: 'StopAuthorized' },
  energyLimitWh: 500,
  startEnergyWh: 1234.5,
  lastMeterValue: {
    timestamp: '2026-03-01T12:30:00.000Z',
    sampledValue: [{ value: 2000.25, context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh', multiplier: 0 } }],
  },
};

/** A record with every optional field absent. */
export const minimalTransactionRecord: TransactionRecord = {
  evseId: 1,
  transactionId: 'tx-1',
  startedAt: '2026-03-01T11:00:00.000Z',
  facts: { parkingBayOccupied: false, evConnected: false, authorized: true, dataSigned: false, chargingState: 'Idle' },
  reported: { evse: 'none', idToken: false, chargingState: 'Idle' },
};

/** The behaviour every TransactionStorePort must show: one open transaction per EVSE, every field durable across a restart. */
export function transactionStoreContract(name: string, makeStore: StoreContractFactory<TransactionStorePort>): void {
  describe(`${name} (TransactionStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      const store = session.open();
      expect(store.loadAll()).toEqual([]);
      expect(store.get(1)).toBeUndefined();
    });

    it('round-trips every field of a full and of a minimal record across a restart, ordered by EVSE id', () => {
      const store = session.open();
      store.save(fullTransactionRecord);
      store.save(minimalTransactionRecord);
      const after = session.restart();
      expect(after.get(2)).toStrictEqual(fullTransactionRecord);
      expect(after.get(1)).toStrictEqual(minimalTransactionRecord);
      expect(after.loadAll()).toStrictEqual([minimalTransactionRecord, fullTransactionRecord]);
    });

    it('keeps one record per EVSE: a save replaces, a remove forgets, removing nothing is harmless', () => {
      const store = session.open();
      store.save(minimalTransactionRecord);
      const next: TransactionRecord = { ...minimalTransactionRecord, facts: { ...minimalTransactionRecord.facts, evConnected: true, connectorId: 1, chargingState: 'EVConnected' } };
      store.save(next);
      expect(session.restart().loadAll()).toStrictEqual([next]);
      const after = session.restart();
      after.remove(1);
      after.remove(9);
      expect(session.restart().loadAll()).toEqual([]);
      expect(session.restart().get(1)).toBeUndefined();
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const record: TransactionRecord = structuredClone(fullTransactionRecord);
      store.save(record);
      record.facts.chargingState = 'Idle';
      record.idToken!.idToken = 'changed';
      const out = store.get(2)!;
      out.reported.idToken = false;
      out.lastMeterValue!.sampledValue[0]!.value = 0;
      store.loadAll()[0]!.transactionId = 'changed';
      expect(store.get(2)).toStrictEqual(fullTransactionRecord);
    });
  });
}
