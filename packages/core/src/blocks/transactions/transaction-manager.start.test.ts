import { describe, expect, it } from 'vitest';
import type { TransactionEventRequest } from '../../messages/index.js';
import { ACCEPTED, makeTransactions, TOKEN } from './transactions.test-kit.js';

/** The fields a start/stop point decides, absent ones left out. */
function summary(event: TransactionEventRequest) {
  return {
    eventType: event.eventType,
    triggerReason: event.triggerReason,
    ...(event.transactionInfo.chargingState === undefined ? {} : { chargingState: event.transactionInfo.chargingState }),
    ...(event.transactionInfo.stoppedReason === undefined ? {} : { stoppedReason: event.transactionInfo.stoppedReason }),
    ...(event.evse === undefined ? {} : { evse: event.evse }),
    ...(event.idToken === undefined ? {} : { idToken: event.idToken.idToken }),
  };
}

describe('E01 start points at the unit level', () => {
  it('TC_E_01_CS PowerPathClosed (E01.FR.05): plugged in, then authorized, starts with Authorized and chargingState EVConnected', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued()).toEqual([]);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('started');
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 }, idToken: 'OCTT-TOKEN-001' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(kit.happened).toEqual([{ started: 1, transactionId: 'tx-1' }]);
  });

  it('TC_E_01_CS PowerPathClosed (E01.FR.05): authorized, then plugged in, starts with CablePluggedIn', () => {
    const kit = makeTransactions();
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('authorized');
    expect(kit.manager.isAuthorized(1)).toBe(true);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 }, idToken: 'OCTT-TOKEN-001' },
    ]);
  });

  it('TC_E_02_CS EnergyTransfer (E01.FR.04): nothing until energy flows, then Started with ChargingStateChanged', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EnergyTransfer', 'TxCtrlr.TxStopPoint': 'EnergyTransfer' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('authorized');
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    expect(kit.queued()).toEqual([]);
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'ChargingStateChanged', chargingState: 'Charging', evse: { id: 1, connectorId: 1 }, idToken: 'OCTT-TOKEN-001' },
    ]);
  });

  it('TC_E_03_CS cable plugin first (E02): Started on CablePluggedIn, Updated Authorized with the idToken, Updated Charging', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected,Authorized' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('updated');
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 } },
      { eventType: 'Updated', triggerReason: 'Authorized', idToken: 'OCTT-TOKEN-001' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
  });

  it('TC_E_04_CS authorization first (E03): Started Authorized with evse, then CablePluggedIn reports the connector once (E01.FR.16)', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected,Authorized' } });
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('started');
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', evse: { id: 1 }, idToken: 'OCTT-TOKEN-001' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 } },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
  });

  it('TC_E_05_CS cable plugin timeout (E03): no cable within EVConnectionTimeOut cancels the authorization, no transaction', async () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.EVConnectionTimeOut': '30' } });
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    await kit.clock.advance(29_999);
    expect(kit.manager.isAuthorized(1)).toBe(true);
    expect(kit.happened).toEqual([]);
    await kit.clock.advance(1);
    expect(kit.manager.isAuthorized(1)).toBe(false);
    // A timer, not a station fact, withdrew it: the owner is told so the station stops offering energy.
    expect(kit.happened).toEqual([{ authorizationExpired: 1 }]);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued()).toEqual([]);
    expect(kit.manager.hasActiveTransaction()).toBe(false);
  });

  it('E03: plugging in before EVConnectionTimeOut cancels the timer', async () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.EVConnectionTimeOut': '30' } });
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    await kit.clock.advance(10_000);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.clock.pendingTimers()).toBe(0);
    await kit.clock.advance(60_000);
    expect(kit.manager.transactionOn(1)?.authorized).toBe(true);
  });

  it('TC_E_09_CS EVConnected (E01.FR.02): the cable alone starts the transaction', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued().map(summary)).toEqual([{ eventType: 'Started', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 } }]);
    expect(kit.manager.transactionOn(1)).toMatchObject({ evseId: 1, transactionId: 'tx-1', connectorId: 1, authorized: false, chargingState: 'EVConnected' });
  });

  it('TC_E_10_CS Authorized local (E01.FR.03): the authorization alone starts the transaction', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'Authorized' } });
    expect(kit.manager.onAuthorized(2, TOKEN, ACCEPTED)).toBe('started');
    expect(kit.queued().map(summary)).toEqual([{ eventType: 'Started', triggerReason: 'Authorized', evse: { id: 2 }, idToken: 'OCTT-TOKEN-001' }]);
  });

  it('TC_E_13_CS Authorized remote (F02): triggerReason RemoteStart and transactionInfo.remoteStartId in the first event only', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'Authorized' } });
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED, { remoteStartId: 77 })).toBe('started');
    kit.manager.onCablePluggedIn(1, 1);
    const [started, plugged] = kit.queued();
    expect(started).toMatchObject({ eventType: 'Started', triggerReason: 'RemoteStart', transactionInfo: { transactionId: 'tx-1', remoteStartId: 77 } });
    expect(plugged?.transactionInfo.remoteStartId).toBeUndefined();
  });

  it('F01 remote start on a running transaction: Updated RemoteStart carries remoteStartId and the idToken', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED, { remoteStartId: 5 })).toBe('updated');
    expect(kit.queued()[1]).toMatchObject({ eventType: 'Updated', triggerReason: 'RemoteStart', idToken: TOKEN, transactionInfo: { remoteStartId: 5 } });
  });

  it('TC_E_11_CS DataSigned (E01.FR.06): signed meter data starts the transaction (SignedDataReceived)', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'DataSigned' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.queued()).toEqual([]);
    kit.manager.onDataSigned(1);
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'SignedDataReceived', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 }, idToken: 'OCTT-TOKEN-001' },
    ]);
  });

  it('TC_E_12_CS ParkingBayOccupancy (E01.FR.01): Started EVDetected without connector, then the connector on plug-in', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'ParkingBayOccupancy', 'TxCtrlr.TxStopPoint': 'ParkingBayOccupancy' } });
    kit.manager.onParkingBay(1, true);
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'EVDetected', evse: { id: 1 } },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected', evse: { id: 1, connectorId: 1 } },
      { eventType: 'Updated', triggerReason: 'Authorized', idToken: 'OCTT-TOKEN-001' },
    ]);
  });

  it('reads TxStartPoint each time: a change at run time applies to the next session', () => {
    const kit = makeTransactions();
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued()).toEqual([]);
    kit.manager.onCableUnplugged(1, 1, 'station');
    kit.set({ 'TxCtrlr.TxStartPoint': 'EVConnected' });
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued().map((e) => e.eventType)).toEqual(['Started']);
  });

  it('ignores an EVSE the layout does not have, and a token that is not Accepted', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'Authorized' } });
    expect(kit.manager.onAuthorized(9, TOKEN, ACCEPTED)).toBe('ignored');
    expect(kit.manager.onAuthorized(1, TOKEN, { status: 'Invalid' })).toBe('ignored');
    kit.manager.onCablePluggedIn(9, 1);
    expect(kit.queued()).toEqual([]);
    expect(kit.logger.entries.some((e) => e.level === 'warn' && e.fields['evseId'] === 9)).toBe(true);
  });

  it('transactions on two EVSEs are independent, each with its own id', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onCablePluggedIn(2, 1);
    expect(kit.manager.activeTransactions().map((t) => [t.evseId, t.transactionId])).toEqual([
      [1, 'tx-1'],
      [2, 'tx-2'],
    ]);
    expect(kit.queued().map((e) => e.seqNo)).toEqual([0, 0]);
  });
});
