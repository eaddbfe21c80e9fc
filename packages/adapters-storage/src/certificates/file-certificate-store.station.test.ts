import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate as NodeX509 } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSO, DAY_MS, keyBody, makeStoreKit, makeTestRoots, SERIAL, type StoreKit } from './certificates.test-kit.js';

const { ca, csmsRoot, otherRoot } = makeTestRoots();
const subCa = ca.issue('station-sub-ca', { subject: `/CN=Station Sub CA/O=${CSO}`, ca: true, issuer: csmsRoot });
afterAll(() => ca.cleanup());

const subject = { commonName: SERIAL, organizationName: CSO };
let kit: StoreKit;
beforeEach(async () => {
  kit = makeStoreKit();
  await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, { additionalRootCertificateCheck: false });
});
afterEach(() => kit.cleanup());

/** What `openssl req -text` says about a CSR (an independent parser). */
function opensslCsrText(csr: string): string {
  return execFileSync('openssl', ['req', '-noout', '-text', '-verify'], { input: csr, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('FileCertificateStore: the station certificate (A02/A03)', () => {
  it('generateCsr makes a new EC P-256 key pair and a signed PKCS#10 request with CN = serial number and O = OrganizationName', async () => {
    const csr = await kit.store.generateCsr(subject);
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    expect(csr).not.toContain('PRIVATE KEY');
    expect(csr.length).toBeLessThanOrEqual(5500);
    const text = opensslCsrText(csr);
    expect(text).toMatch(/Subject: O ?= ?EVStation Test CSO, CN ?= ?EVS-SN-000123/);
    expect(text).toContain('prime256v1');
    const second = await kit.store.generateCsr(subject);
    expect(second).not.toBe(csr);
    const pending = readdirSync(kit.directory).filter((f) => f.startsWith('csr.'));
    expect(pending).toHaveLength(2);
    for (const file of pending) expect(statSync(join(kit.directory, file)).mode & 0o777).toBe(0o600);
  });

  it('generateCsr makes RSA keys on request and refuses a bad subject with a clear error', async () => {
    const rsa = opensslCsrText(await kit.store.generateCsr({ ...subject, keyType: 'RSA-2048', country: 'NL' }));
    expect(rsa).toMatch(/Subject: C ?= ?NL, O ?= ?EVStation Test CSO, CN ?= ?EVS-SN-000123/);
    expect(rsa).toContain('Public-Key: (2048 bit)');
    await expect(kit.store.generateCsr({ ...subject, commonName: '' })).rejects.toThrow(/commonName must be 1-64 characters/);
    await expect(kit.store.generateCsr({ ...subject, country: 'Netherlands' })).rejects.toThrow(/country/);
  });

  it('keeps only the 8 newest pending keys (every A02 repeat makes one), also over a restart', async () => {
    const csrs: string[] = [];
    for (let i = 0; i < 10; i += 1) csrs.push(await kit.store.generateCsr(subject));
    expect(readdirSync(kit.directory).filter((f) => f.startsWith('csr.'))).toHaveLength(8);
    const reopened = kit.reopen();
    expect(await reopened.installStationCertificate(ca.signCsr(csrs[1]!, csmsRoot), {})).toMatchObject({ status: 'Rejected', reason: 'KeyMismatch' });
    expect(await reopened.installStationCertificate(ca.signCsr(csrs[2]!, csmsRoot), {})).toMatchObject({ status: 'Accepted' });
  });

  it('TC_A_11_CS installs the signed certificate with the pending key and gives both to TLS', async () => {
    const csr = await kit.store.generateCsr(subject);
    const chain = ca.signCsr(csr, csmsRoot);
    const result = await kit.store.installStationCertificate(chain, { maxChainSize: 10_000 });
    expect(result).toMatchObject({ status: 'Accepted', active: true });
    const material = kit.reopen().tlsMaterial();
    const cert = new NodeX509(material.clientCertificateChain!);
    expect(cert.checkPrivateKey(createPrivateKey(material.clientPrivateKey!))).toBe(true);
    expect(cert.subject).toContain(`CN=${SERIAL}`);
    expect(kit.reopen().stationCertificateStatus().active).toMatchObject({ subject: `O=${CSO}, CN=${SERIAL}` });
    expect(readdirSync(kit.directory).filter((f) => f.startsWith('csr.'))).toEqual([]);
  });

  it('accepts a chain through an intermediate CA of the CSMS root, and a late answer to an earlier CSR', async () => {
    const first = await kit.store.generateCsr(subject);
    await kit.store.generateCsr(subject);
    const chain = `${ca.signCsr(first, subCa)}${subCa.cert}`;
    const result = await kit.store.installStationCertificate(chain, {});
    expect(result).toMatchObject({ status: 'Accepted', active: true });
    expect(new NodeX509(kit.store.tlsMaterial().clientCertificateChain!).issuer).toContain('Station Sub CA');
    // The validity window of the whole chain, the same at install and after a restart.
    const status = kit.store.stationCertificateStatus();
    expect(result).toMatchObject({ validFrom: status.active?.validFrom, validTo: status.active?.validTo });
    expect(kit.reopen().stationCertificateStatus()).toEqual(status);
  });

  it('TC_A_14_CS refuses invalid chains with a precise reason and keeps the pending key (A02.FR.20)', async () => {
    const csr = await kit.store.generateCsr(subject);
    const otherKit = makeStoreKit();
    const foreignCsr = await otherKit.store.generateCsr(subject);
    otherKit.cleanup();
    const install = (chain: string, maxChainSize?: number) => kit.store.installStationCertificate(chain, maxChainSize === undefined ? {} : { maxChainSize });
    const now = Date.now();
    expect(await install(ca.signCsr(csr, otherRoot))).toMatchObject({ status: 'Rejected', reason: 'InvalidChain' });
    expect(await install(`${ca.signCsr(csr, otherRoot)}${otherRoot.cert}`)).toMatchObject({ status: 'Rejected', reason: 'InvalidChain' });
    expect(await install(ca.signCsr(foreignCsr, csmsRoot))).toMatchObject({ status: 'Rejected', reason: 'KeyMismatch' });
    expect(await install(ca.signCsr(csr, csmsRoot, { notBefore: new Date(now - 10 * DAY_MS), notAfter: new Date(now - DAY_MS) }))).toMatchObject({ status: 'Rejected', reason: 'CertificateExpired' });
    expect(await install(ca.signCsr(csr, csmsRoot, { subject: `/O=${CSO}/CN=EVS-SN-999999` }))).toMatchObject({ status: 'Rejected', reason: 'SubjectMismatch' });
    expect(await install(ca.signCsr(csr, csmsRoot, { subject: `/O=Another CSO/CN=${SERIAL}` }))).toMatchObject({ status: 'Rejected', reason: 'SubjectMismatch' });
    expect(await install(ca.signCsr(csr, csmsRoot, { ca: true }))).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate' });
    expect(await install('garbage')).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate' });
    const good = ca.signCsr(csr, csmsRoot);
    expect(await install(good, good.length - 1)).toMatchObject({ status: 'Rejected', reason: 'TooLargeElement' });
    expect(kit.store.stationCertificateStatus()).toEqual({});
    expect(await install(good, good.length)).toMatchObject({ status: 'Accepted' });
  });

  it('A02.FR.08 a certificate valid only from later is kept and becomes active once valid, also after a restart', async () => {
    await kit.store.installStationCertificate(ca.signCsr(await kit.store.generateCsr(subject), csmsRoot), {});
    const current = kit.store.stationCertificateStatus().active!;
    const start = new Date(Math.floor((Date.now() + DAY_MS) / 1000) * 1000);
    const result = await kit.store.installStationCertificate(ca.signCsr(await kit.store.generateCsr(subject), csmsRoot, { notBefore: start }), {});
    expect(result).toMatchObject({ status: 'Accepted', active: false, validFrom: start });
    expect(kit.store.stationCertificateStatus()).toMatchObject({ active: { serialNumber: current.serialNumber }, next: { validFrom: start } });
    const activeChain = kit.store.tlsMaterial().clientCertificateChain;

    kit.clock.setWallTime(new Date(start.getTime() + 1000));
    const reopened = kit.reopen();
    expect(reopened.stationCertificateStatus().next).toBeUndefined();
    expect(reopened.stationCertificateStatus().active?.serialNumber).not.toBe(current.serialNumber);
    expect(reopened.tlsMaterial().clientCertificateChain).not.toBe(activeChain);
    expect(readdirSync(kit.directory).filter((f) => f.startsWith('station.'))).toEqual(['station.active.pem']);
  });

  it('TC_M_23_CS the station certificate cannot be deleted, even by its hash data', async () => {
    await kit.store.installStationCertificate(ca.signCsr(await kit.store.generateCsr(subject), csmsRoot), {});
    const leaf = new NodeX509(kit.store.tlsMaterial().clientCertificateChain!);
    // A leaf issued by a self-signed root has the root's own issuer hashes, with its own serial number.
    const [root] = kit.store.getInstalledCertificateIds(['CSMSRootCertificate']);
    const hashData = { ...root!.certificateHashData, serialNumber: leaf.serialNumber };
    expect(await kit.store.deleteCertificate(hashData)).toMatchObject({ status: 'Failed', reason: 'StationCertificate' });
    expect(kit.store.stationCertificateStatus().active).toBeDefined();
  });

  it('never writes a private key to a log line or an error message; a corrupt key file is named, not quoted', async () => {
    await kit.store.installStationCertificate(ca.signCsr(await kit.store.generateCsr(subject), csmsRoot), {});
    await kit.store.generateCsr(subject);
    const key = kit.store.tlsMaterial().clientPrivateKey!;
    const file = join(kit.directory, 'station.active.pem');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(/(-----BEGIN PRIVATE KEY-----\n)(.{10})/, (_m, head: string, body: string) => `${head}${body.split('').reverse().join('')}`);
    writeFileSync(file, broken);
    let error: unknown;
    try {
      kit.reopen();
    } catch (caught) {
      error = caught;
    }
    expect(String((error as Error).message)).toContain(file);
    for (const secret of [keyBody(key), keyBody(broken.slice(broken.indexOf('-----BEGIN PRIVATE KEY-----')))]) {
      expect((error as Error).message).not.toContain(secret);
      expect(kit.logger.text()).not.toContain(secret);
    }
    expect(kit.logger.text()).not.toContain('PRIVATE KEY');
  });
});
