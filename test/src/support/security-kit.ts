import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateHashDataType, ClockPort } from '@evstation/core';
import { FileCertificateStore } from '@evstation/adapters-storage';
import { TestCertificateAuthority, type PemPair } from '@evstation/adapters-transport/testing';
import { MemoryLogger } from '@evstation/core/testing';
import type { Cleanup } from './cleanups.js';
import { tempDatabase, type RunningStation } from './station-harness.js';
import type { CsmsTlsOptions } from './tls-csms-server.js';

const DAY_MS = 86_400_000;

/** The harness's chargingStation.serialNumber: the CN of every station certificate (A00.FR.405). */
export const STATION_SERIAL = 'SN-CONF-1';
/** SecurityCtrlr.OrganizationName: the O of every station certificate (A00.FR.404). */
export const CSO_NAME = 'EVStation Conformance CSO';
/** SecurityCtrlr.BasicAuthPassword for profile 2 (16-40 characters of the identifierString set). */
export const PASSWORD = 'Tls-Profile2_Password.0123';

/** The PKI of one conformance file, made by openssl once (beforeAll): a CSMS root and the server certificate it signs. */
export interface SecurityPki {
  ca: TestCertificateAuthority;
  /** The CSMSRootCertificate; it also signs station certificates, so the CSMS trusts them under profile 3. */
  csmsRoot: PemPair;
  /** The CSMS server certificate for localhost, issued by `csmsRoot`. */
  server: PemPair;
}

/** Makes the PKI (tests only); the root lives two years, so a case may move the station's clock; call `ca.cleanup()` in afterAll. */
export function createSecurityPki(): SecurityPki {
  const ca = TestCertificateAuthority.create();
  const csmsRoot = ca.issue('csms-root', { subject: `/CN=Conformance CSMS Root/O=${CSO_NAME}`, ca: true, notAfter: new Date(Date.now() + 730 * DAY_MS) });
  const server = ca.issue('csms-server', { subject: '/CN=localhost', issuer: csmsRoot, serverName: 'localhost' });
  return { ca, csmsRoot, server };
}

/** The CSMS side of TLS with `pair` as server certificate; `profile3` asks for a station certificate chained to `pki.csmsRoot`. */
export function csmsTls(pki: SecurityPki, options: { pair?: PemPair; profile3?: boolean } = {}): CsmsTlsOptions {
  const pair = options.pair ?? pki.server;
  return { cert: pair.cert, key: pair.key, ...(options.profile3 === true ? { ca: pki.csmsRoot.cert, requestCert: true } : {}) };
}

/** The device-model values security profiles 1-3 need: the password (1/2) and the O of CSRs. */
export function securityValues(extra: { component: { name: string }; variable: { name: string }; value: string }[] = []) {
  return [
    { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, value: PASSWORD },
    { component: { name: 'SecurityCtrlr' }, variable: { name: 'OrganizationName' }, value: CSO_NAME },
    ...extra,
  ];
}

/** Reconnect back-off 1 s flat, so a case on a FakeClock moves it instead of sleeping. */
export const FAST_RECONNECT = [
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffWaitMinimum' }, value: '1' },
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRandomRange' }, value: '0' },
  { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'RetryBackOffRepeatTimes' }, value: '0' },
];

/** The types of the station's security log entries (A04), oldest first. */
export function securityLogTypes(station: RunningStation): string[] {
  return station.stores.securityLog.list().map((e) => e.type);
}

/** A FileCertificateStore in its own temp directory (the station's `deps.certificates`). */
export interface CertificateStoreKit {
  store: FileCertificateStore;
  directory: string;
  logger: MemoryLogger;
  /** Opens the same directory again, as after a reboot. */
  reopen(): FileCertificateStore;
  dispose(): void;
}

