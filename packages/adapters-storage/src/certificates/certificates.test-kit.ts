import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestCertificateAuthority, type PemPair } from '@evstation/adapters-transport/testing';
import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { FileCertificateStore } from './file-certificate-store.js';

/** The station's serial number (CN) and its CSO (O) in these tests. */
export const SERIAL = 'EVS-SN-000123';
export const CSO = 'EVStation Test CSO';
export const DAY_MS = 86_400_000;

/** One store in a fresh directory, with a fake clock at the real time (openssl dates are real) and a memory logger (tests only). */
export interface StoreKit {
  store: FileCertificateStore;
  directory: string;
  clock: FakeClock;
  logger: MemoryLogger;
  /** Opens the same directory again, as after a restart. */
  reopen(): FileCertificateStore;
  cleanup(): void;
}

/** A store in a new temporary directory (tests only). */
export function makeStoreKit(): StoreKit {
  const base = mkdtempSync(join(tmpdir(), 'evstation-certs-'));
  const directory = join(base, 'CS-TEST-1');
  const clock = new FakeClock(new Date());
  const logger = new MemoryLogger();
  const open = () => FileCertificateStore.open({ directory, clock, logger });
  return { store: open(), directory, clock, logger, reopen: open, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** The test PKI of a certificate-store test file: a CSMS root, a second root and a manufacturer root (tests only). */
export interface TestRoots {
  ca: TestCertificateAuthority;
  csmsRoot: PemPair;
  otherRoot: PemPair;
  manufacturerRoot: PemPair;
}

/** Makes the roots with openssl (tests only); call `ca.cleanup()` after the file's tests. */
export function makeTestRoots(): TestRoots {
  const ca = TestCertificateAuthority.create();
  return {
    ca,
    csmsRoot: ca.issue('csms-root', { subject: `/CN=Test CSMS Root/O=${CSO}`, ca: true }),
    otherRoot: ca.issue('other-root', { subject: '/CN=Unknown Root', ca: true }),
    manufacturerRoot: ca.issue('mf-root', { subject: '/CN=Test Manufacturer Root/O=EVStation Hardware', ca: true }),
  };
}

/** The body of a PEM private key, to search logs and errors for (tests only). */
export function keyBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '').slice(0, 40);
}
