import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, stationActions, stationCalls, waitUntil } from '../support/ocpp-frames.js';

/*
 * B10 Migrate to new CSMS (same CSMS root: both CSMSs are plain ws, security profile 0). The station learns a
 * second profile in slot 2, the priority "2,1" and is reset; the restart on the same SQLite file must use slot 2
 * (TC_B_45_CS) or, when slot 2 cannot be reached, fall back to slot 1 after NetworkProfileConnectionAttempts
 * failures (TC_B_46_CS). Back-off is 1 s flat (RetryBackOffWaitMinimum 1, RandomRange 0, RepeatTimes 0).
 * TC_B_43_CS (slot 999 Rejected) is in tc-b-device-model.test.ts.
 */
const fastReconnect = [
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: '1' },
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRandomRange' }, value: '0' },
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRepeatTimes' }, value: '0' },
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkProfileConnectionAttempts' }, value: '2' },
];

/** A CSMS address that accepts TCP and drops every connection at once (no websocket), counting the attempts. */
async function refusingCsms(): Promise<{ url: string; attempts: () => number; close: () => Promise<void> }> {
  let attempts = 0;
  const server: Server = createServer((socket) => {
    attempts += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Block B migrate to a new CSMS (two CSMSs, SQLite file)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  let station: RunningStation | undefined;

  afterEach(async () => {
    await station?.stop();
    station = undefined;
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Boots on CSMS 1 (slot 1), then SetNetworkProfile slot 2 = `secondUrl`, priority "2,1", Reset OnIdle, and the restart. */
  async function migrate(csms1: StrictCsms, secondUrl: string, dbPath: string): Promise<void> {
    const first = await startBootedStation(csms1, { dbPath, values: fastReconnect });
    station = first.station;
    const client: CsmsClient = first.client;
    await expect(
      client.call('SetNetworkProfile', {
        configurationSlot: 2,
        connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: secondUrl, messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' },
      }),
    ).resolves.toEqual({ status: 'Accepted' });
    const set = (await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(['Accepted', 'RebootRequired']).toContain(set.setVariableResult[0]?.attributeStatus);
    await expect(client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Accepted' });
    const running = station;
    await waitUntil(() => running.resets.length > 0, 'the reset callback');
    expect(running.resets).toEqual([{ type: 'OnIdle' }]);
    await running.stop();
    station = undefined;
  }

  it('TC_B_45_CS Migrate to new ConnectionProfile - Success - Same CSMS Root', async () => {
    const csms1 = await StrictCsms.start({ handlers: acceptingHandlers() });
    cleanups.push(() => csms1.close());
    const csms2 = await StrictCsms.start({ handlers: acceptingHandlers() });
    cleanups.push(() => csms2.close());
    const db = tempDatabase();
    cleanups.push(() => db.dispose());

    await migrate(csms1, csms2.url, db.path);
    const csms1Connections = csms1.clients.length;
    const booted = await startBootedStation(csms2, { dbPath: db.path, csmsUrl: csms1.url, bootReason: 'RemoteReset', values: fastReconnect });
    station = booted.station;

    expect(stationActions(csms2)[0]).toBe('BootNotification');
    expect(stationCalls(csms2, 'BootNotification')).toEqual([expect.objectContaining({ reason: 'RemoteReset' })]);
    const answer = (await booted.client.call('GetVariables', {
      getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'ActiveNetworkProfile' } }],
    })) as { getVariableResult: { attributeStatus: string; attributeValue?: string }[] };
    expect(answer.getVariableResult[0]).toMatchObject({ attributeStatus: 'Accepted', attributeValue: '2' });
    expect(station.chargePoint.activeNetworkProfile).toBe(2);
    expect(csms1.clients.length).toBe(csms1Connections);
    expect(csms1.violations).toEqual([]);
    expect(csms2.violations).toEqual([]);
  });

  it('TC_B_46_CS Migrate to new ConnectionProfile - Fallback mechanism - Same CSMS Root', async () => {
    const csms1 = await StrictCsms.start({ handlers: acceptingHandlers() });
    cleanups.push(() => csms1.close());
    const csms2 = await refusingCsms();
    cleanups.push(() => csms2.close());
    const db = tempDatabase();
    cleanups.push(() => db.dispose());

    await migrate(csms1, csms2.url, db.path);
    const booted = await startBootedStation(csms1, { dbPath: db.path, bootReason: 'RemoteReset', values: fastReconnect });
    station = booted.station;

    // NetworkProfileConnectionAttempts = 2: exactly two tries on slot 2 before falling back to slot 1.
    expect(csms2.attempts()).toBe(2);
    expect(stationActions(csms1, booted.since)[0]).toBe('BootNotification');
    expect(stationCalls(csms1, 'BootNotification', booted.since)).toEqual([expect.objectContaining({ reason: 'RemoteReset' })]);
    const answer = (await booted.client.call('GetVariables', {
      getVariableData: [
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'ActiveNetworkProfile' } },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' } },
      ],
    })) as { getVariableResult: { attributeStatus: string; attributeValue?: string }[] };
    expect(answer.getVariableResult.map((r) => r.attributeValue)).toEqual(['1', '2,1']);
    expect(station.chargePoint.activeNetworkProfile).toBe(1);
    expect(csms1.violations).toEqual([]);
  }, 15_000);
});
