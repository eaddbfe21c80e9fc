import { describe, expect, it } from 'vitest';
import type { TransactionEventRequest } from '../../messages/index.js';
import { ACCEPTED, makeTransactions, TOKEN } from './transactions.test-kit.js';

type Kit = ReturnType<typeof makeTransactions>;

function summary(event: TransactionEventRequest | undefined) {
  if (event === undefined) return undefined;
  return {
    eventType: event.eventType,
    triggerReason: event.triggerReason,
    ...(event.transactionInfo.chargingState === undefined ? {} : { chargingState: event.transactionInfo.chargingState }),
    ...(event.transactionInfo.stoppedReason === undefined ? {} : { stoppedReason: event.transactionInfo.stoppedReason }),
    ...(event.idToken === undefined ? {} : { idToken: event.idToken.idToken }),
  };
}

/** Reusable state EnergyTransferStarted on EVSE 1 (cable, token, Charging); returns how many events it queued. */
function charging(kit: Kit): number {
  kit.manager.onCablePluggedIn(1, 1);
  kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
  kit.manager.onChargingStateChanged(1, 'Charging');
  return kit.queued().length;
}

function stopPoint(value: string, more: Record<string, string> = {}): Kit {
  return makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed', 'TxCtrlr.TxStopPoint': value, ...more } });
}