/** Opens a store in a new temp directory on `clock` (the station's clock: validity checks follow it). */
export function tempCertificateStore(clock: Pick<ClockPort, 'now'>): CertificateStoreKit {
  const base = mkdtempSync(join(tmpdir(), 'evstation-conformance-certs-'));
  const directory = join(base, 'CS-CONF-1');
  const logger = new MemoryLogger();
  const open = () => FileCertificateStore.open({ directory, clock, logger });
  return { store: open(), directory, logger, reopen: open, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

/** A station's files on `clock`: a database and a certificate store, both handed to `cleanup` for removal after the case. */
export function stationFiles(clock: Pick<ClockPort, 'now'>, cleanup: (...cleanups: Cleanup[]) => void): { certs: CertificateStoreKit; dbPath: string } {
  const certs = tempCertificateStore(clock);
  const db = tempDatabase();
  cleanup(() => certs.dispose(), () => db.dispose());
  return { certs, dbPath: db.path };
}

/** Memory state CertificateInstalled done outside OCPP: the CSMS root goes straight into the store (libocpp#857: not over 0/1). */
export async function installCsmsRoot(store: FileCertificateStore, root: PemPair): Promise<void> {
  const result = await store.installRootCertificate('CSMSRootCertificate', root.cert, { additionalRootCertificateCheck: false });
  if (result.status !== 'Accepted') throw new Error(`CSMS root not installed: ${JSON.stringify(result)}`);
}

/**
 * Gives the store a station certificate as A02 would (its own key and CSR, signed by `pki.csmsRoot`), valid for
 * `validDays` (default a year: under 30 days left the station renews it on its own, A03); returns the certificate.
 */
export async function seedStationCertificate(store: FileCertificateStore, pki: SecurityPki, validDays = 365): Promise<X509Certificate> {
  const csr = await store.generateCsr({ commonName: STATION_SERIAL, organizationName: CSO_NAME });
  const result = await store.installStationCertificate(pki.ca.signCsr(csr, pki.csmsRoot, { notAfter: new Date(Date.now() + validDays * DAY_MS) }), {});
  if (result.status !== 'Accepted') throw new Error(`station certificate not installed: ${JSON.stringify(result)}`);
  return new X509Certificate(store.tlsMaterial().clientCertificateChain!);
}

/** The subject of a PEM CSR in RFC 2253 form (`CN=...,O=...`), after openssl verified the CSR's self-signature (throws otherwise). */
export function verifiedCsrSubject(csrPem: string): string {
  return execFileSync('openssl', ['req', '-noout', '-verify', '-subject', '-nameopt', 'RFC2253'], { input: csrPem, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
    .replace(/^subject=/m, '')
    .trim();
}

/** The serial number of a certificate as Node's TLS peer certificate shows it (uppercase hex). */
export function tlsSerial(certificatePem: string): string {
  return new X509Certificate(certificatePem).serialNumber.toUpperCase();
}

/**
 * CertificateHashDataType (SHA256) of `certificate` as openssl computes it for an OCSP CertID: the CSMS side's own
 * calculation (OCTT: "based on its own calculation of the certificateHashData"), not the station's code. Lowercase hex,
 * serial number without leading zeros.
 */
export function opensslHashData(certificate: string, issuer: string): CertificateHashDataType {
  const dir = mkdtempSync(join(tmpdir(), 'evstation-ocsp-'));
  try {
    writeFileSync(join(dir, 'cert.pem'), certificate);
    writeFileSync(join(dir, 'issuer.pem'), issuer);
    execFileSync('openssl', ['ocsp', '-issuer', 'issuer.pem', '-sha256', '-cert', 'cert.pem', '-no_nonce', '-reqout', 'req.der'], { cwd: dir, stdio: 'pipe' });
    const text = execFileSync('openssl', ['ocsp', '-reqin', 'req.der', '-req_text'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const field = (name: string): string => {
      const match = new RegExp(`${name}: ([0-9A-F]+)`).exec(text);
      if (match?.[1] === undefined) throw new Error(`openssl printed no ${name}`);
      return match[1].toLowerCase();
    };
    return { hashAlgorithm: 'SHA256', issuerNameHash: field('Issuer Name Hash'), issuerKeyHash: field('Issuer Key Hash'), serialNumber: field('Serial Number').replace(/^0+(?=.)/, '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same hash data with its hex in lowercase, to compare what a station reported with `opensslHashData`. */
export function lowercaseHashData(data: CertificateHashDataType): CertificateHashDataType {
  return { ...data, issuerNameHash: data.issuerNameHash.toLowerCase(), issuerKeyHash: data.issuerKeyHash.toLowerCase(), serialNumber: data.serialNumber.toLowerCase() };
}
