import { beforeEach, describe, expect, it } from 'vitest';
import { acceptingHandlers, flushStation, stationActions, waitUntil } from '../support/ocpp-frames.js';
import { stationPerTest } from '../support/station-per-test.js';
import type { CsmsClient } from '../support/strict-csms.js';

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
  const env = stationPerTest(() => ({ handlers: acceptingHandlers(), password: FIRST_PASSWORD }));

  beforeEach(async () => {
    await env.boot({
      securityProfile: 1,
      values: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: FIRST_PASSWORD }],
    });
  });

  it('TC_A_01_CS Basic Authentication - Valid username/password combination', () => {
    expect(env.client.handshake.password?.toString('utf8')).toBe(FIRST_PASSWORD);
    const authorization = String(env.client.handshake.headers['authorization']);
    expect(authorization).toBe(`Basic ${Buffer.from(`CS-CONF-1:${FIRST_PASSWORD}`).toString('base64')}`);
  });

  it('TC_A_09_CS Update Charging Station Password for HTTP Basic Authentication - Accepted', async () => {
    env.csms.password = NEW_PASSWORD;
    const clientsBefore = env.csms.clients.length;
    expect(await setPassword(env.client, NEW_PASSWORD)).toEqual(['Accepted']);
    // A01.FR.07: the station reconnects with the new password, after its SetVariablesResponse (libocpp#662).
    await waitUntil(() => env.csms.clients.length > clientsBefore && env.station.chargePoint.isConnected, 'the reconnect with the new password');
    const reconnected = env.csms.clients[clientsBefore]!;
    expect(reconnected.handshake.password?.toString('utf8')).toBe(NEW_PASSWORD);
    await flushStation(env.csms, reconnected);
    // No new BootNotification: the boot data did not change (Part 4 §5.3).
    expect(stationActions(env.csms).filter((a) => a === 'BootNotification')).toHaveLength(1);
    // A01.FR.11: logged in the security log; not a critical event, so not sent.
    expect(env.station.stores.securityLog.list().map((e) => e.type)).toContain('ReconfigurationOfSecurityParameters');
    // B06 WriteOnly: the password is never read back.
    const read = (await reconnected.call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] })) as {
      getVariableResult: { attributeStatus: string; attributeValue?: string }[];
    };
    expect(read.getVariableResult[0]).toEqual(expect.objectContaining({ attributeStatus: 'Rejected' }));
    expect(read.getVariableResult[0]?.attributeValue).toBeUndefined();
    expect(env.csms.violations).toEqual([]);
  });

  it('TC_A_10_CS Update Charging Station Password for HTTP Basic Authentication - Rejected', async () => {
    for (const invalid of ['too-short-pw', 'x'.repeat(41), 'sixteen chars with spaces', 'wrong#characters$1234']) {
      expect(await setPassword(env.client, invalid), invalid).toEqual(['Rejected']);
    }
    await flushStation(env.csms, env.client);
    expect(env.csms.clients).toHaveLength(1);
    expect(env.station.chargePoint.isConnected).toBe(true);
  });

  it('R9: neither the password nor its Basic form reaches a log line, whatever the level', async () => {
    env.csms.password = NEW_PASSWORD;
    const clientsBefore = env.csms.clients.length;
    await setPassword(env.client, NEW_PASSWORD);
    await waitUntil(() => env.csms.clients.length > clientsBefore && env.station.chargePoint.isConnected, 'the reconnect');
    const logged = env.station.logger.text();
    for (const secret of [FIRST_PASSWORD, NEW_PASSWORD, Buffer.from(`CS-CONF-1:${NEW_PASSWORD}`).toString('base64')]) expect(logged).not.toContain(secret);
  });
});
