import { describe, expect, it } from 'vitest';
import type { MeterValueType } from '../../messages/index.js';
import { ACCEPTED, GROUP, makeTransactions, OTHER, TOKEN } from './transactions.test-kit.js';

const kwh = (value: number): MeterValueType => ({
  timestamp: '2026-03-01T12:10:00.000Z',
  sampledValue: [{ value, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'kWh' } }],
});

function authorizedAndCharging(values: Record<string, string> = {}) {
  const kit = makeTransactions({ values: { 'TxCtrlr.TxStartPoint': 'PowerPathClosed', 'TxCtrlr.TxStopPoint': 'EVConnected,Authorized', ...values } });
  kit.manager.onCablePluggedIn(1, 1);
  kit.manager.onAuthorized(1, TOKEN, { status: 'Accepted', groupIdToken: GROUP });
  kit.manager.onChargingStateChanged(1, 'Charging');
  return { kit, from: kit.queued().length };
}

describe('E07 stop by idToken, C09 group, C16 master pass', () => {
  it('TC_C_04_CS a different idToken does not stop the transaction', () => {
    const { kit, from } = authorizedAndCharging();
    expect(kit.manager.onAuthorized(1, OTHER, ACCEPTED)).toBe('ignored');
    expect(kit.since(from)).toEqual([]);
    expect(kit.manager.hasActiveTransaction(1)).toBe(true);
  });

  it('TC_C_39_CS a token of the same group stops it; the Ended carries the token that stopped it (E07)', () => {
    const { kit, from } = authorizedAndCharging();
    expect(kit.manager.onAuthorized(1, OTHER, { status: 'Accepted', groupIdToken: GROUP })).toBe('stopped');
    expect(kit.since(from)).toMatchObject([{ eventType: 'Ended', triggerReason: 'StopAuthorized', idToken: OTHER, transactionInfo: { stoppedReason: 'Local' } }]);
  });

  it('C16 a master pass stops any transaction (stoppedReason MasterPass) and starts none', () => {
    const { kit, from } = authorizedAndCharging();
    const master = { idToken: 'MASTER', type: 'Central' as const };
    expect(kit.manager.onAuthorized(2, master, ACCEPTED, { masterPass: true })).toBe('ignored');
    expect(kit.manager.onAuthorized(1, master, ACCEPTED, { masterPass: true })).toBe('stopped');
    expect(kit.since(from)).toMatchObject([{ eventType: 'Ended', triggerReason: 'StopAuthorized', idToken: master, transactionInfo: { stoppedReason: 'MasterPass' } }]);
  });

  it('presenting the same token again before any transaction cancels the authorization', () => {
    const kit = makeTransactions();
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.manager.onAuthorized(1, TOKEN, ACCEPTED)).toBe('stopped');
    expect(kit.manager.isAuthorized(1)).toBe(false);
    expect(kit.clock.pendingTimers()).toBe(0);
    kit.manager.onCablePluggedIn(1, 1);
    expect(kit.queued()).toEqual([]);
  });

  it('a new token on a transaction whose authorization ended authorizes it again and is reported', () => {
    const { kit, from } = authorizedAndCharging({ 'TxCtrlr.TxStopPoint': 'EVConnected' });
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    expect(kit.manager.onAuthorized(1, OTHER, ACCEPTED)).toBe('updated');
    kit.manager.onCableUnplugged(1, 1, 'station');
    expect(kit.since(from)).toMatchObject([
      { triggerReason: 'StopAuthorized' },
      { triggerReason: 'Authorized', idToken: OTHER },
      { eventType: 'Ended', transactionInfo: { stoppedReason: 'EVDisconnected' } },
    ]);
  });
});

describe('E05/C15 StopTxOnInvalidId and MaxEnergyOnInvalidId', () => {
  it('TC_C_16_CS StopTxOnInvalidId false without MaxEnergyOnInvalidId: charging goes on, nothing is sent', () => {
    const { kit, from } = authorizedAndCharging({ 'TxCtrlr.StopTxOnInvalidId': 'false' });
    kit.manager.onDeauthorized(1, { status: 'Invalid' });
    expect(kit.since(from)).toEqual([]);
    expect(kit.happened.some((h) => 'stopCharging' in h)).toBe(false);
  });

  it('TC_C_17_CS StopTxOnInvalidId false, MaxEnergyOnInvalidId 500 Wh: energy pauses when 500 Wh were delivered (EnergyLimitReached)', () => {
    const { kit, from } = authorizedAndCharging({ 'TxCtrlr.StopTxOnInvalidId': 'false', 'TxCtrlr.MaxEnergyOnInvalidId': '500' });
    kit.manager.recordMeterValue(1, kwh(10));
    kit.manager.onDeauthorized(1, { status: 'Invalid' });
    kit.manager.onMeterValues(1, [kwh(10.4)], 'MeterValuePeriodic');
    expect(kit.happened.some((h) => 'pauseCharging' in h)).toBe(false);
    kit.manager.recordMeterValue(1, kwh(10.5));
    expect(kit.since(from)).toMatchObject([
      { triggerReason: 'MeterValuePeriodic' },
      { eventType: 'Updated', triggerReason: 'EnergyLimitReached', transactionInfo: { chargingState: 'SuspendedEVSE' } },
    ]);
    expect(kit.happened.at(-1)).toEqual({ pauseCharging: 1 });
    kit.manager.recordMeterValue(1, kwh(11));
    expect(kit.since(from)).toHaveLength(2);
  });

  it('TC_C_15_CS StopTxOnInvalidId true: the TransactionEventResponse Invalid ends the transaction (TxStopPoint Authorized)', () => {
    const { kit, from } = authorizedAndCharging();
    const started = kit.queued()[0]!;
    kit.manager.onTransactionEventResponse(started, { idTokenInfo: { status: 'Accepted' } });
    expect(kit.since(from)).toEqual([]);
    kit.manager.onTransactionEventResponse(started, { idTokenInfo: { status: 'Expired' } });
    expect(kit.since(from)).toMatchObject([{ eventType: 'Ended', triggerReason: 'Deauthorized', transactionInfo: { stoppedReason: 'DeAuthorized' } }]);
  });

  it('a late answer for a transaction that already ended changes nothing', () => {
    const { kit } = authorizedAndCharging();
    const started = kit.queued()[0]!;
    kit.manager.onCableUnplugged(1, 1, 'station');
    const count = kit.queued().length;
    kit.manager.onTransactionEventResponse(started, { idTokenInfo: { status: 'Invalid' } });
    expect(kit.queued()).toHaveLength(count);
  });

  it('an Authorize answer that withdraws a pre-authorization cancels it without any event', () => {
    const kit = makeTransactions();
    kit.manager.onAuthorized(1, TOKEN, ACCEPTED);
    kit.manager.onDeauthorized(1, { status: 'Blocked' });
    expect(kit.manager.isAuthorized(1)).toBe(false);
    expect(kit.queued()).toEqual([]);
  });
});
