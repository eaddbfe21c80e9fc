import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCsmsCertificate, wildcardNames } from './csms-certificate-check.js';
import { createTestPki, type TestPki } from './testing/test-pki.js';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

/** The certificate object Node hands to checkServerIdentity. */
const peer = (pem: string): PeerCertificate => new X509Certificate(pem).toLegacyObject();

describe('checkCsmsCertificate (A00.FR.309/310, A00.FR.507/508, AllowCSMSTLSWildcards)', () => {
  it('accepts a valid EC P-256 certificate for its host name and IP', () => {
    expect(checkCsmsCertificate('localhost', peer(pki.server.cert), false)).toBeUndefined();
    expect(checkCsmsCertificate('127.0.0.1', peer(pki.server.cert), false)).toBeUndefined();
    expect(checkCsmsCertificate('localhost', peer(pki.serverRsa2048.cert), false)).toBeUndefined();
  });

  it('A00.FR.309 refuses a certificate for another host (Node hostname check)', () => {
    expect(checkCsmsCertificate('localhost', peer(pki.wrongHostServer.cert), false)).toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses a host matched only through a wildcard unless AllowCSMSTLSWildcards', () => {
    const wildcard = peer(pki.wildcardServer.cert);
    expect(checkCsmsCertificate('csms.evstation.test', wildcard, false)).toMatchObject({ code: 'ERR_CSMS_CERT_WILDCARD' });
    expect(checkCsmsCertificate('csms.evstation.test', wildcard, true)).toBeUndefined();
  });

  it('refuses a wildcard certificate even for a name it lists exactly, unless allowed', () => {
    expect(checkCsmsCertificate('localhost', peer(pki.wildcardServer.cert), false)).toMatchObject({ code: 'ERR_CSMS_CERT_WILDCARD' });
    expect(checkCsmsCertificate('localhost', peer(pki.wildcardServer.cert), true)).toBeUndefined();
    expect(wildcardNames(peer(pki.wildcardServer.cert))).toEqual(['*.evstation.test', '*.evstation.test']);
  });

  it('A00.FR.507 refuses an RSA key under 2048 bits', () => {
    const error = checkCsmsCertificate('localhost', peer(pki.rsa1024Server.cert), false);
    expect(error).toMatchObject({ code: 'ERR_CSMS_CERT_WEAK_KEY', message: 'CSMS certificate RSA key has 1024 bits (minimum 2048)' });
  });

  it('A00.FR.508 refuses an EC key under 224 bits (P-192)', () => {
    const error = checkCsmsCertificate('localhost', peer(pki.ecP192Server.cert), false);
    expect(error).toMatchObject({ code: 'ERR_CSMS_CERT_WEAK_KEY', message: 'CSMS certificate EC key has 192 bits (minimum 224)' });
  });
});
