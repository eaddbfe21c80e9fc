import { afterEach, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, flushStation, sortedStatusNotifications, stationActions, waitForCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';

/*
 * B04 Offline behaviour of an idle station: the CSMS drops the connection (terminates the websocket), connector
 * 1 of EVSE 1 becomes Occupied while the station is offline, and the station reconnects after its back-off
 * (RetryBackOffWaitMinimum s, no random part). Offline longer than OfflineThreshold: StatusNotification for every
 * connector (B04.FR.01, TC_B_51_CS); shorter: only for the connector that changed (B04.FR.02, TC_B_52_CS).
 */
function backOff(waitMinimumS: number) {
  return [
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: String(waitMinimumS) },
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRandomRange' }, value: '0' },
    { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRepeatTimes' }, value: '0' },
  ];
}

describe('Block B offline behaviour (strict CSMS drops the station, SQLite file)', () => {
  let csms: StrictCsms | undefined;
  let station: RunningStation | undefined;
  let db: { path: string; dispose: () => void } | undefined;

  afterEach(async () => {
    await station?.stop();
    await csms?.close();
    db?.dispose();
    station = undefined;
  });

  /**
   * Boots with the given reconnect wait, sets OfflineThreshold over the wire, drops the connection from the CSMS
   * side, plugs in on EVSE 1 while offline, and returns the StatusNotifications sent after the reconnect.
   */
  async function offlineStatusChange(offlineThresholdS: number, waitMinimumS: number) {
    const server = await StrictCsms.start({ handlers: acceptingHandlers() });
    csms = server;
    db = tempDatabase();
    const booted = await startBootedStation(server, { dbPath: db.path, values: backOff(waitMinimumS) });
    station = booted.station;
    const running = booted.station;
    const set = (await booted.client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' }, attributeValue: String(offlineThresholdS) }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    await flushStation(server, booted.client);

    const since = server.ledger.length;
    const clientsBefore = server.clients.length;
    const offlineAt = Date.now();
    await booted.client.close({ force: true });
    await waitUntil(() => !running.chargePoint.isConnected, 'the station to notice the dropped connection');
    running.chargePoint.onSessionStarted(1, 1);

    const client: CsmsClient = await waitForNewClient(server, clientsBefore, 10_000);
    await waitForCalls(server, 'StatusNotification', 1, since);
    await flushStation(server, client);
    return { notifications: sortedStatusNotifications(server, since), actions: stationActions(server, since), offlineMs: Date.now() - offlineAt, server };
  }

  it('TC_B_51_CS Status change during offline period - > Offline Threshold', async () => {
    const { notifications, actions, offlineMs, server } = await offlineStatusChange(1, 2);
    expect(offlineMs).toBeGreaterThan(1000);
    expect(notifications).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Occupied' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Available' },
    ]);
    expect(actions).not.toContain('BootNotification');
    expect(server.violations).toEqual([]);
  });

  it('TC_B_52_CS Status change during offline period - < Offline Threshold', async () => {
    const { notifications, actions, server } = await offlineStatusChange(3600, 1);
    expect(notifications).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    expect(actions).not.toContain('BootNotification');
    expect(server.violations).toEqual([]);
  });
});
