import type { TransportConnectionOptions } from '@evstation/core';
import { describe, expect, it } from 'vitest';
import { OCPP_CIPHER_STRING, stationTlsOptions } from './tls-options.js';
import { wsClientOptions } from './ws-client-options.js';

const ROOT = '-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n';
const options: TransportConnectionOptions = {
  csmsUrl: 'wss://csms.example.com',
  identity: 'CS-001',
  securityProfile: 2,
  basicAuthPassword: 'Sup3r-Secret-Passw0rd-4711',
  tls: { csmsRootCertificates: [ROOT], clientCertificateChain: 'chain', clientPrivateKey: 'key' },
  pingIntervalSeconds: 30,
  retryBackOff: { waitMinimumSeconds: 3, randomRangeSeconds: 10, repeatTimes: 3 },
};
const hooks = { onSocket: (): void => undefined };

describe('wsClientOptions (DESIGN §5, reliability.md §4.4)', () => {
  it('bounds the payload at 1 MiB by default, disables redirects and compression, bounds fragments and chunks', () => {
    const result = wsClientOptions(options, undefined, hooks);
    expect(result).toMatchObject({ maxPayload: 1024 * 1024, followRedirects: false, perMessageDeflate: false, maxFragments: 64, maxBufferedChunks: 4096 });
    expect(result.localAddress).toBeUndefined();
    expect(wsClientOptions({ ...options, maxPayloadBytes: 65_536 }, '10.0.0.2', hooks)).toMatchObject({ maxPayload: 65_536, localAddress: '10.0.0.2' });
  });

  it('sends Basic auth for profiles 1 and 2 only', () => {
    expect(wsClientOptions(options, undefined, hooks).headers).toEqual({ Authorization: `Basic ${Buffer.from('CS-001:Sup3r-Secret-Passw0rd-4711').toString('base64')}` });
    expect(wsClientOptions({ ...options, securityProfile: 3 }, undefined, hooks).headers).toEqual({});
    expect(wsClientOptions({ ...options, csmsUrl: 'ws://h', securityProfile: 0 }, undefined, hooks).headers).toEqual({});
  });
});

describe('stationTlsOptions (A00.FR.308-321, A00.FR.401)', () => {
  it('trusts only the configured roots, requires TLS 1.2+, offers GCM suites only with SECLEVEL=2', () => {
    const tls = stationTlsOptions(2, options.tls);
    expect(tls).toMatchObject({ ca: [ROOT], minVersion: 'TLSv1.2', ciphers: OCPP_CIPHER_STRING, rejectUnauthorized: true, allowPartialTrustChain: true });
    expect(tls?.cert).toBeUndefined();
    expect(tls?.key).toBeUndefined();
    expect(OCPP_CIPHER_STRING).toBe(
      'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:' +
        'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:AES128-GCM-SHA256:AES256-GCM-SHA384:@SECLEVEL=2',
    );
    expect(OCPP_CIPHER_STRING).not.toMatch(/CBC|SHA1|-SHA:|RC4|3DES/);
  });

  it('adds the station certificate and key for profile 3, and nothing for profiles 0 and 1', () => {
    expect(stationTlsOptions(3, options.tls)).toMatchObject({ cert: 'chain', key: 'key' });
    expect(stationTlsOptions(1, options.tls)).toBeUndefined();
    expect(stationTlsOptions(0, undefined)).toBeUndefined();
  });
});
