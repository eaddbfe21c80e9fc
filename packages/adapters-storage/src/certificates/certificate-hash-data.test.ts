import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HashAlgorithmEnumType } from '@evstation/core';
import { certificateHashData, normalizeSerialNumber, sameCertificateHashData } from './certificate-hash-data.js';
import { makeTestRoots } from './certificates.test-kit.js';
import { parseCertificates } from './pem.js';

const roots = makeTestRoots();
const rsaRoot = roots.ca.issue('rsa-root', { subject: '/CN=RSA Root', ca: true, key: { kind: 'rsa', bits: 2048 } });
const crossSigned = roots.ca.issue('cross-signed', { subject: '/CN=Next CSMS Root', ca: true, issuer: roots.csmsRoot });
const work = mkdtempSync(join(tmpdir(), 'evstation-ocsp-'));
afterAll(() => {
  roots.ca.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** The CertID openssl puts in an OCSP request for `cert` issued by `issuer`: an independent computation of the same hashes. */
function opensslCertId(certPem: string, issuerPem: string, algorithm: HashAlgorithmEnumType) {
  writeFileSync(join(work, 'cert.pem'), certPem);
  writeFileSync(join(work, 'issuer.pem'), issuerPem);
  const digest = `-${algorithm.toLowerCase()}`;
  execFileSync('openssl', ['ocsp', '-issuer', 'issuer.pem', digest, '-cert', 'cert.pem', '-no_nonce', '-reqout', 'req.der'], { cwd: work, stdio: 'pipe' });
  const text = execFileSync('openssl', ['ocsp', '-reqin', 'req.der', '-req_text'], { cwd: work, encoding: 'utf8' }).replace(/\\\n\s*/g, '');
  const field = (name: string) => new RegExp(`${name}: ([0-9A-F]+)`).exec(text)?.[1]?.toLowerCase();
  return { issuerNameHash: field('Issuer Name Hash'), issuerKeyHash: field('Issuer Key Hash'), serialNumber: field('Serial Number') };
}

describe('CertificateHashDataType (M03/M04): the same hashes as an OCSP CertID', () => {
  const cases = [
    { name: 'a self-signed EC root', cert: roots.csmsRoot.cert, issuer: roots.csmsRoot.cert },
    { name: 'a self-signed RSA root', cert: rsaRoot.cert, issuer: rsaRoot.cert },
    { name: 'a root cross-signed by another root', cert: crossSigned.cert, issuer: roots.csmsRoot.cert },
  ];
  for (const { name, cert, issuer } of cases) {
    for (const algorithm of ['SHA256', 'SHA384', 'SHA512'] as const) {
      it(`${name}, ${algorithm}`, () => {
        const [certificate] = parseCertificates(cert, 'cert');
        const [issuerCertificate] = parseCertificates(issuer, 'issuer');
        const ours = certificateHashData(certificate!, issuerCertificate!, algorithm);
        const openssl = opensslCertId(cert, issuer, algorithm);
        expect(ours).toEqual({ hashAlgorithm: algorithm, issuerNameHash: openssl.issuerNameHash, issuerKeyHash: openssl.issuerKeyHash, serialNumber: normalizeSerialNumber(openssl.serialNumber!) });
      });
    }
  }

  it('serial numbers are lowercase hex without leading zeros', () => {
    expect(normalizeSerialNumber('00AB01')).toBe('ab01');
    expect(normalizeSerialNumber('0000')).toBe('0');
  });

  it('hash data from a CSMS match regardless of hex case and leading zeros, but not across algorithms', () => {
    const [certificate] = parseCertificates(roots.csmsRoot.cert, 'cert');
    const ours = certificateHashData(certificate!, certificate!, 'SHA256');
    const theirs = { ...ours, issuerKeyHash: ours.issuerKeyHash.toUpperCase(), serialNumber: `00${ours.serialNumber.toUpperCase()}` };
    expect(sameCertificateHashData(ours, theirs)).toBe(true);
    expect(sameCertificateHashData(ours, { ...theirs, hashAlgorithm: 'SHA384' })).toBe(false);
    expect(sameCertificateHashData(ours, { ...theirs, serialNumber: '1' })).toBe(false);
  });
});
