import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, flushStation, sortedStatusNotifications, stationActions, stationCalls, waitForCalls, waitUntil } from '../support/ocpp-frames.js';

/*
 * Block B Reset without transactions. The station's `reset` callback (recorded by the harness) is where a real
 * station reboots; here the test does what it would: stop the ChargePoint and start a new one on the same SQLite
 * file with bootReason RemoteReset.
 *
 * Not here: TC_B_21_CS (OnIdle), TC_B_22_CS (Immediate) and TC_B_41_CS "With Ongoing Transaction" are in
 * tc-b-reset-transactions.test.ts. Their idle halves are TC_B_20_CS and the Immediate case below.
 */
describe('Block B reset against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path }));
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  /** Sends Reset, expects Accepted and the station's reset callback, then reboots the station as the callback would. */
  async function resetAndReboot(type: 'Immediate' | 'OnIdle'): Promise<number> {
    await expect(client.call('Reset', { type })).resolves.toEqual({ status: 'Accepted' });
    const running = station;
    await waitUntil(() => running.resets.length > 0, 'the reset callback');
    expect(running.resets).toEqual([{ type }]);
    await running.stop();
    const booted = await startBootedStation(csms, { dbPath: db.path, bootReason: 'RemoteReset' });
    station = booted.station;
    client = booted.client;
    return booted.since;
  }

  /** What a reboot after Reset must send (B11, A04): BootNotification RemoteReset first, and SecurityEventNotification ResetOrReboot. */
  async function expectRemoteResetBoot(since: number): Promise<void> {
    expect(stationActions(csms, since)[0]).toBe('BootNotification');
    expect(stationCalls(csms, 'BootNotification', since)).toEqual([expect.objectContaining({ reason: 'RemoteReset' })]);
    await waitUntil(() => stationCalls<{ type: string }>(csms, 'SecurityEventNotification', since).some((e) => e.type === 'ResetOrReboot'), 'SecurityEventNotification ResetOrReboot');
  }

  it('TC_B_20_CS Reset Charging Station - Without ongoing transaction - OnIdle', async () => {
    const since = await resetAndReboot('OnIdle');
    await expectRemoteResetBoot(since);
    expect(sortedStatusNotifications(csms, since)).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Available' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Available' },
    ]);
    expect(station.chargePoint.registrationStatus).toBe('Accepted');
    expect(csms.violations).toEqual([]);
  });

  it('B11 Reset Immediate without a transaction (idle half of TC_B_22_CS): Accepted, reset, RemoteReset boot', async () => {
    const since = await resetAndReboot('Immediate');
    await expectRemoteResetBoot(since);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_23_CS Reset Charging Station - Unavailable persists reset', async () => {
    const before = csms.ledger.length;
    await expect(client.call('ChangeAvailability', { operationalStatus: 'Inoperative' })).resolves.toEqual({ status: 'Accepted' });
    await waitForCalls(csms, 'StatusNotification', 2, before);
    await flushStation(csms, client);
    const since = await resetAndReboot('OnIdle');
    await expectRemoteResetBoot(since);
    expect(sortedStatusNotifications(csms, since)).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' },
    ]);
    expect(station.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Unavailable');
    expect(csms.violations).toEqual([]);
  });
});
