import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CertificateHashDataType } from '@evstation/core';
import { makeStoreKit, makeTestRoots, type StoreKit } from './certificates.test-kit.js';
import { CertificateStoreError } from './certificate-store-error.js';
import { FileCertificateStore } from './file-certificate-store.js';

const roots = makeTestRoots();
const { ca, csmsRoot, otherRoot, manufacturerRoot } = roots;
const leaf = ca.issue('a-leaf', { subject: '/CN=Some Leaf', issuer: csmsRoot });
const expiredRoot = ca.issue('expired-root', { subject: '/CN=Expired Root', ca: true, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2020-06-01T00:00:00Z') });
const intermediate = ca.issue('sub-ca', { subject: '/CN=Some Sub CA', ca: true, issuer: otherRoot });
const nextCsmsRoot = ca.issue('next-csms-root', { subject: '/CN=Next CSMS Root', ca: true, issuer: csmsRoot });
const unrelatedCsmsRoot = ca.issue('unrelated-csms-root', { subject: '/CN=Unrelated CSMS Root', ca: true });
afterAll(() => ca.cleanup());

const noCheck = { additionalRootCertificateCheck: false };
const withCheck = { additionalRootCertificateCheck: true };

let kit: StoreKit;
beforeEach(() => {
  kit = makeStoreKit();
});
afterEach(() => kit.cleanup());

/** A copy of the PEM with one byte of the signature changed (still parseable, no longer verifiable). */
function withBrokenSignature(pem: string): string {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  der[der.length - 3]! ^= 0x01;
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

describe('FileCertificateStore: root certificates (M03-M05)', () => {
  it('TC_M_01_CS / TC_M_02_CS installs CSMS and manufacturer roots, lists them by type and keeps them over a restart', async () => {
    expect(await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, noCheck)).toEqual({ status: 'Accepted', certificateEntries: 1 });
    expect(await kit.store.installRootCertificate('ManufacturerRootCertificate', manufacturerRoot.cert, noCheck)).toEqual({ status: 'Accepted', certificateEntries: 2 });
    const reopened = kit.reopen();
    expect(reopened.certificateEntries()).toBe(2);
    expect(reopened.getInstalledCertificateIds(['ManufacturerRootCertificate']).map((c) => c.certificateType)).toEqual(['ManufacturerRootCertificate']);
    expect(reopened.getInstalledCertificateIds().map((c) => c.certificateType).sort()).toEqual(['CSMSRootCertificate', 'ManufacturerRootCertificate']);
    expect(reopened.getInstalledCertificateIds(['V2GRootCertificate', 'V2GCertificateChain'])).toEqual([]);
    expect(reopened.tlsMaterial().csmsRootCertificates).toHaveLength(1);
    expect(reopened.rootCertificates('ManufacturerRootCertificate').map(normalized)).toEqual([normalized(manufacturerRoot.cert)]);
    expect(reopened.rootCertificates('MORootCertificate')).toEqual([]);
    expect(reopened.hasValidCsmsRootCertificate()).toBe(true);
  });

  it('TC_M_07_CS rejects what is not one valid root certificate (M05.FR.06, EVerest/EVerest#2109)', async () => {
    const install = (pem: string) => kit.store.installRootCertificate('CSMSRootCertificate', pem, noCheck);
    expect(await install('not a certificate')).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate' });
    expect(await install('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate' });
    expect(await install(`${csmsRoot.cert}${otherRoot.cert}`)).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate' });
    expect(await install(withBrokenSignature(csmsRoot.cert))).toMatchObject({ status: 'Rejected', reason: 'InvalidCertificate', detail: expect.stringContaining('self-signature') });
    expect(await install(leaf.cert)).toMatchObject({ status: 'Rejected', reason: 'NotCACertificate' });
    expect(await install(intermediate.cert)).toMatchObject({ status: 'Rejected', reason: 'NotRootCertificate' });
    expect(await install(expiredRoot.cert)).toMatchObject({ status: 'Rejected', reason: 'CertificateExpired' });
    expect(kit.store.certificateEntries()).toBe(0);
    expect(readdirSync(kit.directory)).toEqual([]);
  });

  it('M05.FR.03 refuses a certificate beyond the capacity (CertificateEntries maxLimit); reinstalling one takes no room', async () => {
    const options = { ...noCheck, maxEntries: 2 };
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, options);
    await kit.store.installRootCertificate('ManufacturerRootCertificate', manufacturerRoot.cert, options);
    expect(await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, options)).toEqual({ status: 'Accepted', certificateEntries: 2 });
    expect(await kit.store.installRootCertificate('CSMSRootCertificate', otherRoot.cert, options)).toMatchObject({ status: 'Rejected', reason: 'OutOfStorage' });
    expect(kit.store.certificateEntries()).toBe(2);
  });

  it('TC_M_09_CS AdditionalRootCertificateCheck: a new CSMS root not signed by the installed one is Rejected (M05.FR.10)', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, withCheck);
    expect(await kit.store.installRootCertificate('CSMSRootCertificate', unrelatedCsmsRoot.cert, withCheck)).toMatchObject({ status: 'Rejected', reason: 'NotSignedByOldRoot' });
    expect(kit.store.tlsMaterial()).toMatchObject({ csmsRootCertificates: [expect.stringContaining('BEGIN CERTIFICATE')], fallbackCsmsRootCertificates: [] });
    expect(await kit.store.installRootCertificate('ManufacturerRootCertificate', manufacturerRoot.cert, withCheck)).toMatchObject({ status: 'Accepted' });
  });

  it('TC_M_30_CS a new CSMS root signed by the old one replaces it; the old one is the fallback until a connection with the new one (M05.FR.11/12)', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, withCheck);
    expect(await kit.store.installRootCertificate('CSMSRootCertificate', nextCsmsRoot.cert, withCheck)).toEqual({ status: 'Accepted', certificateEntries: 2 });
    const material = kit.reopen().tlsMaterial();
    expect(material.csmsRootCertificates.map(normalized)).toEqual([normalized(nextCsmsRoot.cert)]);
    expect(material.fallbackCsmsRootCertificates.map(normalized)).toEqual([normalized(csmsRoot.cert)]);

    await kit.store.csmsConnectionSucceeded(false);
    const after = kit.reopen();
    expect(after.tlsMaterial().fallbackCsmsRootCertificates).toEqual([]);
    // The replaced root is gone, yet the new (cross-signed) root keeps its hash data and stays deletable (EVerest#2109).
    const [listed] = after.getInstalledCertificateIds(['CSMSRootCertificate']);
    expect(listed).toBeDefined();
    expect(await after.deleteCertificate(listed!.certificateHashData)).toEqual({ status: 'Accepted', certificateEntries: 0 });
  });

  it('TC_M_31_CS after connecting only through the fallback, both roots stay', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, withCheck);
    await kit.store.installRootCertificate('CSMSRootCertificate', nextCsmsRoot.cert, withCheck);
    await kit.store.csmsConnectionSucceeded(true);
    expect(kit.reopen().tlsMaterial().fallbackCsmsRootCertificates).toHaveLength(1);
    expect(kit.store.certificateEntries()).toBe(2);
  });

  it('TC_M_20_CS / TC_M_22_CS deletes by hash data in any hash algorithm; unknown hash data are NotFound (M04)', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, noCheck);
    await kit.store.installRootCertificate('ManufacturerRootCertificate', manufacturerRoot.cert, noCheck);
    const [mf] = kit.store.getInstalledCertificateIds(['ManufacturerRootCertificate'], 'SHA512');
    const unknown: CertificateHashDataType = { ...mf!.certificateHashData, serialNumber: 'abcdef' };
    expect(await kit.store.deleteCertificate(unknown)).toEqual({ status: 'NotFound' });
    expect(await kit.store.deleteCertificate({ ...mf!.certificateHashData, issuerKeyHash: mf!.certificateHashData.issuerKeyHash.toUpperCase() })).toEqual({ status: 'Accepted', certificateEntries: 1 });
    expect(kit.reopen().getInstalledCertificateIds().map((c) => c.certificateType)).toEqual(['CSMSRootCertificate']);
    expect(await kit.store.deleteCertificate(mf!.certificateHashData)).toEqual({ status: 'NotFound' });
  });

  it('keeps the directory at mode 0700 and every file at 0600, and tightens a loosened file on open', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, noCheck);
    expect(statSync(kit.directory).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(kit.directory);
    const path = join(kit.directory, file!);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    chmodSync(path, 0o644);
    chmodSync(kit.directory, 0o755);
    kit.reopen();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(kit.directory).mode & 0o777).toBe(0o700);
    expect(kit.logger.entries.some((e) => e.level === 'warn' && e.fields['file'] === path)).toBe(true);
  });

  it('two InstallCertificates at once are served one after the other: the capacity holds', async () => {
    const options = { ...noCheck, maxEntries: 1 };
    const results = await Promise.all([
      kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, options),
      kit.store.installRootCertificate('ManufacturerRootCertificate', manufacturerRoot.cert, options),
    ]);
    expect(results.map((r) => r.status)).toEqual(['Accepted', 'Rejected']);
    expect(kit.reopen().certificateEntries()).toBe(1);
  });

  it('a directory that cannot be used gives a clear error naming it', () => {
    const file = join(kit.directory, 'not-a-directory');
    writeFileSync(file, 'x');
    expect(() => FileCertificateStore.open({ directory: join(file, 'station'), clock: kit.clock })).toThrow(new RegExp(`Cannot open certificate store directory ${file}/station: ENOTDIR`));
  });

  it('a corrupt certificate file fails the open with an error naming the file', async () => {
    await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, noCheck);
    const [file] = readdirSync(kit.directory);
    const path = join(kit.directory, file!);
    writeFileSync(path, '-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n');
    expect(() => kit.reopen()).toThrow(CertificateStoreError);
    expect(() => kit.reopen()).toThrow(path);
  });
});

/** PEM text without line-length differences. */
function normalized(pem: string): string {
  return pem.replace(/\s+/g, '');
}
