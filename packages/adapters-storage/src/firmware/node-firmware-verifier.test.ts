import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createFirmwareSigningPki, type FirmwareSigningPki } from '@evstation/adapters-transport/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFirmwareVerifier } from './node-firmware-verifier.js';

let pki: FirmwareSigningPki;
beforeAll(() => {
  pki = createFirmwareSigningPki();
});
afterAll(() => pki.cleanup());

const verifier = new NodeFirmwareVerifier();
const check = (signingCertificate: string, roots: string[] = [pki.root.cert], at = new Date()) =>
  verifier.checkSigningCertificate({ signingCertificate, manufacturerRoots: roots, at });

describe('NodeFirmwareVerifier signing certificate (L01, TC_L_05)', () => {
  it('accepts EC and RSA signers issued by an installed ManufacturerRootCertificate, among several roots', async () => {
    expect(await check(pki.ecSigner.cert)).toEqual({ valid: true });
    expect(await check(pki.rsaSigner.cert, [pki.otherRoot.cert, pki.root.cert])).toEqual({ valid: true });
  });

  it('follows intermediates carried after the signing certificate, and only those', async () => {
    expect(await check(`${pki.chainedSigner.cert}${pki.intermediate.cert}`)).toEqual({ valid: true });
    expect(await check(pki.chainedSigner.cert)).toEqual({ valid: false, reason: 'signing certificate is not issued by an installed ManufacturerRootCertificate' });
  });

  it('refuses another manufacturer, no installed root, and bad PEM', async () => {
    expect(await check(pki.ecSigner.cert, [pki.otherRoot.cert])).toMatchObject({ valid: false });
    expect(await check(pki.ecSigner.cert, [])).toEqual({ valid: false, reason: 'no ManufacturerRootCertificate is installed' });
    expect(await check('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toEqual({ valid: false, reason: 'signingCertificate is not a PEM X.509 certificate' });
    expect(await check('not pem at all')).toMatchObject({ valid: false });
  });

  it('refuses a signer outside its validity at the station time (expired, not yet valid)', async () => {
    expect(await check(pki.expiredSigner.cert)).toMatchObject({ valid: false, reason: expect.stringContaining('is not valid at') });
    expect(await check(pki.futureSigner.cert)).toMatchObject({ valid: false, reason: expect.stringContaining('is not valid at') });
    expect(await check(pki.futureSigner.cert, [pki.root.cert], new Date(Date.now() + 2 * 24 * 3_600_000))).toEqual({ valid: true });
  });
});

describe('NodeFirmwareVerifier signature over the firmware file (L01, TC_L_06)', () => {
  it('verifies openssl dgst -sha256 -sign signatures made with EC and RSA keys', async () => {
    const file = pki.firmwareFile('fw-1.bin', Buffer.alloc(300_000, 7));
    for (const signer of [pki.ecSigner, pki.rsaSigner]) {
      const result = await verifier.verifySignature({ artifact: file, signature: pki.sign(file, signer), signingCertificate: signer.cert });
      expect(result).toEqual({ valid: true });
    }
  });

  it('accepts an ECDSA signature given as raw r||s (IEEE P1363) too', async () => {
    const file = pki.firmwareFile('fw-2.bin', 'firmware 2');
    const raw = sign('sha256', readFileSync(file), { key: createPrivateKey(pki.ecSigner.key), dsaEncoding: 'ieee-p1363' }).toString('base64');
    expect(await verifier.verifySignature({ artifact: file, signature: raw, signingCertificate: pki.ecSigner.cert })).toEqual({ valid: true });
  });

  it('refuses a changed file, a signature by another key, non-base64 and an unreadable file', async () => {
    const file = pki.firmwareFile('fw-3.bin', 'firmware 3');
    const signature = pki.sign(file, pki.ecSigner);
    const tampered = pki.firmwareFile('fw-3-tampered.bin', 'firmware 3!');
    expect(await verifier.verifySignature({ artifact: tampered, signature, signingCertificate: pki.ecSigner.cert })).toEqual({
      valid: false,
      reason: 'signature does not match the firmware file',
    });
    expect(await verifier.verifySignature({ artifact: file, signature: pki.sign(file, pki.rsaSigner), signingCertificate: pki.ecSigner.cert })).toMatchObject({ valid: false });
    expect(await verifier.verifySignature({ artifact: file, signature: 'not base64!', signingCertificate: pki.ecSigner.cert })).toEqual({ valid: false, reason: 'signature is not base64' });
    expect(await verifier.verifySignature({ artifact: '/nonexistent/fw.bin', signature, signingCertificate: pki.ecSigner.cert })).toEqual({
      valid: false,
      reason: 'firmware file cannot be read (ENOENT)',
    });
  });
});
