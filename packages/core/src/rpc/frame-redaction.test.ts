import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { flushMicrotasks } from '../testing/clock-driver.js';
import { silentLogger } from '../testing/memory-logger.js';
import { redactFrameSecrets } from './frame-redaction.js';
import { RpcEndpoint, type FrameRecord } from './rpc-endpoint.js';

const call = (action: string, payload: unknown): string => JSON.stringify([2, 'm-1', action, payload]);

describe('redactFrameSecrets (R9: no secret in the OCPP message log)', () => {
  it('A01: hides the BasicAuthPassword of a SetVariables, and only that value', () => {
    const text = call('SetVariables', {
      setVariableData: [
        { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'Top-Secret_Password.01' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' },
      ],
    });
    const logged = redactFrameSecrets(text);
    expect(logged).not.toContain('Top-Secret_Password.01');
    expect(JSON.parse(logged)).toEqual([
      2,
      'm-1',
      'SetVariables',
      {
        setVariableData: [
          { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: '***' },
          { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: '300' },
        ],
      },
    ]);
  });

  it('L01/N01: masks user:password and secret query values of firmware and log locations, keeping the rest of the URL', () => {
    const firmware = redactFrameSecrets(call('UpdateFirmware', { requestId: 1, firmware: { location: 'https://fw:Pw-Secret-1@files.example.com/fw.bin?X-Amz-Signature=abc123&v=2', retrieveDateTime: '2026-01-01T00:00:00Z' } }));
    expect(firmware).not.toContain('Pw-Secret-1');
    expect(firmware).not.toContain('abc123');
    expect(firmware).toContain('files.example.com/fw.bin');
    expect(firmware).toContain('v=2');
    const log = redactFrameSecrets(call('GetLog', { logType: 'DiagnosticsLog', requestId: 2, log: { remoteLocation: 'ftp://station:Ftp-Secret-2@10.0.0.1/logs/' } }));
    expect(log).not.toContain('Ftp-Secret-2');
    expect(log).toContain('10.0.0.1/logs/');
    expect(redactFrameSecrets(call('PublishFirmware', { location: 'ftp://u:Pub-Secret-3@h/f', checksum: 'x', requestId: 3 }))).not.toContain('Pub-Secret-3');
  });

  it('B09: hides the APN password, the VPN password and key, and credentials in the CSMS URL of SetNetworkProfile', () => {
    const logged = redactFrameSecrets(
      call('SetNetworkProfile', {
        configurationSlot: 2,
        connectionData: {
          ocppVersion: 'OCPP20',
          ocppTransport: 'JSON',
          ocppCsmsUrl: 'wss://u:Url-Secret-4@csms.example.com/ocpp',
          messageTimeout: 30,
          securityProfile: 2,
          ocppInterface: 'Wireless0',
          apn: { apn: 'internet', apnUserName: 'user', apnPassword: 'Apn-Secret-5', apnAuthentication: 'AUTO' },
          vpn: { server: 'vpn.example.com', user: 'v', password: 'Vpn-Secret-6', key: 'Vpn-Key-7', type: 'IPSec' },
        },
      }),
    );
    for (const secret of ['Url-Secret-4', 'Apn-Secret-5', 'Vpn-Secret-6', 'Vpn-Key-7']) expect(logged).not.toContain(secret);
    expect(logged).toContain('csms.example.com/ocpp');
  });

  it('leaves every other frame byte for byte, answers included', () => {
    const frames = [
      call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } }] }),
      '[3,"m-1",{"status":"Accepted"}]',
      '[2, "m-2" , "Heartbeat", {}]',
      'not json at all',
    ];
    for (const text of frames) expect(redactFrameSecrets(text)).toBe(text);
  });

  it('a secret-carrying CALL that is not valid JSON is not logged at all', () => {
    const broken = '[2,"m-1","SetVariables",{"setVariableData":[{"attributeValue":"Broken-Secret-8"';
    const logged = redactFrameSecrets(broken);
    expect(logged).not.toContain('Broken-Secret-8');
    expect(logged).toContain('SetVariables');
  });

  it('RpcEndpoint: the message log gets the masked frame, the handler the real password', async () => {
    const frames: FrameRecord[] = [];
    const served: unknown[] = [];
    const endpoint = new RpcEndpoint(
      {
        clock: new FakeClock(),
        logger: silentLogger,
        dispatcher: {
          handle: (_id, _action, payload) => {
            served.push(payload);
            return Promise.resolve({ setVariableResult: [] });
          },
        },
        onFrame: (record) => frames.push(record),
      },
      30_000,
    );
    endpoint.connected({ send: () => true });
    const data = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'Endpoint-Secret_09' };
    endpoint.receive(call('SetVariables', { setVariableData: [data] }));
    await flushMicrotasks(20);
    expect(served).toEqual([{ setVariableData: [data] }]);
    expect(frames.map((f) => f.direction)).toEqual(['in', 'out']);
    expect(frames.map((f) => f.text).join()).not.toContain('Endpoint-Secret_09');
  });
});