describe('E06 stop points at the unit level', () => {
  it('TC_E_14_CS EVDisconnected at the station side (E06.FR.02): Ended EVCommunicationLost, Idle, stoppedReason EVDisconnected', () => {
    const kit = stopPoint('EVConnected');
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
    expect(kit.happened.at(-1)).toEqual({ ended: 1, transactionId: 'tx-1', reason: 'EVDisconnected' });
    expect(kit.manager.hasActiveTransaction()).toBe(false);
  });

  it('TC_E_14_CS after StopAuthorized (EVConnectedPostSession): Updated StopAuthorized/EVConnected, then Ended with stoppedReason Local', () => {
    const kit = stopPoint('EVConnected');
    const from = charging(kit);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('stopped');
    kit.manager.onChargingStateChanged(1, 'EVConnected');
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', idToken: TOKEN.idToken },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'Local' },
    ]);
    expect(kit.happened).toContainEqual({ stopCharging: 1, reason: 'Local' });
  });

  it('TC_E_15_CS StopAuthorized local (E06.FR.03): the same token ends the transaction, stoppedReason Local, idToken of the ending driver', () => {
    const kit = stopPoint('Authorized');
    const from = charging(kit);
    expect(kit.manager.onAuthorized(1, { idToken: 'octt-token-001', type: 'ISO14443' }, ACCEPTED)).toBe('stopped');
    // TransactionEventRequest.idToken: required when the EV Driver ends the authorization (the token as presented).
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: 'octt-token-001' }]);
    expect(kit.happened.slice(-2)).toEqual([
      { ended: 1, transactionId: 'tx-1', reason: 'Local' },
      { stopCharging: 1, reason: 'Local' },
    ]);
  });

  it('TC_E_07_CS PowerPathClosed local stop (E06.FR.06): Ended StopAuthorized', () => {
    const kit = stopPoint('PowerPathClosed');
    const from = charging(kit);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: TOKEN.idToken }]);
  });

  it('TC_E_16_CS Deauthorized, invalid idToken (E05, E06.FR.04): Ended Deauthorized, stoppedReason DeAuthorized', () => {
    const kit = stopPoint('Authorized');
    const from = charging(kit);
    const [started] = kit.queued();
    kit.manager.onTransactionEventResponse(started!, { idTokenInfo: { status: 'Invalid' } });
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'Deauthorized', chargingState: 'EVConnected', stoppedReason: 'DeAuthorized' }]);
    expect(kit.happened).toContainEqual({ stopCharging: 1, reason: 'DeAuthorized' });
  });

  it('Deauthorized with TxStopPoint EVConnected only: Updated Deauthorized, energy stops, the unplug ends it with DeAuthorized', () => {
    const kit = stopPoint('EVConnected');
    const from = charging(kit);
    kit.manager.onDeauthorized(1, { status: 'Blocked' });
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'Deauthorized', chargingState: 'EVConnected' },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'DeAuthorized' },
    ]);
  });

  it('TC_E_17_CS Deauthorized by an EV-side disconnect (StopTxOnEVSideDisconnect true): Ended EVCommunicationLost, Idle, EVDisconnected', () => {
    const kit = stopPoint('Authorized', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'true' });
    const from = charging(kit);
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.since(from + 1).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
  });

  it('TC_E_19_CS ParkingBayUnoccupied (E06.FR.01): the transaction outlives the cable and ends when the EV leaves the bay', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'ParkingBayOccupancy', 'TxCtrlr.TxStopPoint': 'ParkingBayOccupancy' } });
    kit.manager.onParkingBay(1, true);
    const from = charging(kit);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.manager.hasActiveTransaction(1)).toBe(true);
    kit.manager.onParkingBay(1, false);
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', idToken: TOKEN.idToken },
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Ended', triggerReason: 'EVDeparted', stoppedReason: 'Local' },
    ]);
  });

  it('TC_E_20_CS EV side disconnect, StopTxOnEVSideDisconnect false, TxStopPoint EVConnected: Ended EVDisconnected', () => {
    const kit = stopPoint('EVConnected', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
  });

  it('E09/E10 a transaction ended by its EVConnected stop point at an EV-side unplug is not held locked: UnlockOnEVSideDisconnect unlocks', () => {
    const kit = stopPoint('EVConnected', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true' });
    charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.manager.hasActiveTransaction()).toBe(false);
    expect(kit.happened.at(-1)).toEqual({ unlock: 1, connectorId: 1 });
  });

  it('E09/E10 the same with UnlockOnEVSideDisconnect false: the connector stays locked', () => {
    const kit = stopPoint('EVConnected', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'false' });
    charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.happened.some((h) => 'unlock' in h)).toBe(false);
  });

  it('TC_E_54_CS EV side disconnect of an EV not able to charge (SuspendedEV): Ended EVDisconnected', () => {
    const kit = stopPoint('EVConnected', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    const from = kit.queued().length;
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
  });

  it('TC_E_21_CS StopAuthorized remote (F03): RequestStopTransaction Accepted, Ended RemoteStop, stoppedReason Remote', () => {
    const kit = stopPoint('Authorized');
    const from = charging(kit);
    expect(kit.manager.remoteStop('unknown-id')).toBe('Rejected');
    expect(kit.manager.remoteStop('tx-1')).toBe('Accepted');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' }]);
    expect(kit.happened.at(-1)).toEqual({ stopCharging: 1, reason: 'Remote' });
  });

  it('TC_E_35_CS PowerPathClosed remote stop: Ended RemoteStop, stoppedReason Remote', () => {
    const kit = stopPoint('PowerPathClosed');
    const from = charging(kit);
    kit.manager.remoteStop('tx-1');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'RemoteStop', chargingState: 'EVConnected', stoppedReason: 'Remote' }]);
  });

  it('F03 with TxStopPoint EVConnected: Updated RemoteStop, the transaction ends at the unplug with stoppedReason Remote', () => {
    const kit = stopPoint('EVConnected');
    const from = charging(kit);
    kit.manager.remoteStop('tx-1');
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'RemoteStop', chargingState: 'EVConnected' },
      { eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'Remote' },
    ]);
  });

  it('TC_E_37_CS PowerPathClosed EV side disconnect, StopTxOnEVSideDisconnect false: Ended EVDisconnected', () => {
    const kit = stopPoint('PowerPathClosed', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false' });
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
  });

  it('TC_E_08_CS EnergyTransfer stopped by StopAuthorized (E06.FR.07): Ended StopAuthorized, EVConnected, Local', () => {
    const kit = stopPoint('EnergyTransfer');
    const from = charging(kit);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'StopAuthorized', chargingState: 'EVConnected', stoppedReason: 'Local', idToken: TOKEN.idToken }]);
  });

  it('TC_E_22_CS EnergyTransfer stopped by the EV (E06.FR.07): SuspendedEV ends it with StoppedByEV', () => {
    const kit = stopPoint('EnergyTransfer');
    const from = charging(kit);
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV', stoppedReason: 'StoppedByEV' }]);
    expect(kit.manager.hasActiveTransaction()).toBe(false);
  });

  it('E06.FR.07 EnergyTransfer paused by the EVSE: Ended with SuspendedEVSE, not blamed on the EV (stoppedReason Other)', () => {
    const kit = stopPoint('EnergyTransfer');
    const from = charging(kit);
    kit.manager.onChargingStateChanged(1, 'SuspendedEVSE');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEVSE', stoppedReason: 'Other' }]);
  });

  it('with other stop points a suspension is only reported (Updated ChargingStateChanged)', () => {
    const kit = stopPoint('EVConnected,Authorized');
    const from = charging(kit);
    kit.manager.onChargingStateChanged(1, 'SuspendedEV');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'SuspendedEV' }]);
    expect(kit.manager.hasActiveTransaction()).toBe(true);
  });

  it('TC_E_24_CS EV side disconnect deauthorizes (StopTxOnEVSideDisconnect true) and unlocks (UnlockOnEVSideDisconnect true)', () => {
    const kit = stopPoint('Authorized', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'true', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true' });
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'EVCommunicationLost', chargingState: 'Idle', stoppedReason: 'EVDisconnected' }]);
    expect(kit.happened.at(-1)).toEqual({ unlock: 1, connectorId: 1 });
  });

  it('TC_E_25_CS the same with UnlockOnEVSideDisconnect false: the connector stays locked', () => {
    const kit = stopPoint('Authorized', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'true', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'false' });
    charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.happened.some((h) => 'unlock' in h)).toBe(false);
  });

  it('TC_E_26_CS E10 suspend (StopTxOnEVSideDisconnect false): Updated EVCommunicationLost/Idle, the EV returns and charging resumes', () => {
    const kit = stopPoint('Authorized', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'OCPPCommCtrlr.UnlockOnEVSideDisconnect': 'true' });
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    expect(kit.manager.transactionOn(1)?.authorized).toBe(true);
    // E10.FR.01: the connector stays locked although UnlockOnEVSideDisconnect is true.
    expect(kit.happened.some((h) => 'unlock' in h)).toBe(false);
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onChargingStateChanged(1, 'Charging');
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Updated', triggerReason: 'CablePluggedIn', chargingState: 'EVConnected' },
      { eventType: 'Updated', triggerReason: 'ChargingStateChanged', chargingState: 'Charging' },
    ]);
    expect(kit.since(from).some((e) => e.evse !== undefined)).toBe(false);
  });

  it('TC_E_27_CS E10 suspend with a fixed cable: no EV within EVConnectionTimeOut ends it (EVConnectTimeout, Timeout)', async () => {
    const kit = stopPoint('Authorized', { 'TxCtrlr.StopTxOnEVSideDisconnect': 'false', 'TxCtrlr.EVConnectionTimeOut': '20' });
    const from = charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'ev');
    await kit.clock.advance(20_000);
    expect(kit.since(from).map(summary)).toEqual([
      { eventType: 'Updated', triggerReason: 'EVCommunicationLost', chargingState: 'Idle' },
      { eventType: 'Ended', triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' },
    ]);
  });

  it('TC_E_39_CS Deauthorized by timeout (E03): authorized, no cable within EVConnectionTimeOut: Ended EVConnectTimeout, Timeout; no new start', async () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'Authorized', 'TxCtrlr.TxStopPoint': 'Authorized', 'TxCtrlr.EVConnectionTimeOut': '3' } });
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    await kit.clock.advance(3_000);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued().map(summary)).toEqual([
      { eventType: 'Started', triggerReason: 'Authorized', idToken: 'OCTT-TOKEN-001' },
      { eventType: 'Ended', triggerReason: 'EVConnectTimeout', stoppedReason: 'Timeout' },
    ]);
    expect(kit.manager.hasActiveTransaction()).toBe(false);
  });

  it('B12 Reset Immediate: abort ends the transaction (ResetCommand, ImmediateReset) and asks the station to stop energy', () => {
    const kit = stopPoint('EVConnected');
    const from = charging(kit);
    expect(kit.manager.abortAll('ImmediateReset', 'ResetCommand')).toEqual([1]);
    expect(kit.manager.abort(1, 'ImmediateReset', 'ResetCommand')).toBe(false);
    expect(kit.since(from).map(summary)).toEqual([{ eventType: 'Ended', triggerReason: 'ResetCommand', stoppedReason: 'ImmediateReset' }]);
    expect(kit.happened.slice(-2)).toEqual([
      { ended: 1, transactionId: 'tx-1', reason: 'ImmediateReset' },
      { stopCharging: 1, reason: 'ImmediateReset' },
    ]);
  });

  it('a new session on the same EVSE gets a new transactionId with seqNo from 0', () => {
    const kit = stopPoint('EVConnected');
    charging(kit);
    kit.manager.onCableUnplugged(1, 1, 'station');
    charging(kit);
    const second = kit.queued().filter((e) => e.transactionInfo.transactionId === 'tx-2');
    expect(second.map((e) => [e.eventType, e.seqNo])).toEqual([
      ['Started', 0],
      ['Updated', 1],
    ]);
    expect(second[0]?.evse).toEqual({ id: 1, connectorId: 1 });
  });

  it('a transaction that ended while the cable stays plugged does not restart by itself (TxStopPoint Authorized)', () => {
    const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'EVConnected', 'TxCtrlr.TxStopPoint': 'Authorized' } });
    kit.manager.onCablePluggedIn(1, 1);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onChargingStateChanged(1, 'EVConnected');
    expect(kit.queued().map((e) => e.eventType)).toEqual(['Started', 'Updated', 'Ended']);
    expect(kit.manager.hasActiveTransaction()).toBe(false);
  });
});
