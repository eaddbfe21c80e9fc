import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptingHandlers, flushStation, stationActions, waitUntil } from '../support/ocpp-frames.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';

const FIRST_PASSWORD = 'first-Password_0123456789';
const NEW_PASSWORD = 'Second|Password@2026.x';

/** The setVariableResult statuses of a SetVariables(SecurityCtrlr.BasicAuthPassword) sent by the CSMS. */
async function setPassword(client: CsmsClient, value: string): Promise<string[]> {
  const response = (await client.call('SetVariables', {
    setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: value }],
  })) as { setVariableResult: { attributeStatus: string }[] };
  return response.setVariableResult.map((r) => r.attributeStatus);
}

/** Block A, security profile 1 (HTTP Basic over ws) against a strict CSMS that checks the password. */
describe('Block A password (security profile 1) against a strict CSMS', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers(), password: FIRST_PASSWORD });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, {
      dbPath: db.path,
      securityProfile: 1,
      values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: FIRST_PASSWORD }],
    }));
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  it('TC_A_01_CS Basic Authentication - Valid username/password combination', () => {
    expect(client.handshake.password?.toString('utf8')).toBe(FIRST_PASSWORD);
    const authorization = String(client.handshake.headers['authorization']);
    expect(authorization).toBe(`Basic ${Buffer.from(`CS-CONF-1:${FIRST_PASSWORD}`).toString('base64')}`);
  });

  it('TC_A_09_CS Update Charging Station Password for HTTP Basic Authentication - Accepted', async () => {
    csms.password = NEW_PASSWORD;
    const clientsBefore = csms.clients.length;
    expect(await setPassword(client, NEW_PASSWORD)).toEqual(['Accepted']);
    // A01.FR.07: the station reconnects with the new password, after its SetVariablesResponse (libocpp#662).
    await waitUntil(() => csms.clients.length > clientsBefore && station.chargePoint.isConnected, 'the reconnect with the new password');
    const reconnected = csms.clients[clientsBefore]!;
    expect(reconnected.handshake.password?.toString('utf8')).toBe(NEW_PASSWORD);
    await flushStation(csms, reconnected);
    // No new BootNotification: the boot data did not change (Part 4 §5.3).
    expect(stationActions(csms).filter((a) => a === 'BootNotification')).toHaveLength(1);
    // A01.FR.11: logged in the security log; not a critical event, so not sent.
    expect(station.stores.securityLog.list().map((e) => e.type)).toContain('ReconfigurationOfSecurityParameters');
    // B06 WriteOnly: the password is never read back.
    const read = (await reconnected.call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] })) as {
      getVariableResult: { attributeStatus: string; attributeValue?: string }[];
    };
    expect(read.getVariableResult[0]).toEqual(expect.objectContaining({ attributeStatus: 'Rejected' }));
    expect(read.getVariableResult[0]?.attributeValue).toBeUndefined();
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_10_CS Update Charging Station Password for HTTP Basic Authentication - Rejected', async () => {
    for (const invalid of ['too-short-pw', 'x'.repeat(41), 'sixteen chars with spaces', 'wrong#characters$1234']) {
      expect(await setPassword(client, invalid), invalid).toEqual(['Rejected']);
    }
    await flushStation(csms, client);
    expect(csms.clients).toHaveLength(1);
    expect(station.chargePoint.isConnected).toBe(true);
  });

  it('R9: neither the password nor its Basic form reaches a log line, whatever the level', async () => {
    csms.password = NEW_PASSWORD;
    const clientsBefore = csms.clients.length;
    await setPassword(client, NEW_PASSWORD);
    await waitUntil(() => csms.clients.length > clientsBefore && station.chargePoint.isConnected, 'the reconnect');
    const logged = station.logger.text();
    for (const secret of [FIRST_PASSWORD, NEW_PASSWORD, Buffer.from(`CS-CONF-1:${NEW_PASSWORD}`).toString('base64')]) expect(logged).not.toContain(secret);
  });
});
