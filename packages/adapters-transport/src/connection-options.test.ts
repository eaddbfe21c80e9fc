import type { TransportConnectionOptions } from '@evstation/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConnectionOptions } from './connection-options.js';
import { createTestPki, type TestPki } from './testing/test-pki.js';
import { TransportConfigError } from './transport-config-error.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd-4711';
const base: TransportConnectionOptions = {
  csmsUrl: 'ws://127.0.0.1:9000/ocpp',
  identity: 'CS-001',
  securityProfile: 1,
  basicAuthPassword: PASSWORD,
  pingIntervalSeconds: 30,
  retryBackOff: { waitMinimumSeconds: 3, randomRangeSeconds: 10, repeatTimes: 3 },
};

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

function refusal(options: TransportConnectionOptions): TransportConfigError {
  try {
    validateConnectionOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(TransportConfigError);
    const refused = error as TransportConfigError;
    expect(refused.message).not.toContain(PASSWORD);
    expect(refused.message).not.toContain('PRIVATE KEY');
    return refused;
  }
  throw new Error('options were accepted');
}

function tlsOptions(profile: 2 | 3): TransportConnectionOptions {
  return {
    ...base,
    csmsUrl: 'wss://localhost:9000/ocpp',
    securityProfile: profile,
    tls: { csmsRootCertificates: [pki.csmsRoot.cert], clientCertificateChain: pki.station.cert, clientPrivateKey: pki.station.key },
  };
}

describe('validateConnectionOptions (R9 configuration refusals)', () => {
  it('accepts sound options for every profile', () => {
    expect(() => validateConnectionOptions({ ...base, securityProfile: 0, basicAuthPassword: undefined as never })).not.toThrow();
    expect(() => validateConnectionOptions(base)).not.toThrow();
    expect(() => validateConnectionOptions(tlsOptions(2))).not.toThrow();
    expect(() => validateConnectionOptions(tlsOptions(3))).not.toThrow();
  });

  it('R9 refuses security profile 2 or 3 with a ws:// URL', () => {
    expect(refusal({ ...tlsOptions(2), csmsUrl: 'ws://localhost:9000' }).message).toMatch(/profile 2 needs a wss:\/\/ csmsUrl/);
    expect(refusal({ ...tlsOptions(3), csmsUrl: 'ws://localhost:9000' }).message).toMatch(/profile 3 needs a wss:\/\/ csmsUrl/);
  });

  it('refuses profiles 0 and 1 with wss:// (TLS without a CSMS root store would trust the system store)', () => {
    expect(refusal({ ...base, csmsUrl: 'wss://localhost:9000' }).message).toMatch(/profile 1 uses ws:\/\//);
  });

  it('A00.FR.202 refuses profiles 1 and 2 without a password', () => {
    expect(refusal({ ...base, basicAuthPassword: '' }).message).toMatch(/profile 1 needs basicAuthPassword/);
    const { basicAuthPassword: _omitted, ...noPassword } = tlsOptions(2);
    expect(refusal(noPassword).message).toMatch(/profile 2 needs basicAuthPassword/);
  });

  it('Part 4 §3.1.1 refuses an identity with ":" or longer than 48 characters', () => {
    expect(refusal({ ...base, identity: 'CS:001' }).message).toMatch(/must not contain ':'/);
    expect(refusal({ ...base, identity: 'x'.repeat(49) }).message).toMatch(/at most 48 characters \(got 49\)/);
    expect(() => validateConnectionOptions({ ...base, identity: 'x'.repeat(48) })).not.toThrow();
    expect(refusal({ ...base, identity: '' }).message).toMatch(/must not be empty/);
  });

  it('A00.FR.308 refuses profile 2/3 without a CSMS root certificate, or with one that is not PEM', () => {
    expect(refusal({ ...tlsOptions(2), tls: { csmsRootCertificates: [] } }).message).toMatch(/needs tls.csmsRootCertificates/);
    const { tls: _omitted, ...noTls } = tlsOptions(2);
    expect(refusal(noTls).message).toMatch(/needs tls.csmsRootCertificates/);
    expect(refusal({ ...tlsOptions(2), tls: { csmsRootCertificates: ['not a certificate'] } }).message).toMatch(/\[0\] is not a PEM certificate/);
  });

  it('A00.FR.401 refuses profile 3 without the station certificate and key, or with a key of another certificate', () => {
    const roots = [pki.csmsRoot.cert];
    expect(refusal({ ...tlsOptions(3), tls: { csmsRootCertificates: roots, clientCertificateChain: pki.station.cert } }).message).toMatch(
      /profile 3 needs tls.clientCertificateChain and tls.clientPrivateKey/,
    );
    const mismatch = refusal({ ...tlsOptions(3), tls: { csmsRootCertificates: roots, clientCertificateChain: pki.station.cert, clientPrivateKey: pki.server.key } });
    expect(mismatch.message).toMatch(/not a valid private key for tls.clientCertificateChain/);
    expect(mismatch.message).not.toContain(pki.server.key.split('\n')[1]);
  });

  it('refuses URLs that are malformed, carry credentials, a query or a fragment, or are not websocket URLs', () => {
    expect(refusal({ ...base, csmsUrl: `ws://CS-001:${PASSWORD}@host:notaport` }).message).toMatch(/not a valid URL/);
    expect(refusal({ ...base, csmsUrl: `ws://CS-001:${PASSWORD}@localhost:9000` }).message).toMatch(/must not carry credentials/);
    expect(refusal({ ...base, csmsUrl: 'https://localhost:9000' }).message).toMatch(/must start with ws:\/\/ or wss:\/\//);
    expect(refusal({ ...base, csmsUrl: 'ws://localhost:9000/ocpp?x=1' }).message).toMatch(/query or fragment/);
  });

  it('refuses negative or non-finite timing values and a non-positive maxPayloadBytes', () => {
    expect(refusal({ ...base, pingIntervalSeconds: -1 }).message).toMatch(/pingIntervalSeconds/);
    expect(refusal({ ...base, retryBackOff: { ...base.retryBackOff, repeatTimes: 1.5 } }).message).toMatch(/whole number/);
    expect(refusal({ ...base, retryBackOff: { ...base.retryBackOff, waitMinimumSeconds: Number.NaN } }).message).toMatch(/waitMinimumSeconds/);
    expect(refusal({ ...base, maxPayloadBytes: 0 }).message).toMatch(/maxPayloadBytes/);
    expect(refusal({ ...base, handshakeTimeoutSeconds: 0 }).message).toMatch(/handshakeTimeoutSeconds/);
    expect(refusal({ ...base, securityProfile: 4 as never }).message).toMatch(/securityProfile must be 0, 1, 2 or 3/);
  });
});
