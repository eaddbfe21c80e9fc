import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestCertificateAuthority } from './test-ca.js';
import type { PemPair } from './test-pki.js';

const DAY_MS = 24 * 3_600_000;

/** A manufacturer PKI made by openssl at test time: roots, an intermediate, EC and RSA signers, and files to sign. */
export interface FirmwareSigningPki {
  root: PemPair;
  otherRoot: PemPair;
  intermediate: PemPair;
  ecSigner: PemPair;
  rsaSigner: PemPair;
  /** Issued by the intermediate (the chain must carry it). */
  chainedSigner: PemPair;
  expiredSigner: PemPair;
  futureSigner: PemPair;
  /** Writes a firmware file into the kit's directory and returns its path. */
  firmwareFile(name: string, content: string | Buffer): string;
  /** base64 of `openssl dgst -sha256 -sign` over the file with the signer's key (what a manufacturer ships). */
  sign(file: string, signer: PemPair): string;
  cleanup(): void;
}

/** Builds the manufacturer PKI for L01 tests (unit and conformance) with the TestCertificateAuthority; needs openssl. */
export function createFirmwareSigningPki(): FirmwareSigningPki {
  const ca = TestCertificateAuthority.create();
  const dir = mkdtempSync(join(tmpdir(), 'evstation-fw-'));
  const now = Date.now();
  const root = ca.issue('mf-root', { subject: '/CN=Manufacturer Root/O=EVStation Manufacturing', ca: true });
  const otherRoot = ca.issue('other-root', { subject: '/CN=Other Manufacturer Root', ca: true });
  const intermediate = ca.issue('mf-intermediate', { subject: '/CN=Manufacturer Firmware CA', issuer: root, ca: true });
  let keys = 0;
  return {
    root,
    otherRoot,
    intermediate,
    ecSigner: ca.issue('ec-signer', { subject: '/CN=Firmware Signer EC', issuer: root }),
    rsaSigner: ca.issue('rsa-signer', { subject: '/CN=Firmware Signer RSA', issuer: root, key: { kind: 'rsa', bits: 2048 } }),
    chainedSigner: ca.issue('chained-signer', { subject: '/CN=Firmware Signer Chained', issuer: intermediate }),
    expiredSigner: ca.issue('expired-signer', { subject: '/CN=Expired Signer', issuer: root, notBefore: new Date(now - 10 * DAY_MS), notAfter: new Date(now - DAY_MS) }),
    futureSigner: ca.issue('future-signer', { subject: '/CN=Future Signer', issuer: root, notBefore: new Date(now + DAY_MS), notAfter: new Date(now + 10 * DAY_MS) }),
    firmwareFile: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    sign: (file, signer) => {
      const key = join(dir, `signer-${++keys}.key`);
      writeFileSync(key, signer.key, { mode: 0o600 });
      return execFileSync('openssl', ['dgst', '-sha256', '-sign', key, file]).toString('base64');
    },
    cleanup: () => {
      ca.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
