import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeClock,
  type CertificateHashDataChainType,
  type CertificateHashDataType,
  type DeleteCertificateResponse,
  type GetCertificateIdUseEnumType,
  type GetInstalledCertificateIdsResponse,
  type InstallCertificateResponse,
  type InstallCertificateUseEnumType,
} from '@evstation/core';
import { SystemClock } from '@evstation/adapters-hw';
import type { PemPair } from '@evstation/adapters-transport/testing';
import { cleanupAfterEach } from '../support/cleanups.js';
import { acceptingHandlers, flushStation, waitUntil } from '../support/ocpp-frames.js';
import {
  createSecurityPki,
  csmsTls,
  FAST_RECONNECT,
  installCsmsRoot,
  lowercaseHashData,
  opensslHashData,
  PASSWORD,
  securityValues,
  seedStationCertificate,
  stationFiles,
  type CertificateStoreKit,
  type SecurityPki,
} from '../support/security-kit.js';
import { startBootedStation, type BootedStation } from '../support/station-harness.js';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';

/*
 * M03-M05 certificate management over a security profile 2 connection: the real ChargePoint with a FileCertificateStore
 * against a strict CSMS over https, PKI made by openssl once for this file. The CSMS checks GetInstalledCertificateIds
 * against its own calculation of the certificateHashData (openssl's OCSP CertID). The CSMS root of the TLS link is
 * put straight into the store (certificates are never changed over profile 0/1, libocpp#857, checked at the end).
 * Reboots (Reset, TC_M_30/31) are a stop and a start on the same database and certificate directory.
 */

let pki: SecurityPki;
let roots: { manufacturer: PemPair; other: PemPair; next: PemPair; expired: PemPair };
let leaf: PemPair;
let nextServer: PemPair;
beforeAll(() => {
  pki = createSecurityPki();
  const { ca, csmsRoot } = pki;
  roots = {
    manufacturer: ca.issue('mf-root', { subject: '/CN=Conformance Manufacturer Root/O=EVStation Hardware', ca: true }),
    other: ca.issue('other-root', { subject: '/CN=Other CSMS Root', ca: true }),
    // M05.FR.09: the new CSMS root is signed by the one it replaces.
    next: ca.issue('next-csms-root', { subject: '/CN=Next CSMS Root', ca: true, issuer: csmsRoot }),
    expired: ca.issue('expired-root', { subject: '/CN=Expired Root', ca: true, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2020-01-02T00:00:00Z') }),
  };
  leaf = ca.issue('some-leaf', { subject: '/CN=Some Leaf', issuer: csmsRoot });
  nextServer = ca.issue('next-csms-server', { subject: '/CN=localhost', issuer: roots.next, serverName: 'localhost' });
});
afterAll(() => pki.ca.cleanup());

const cleanup = cleanupAfterEach();

interface Bench {
  csms: StrictCsms;
  certs: CertificateStoreKit;
  dbPath: string;
  clock: FakeClock | SystemClock;
  booted: BootedStation;
  client: CsmsClient;
}

/** The station on profile 2 (1 with `plain`) with the CSMS root in its store; AdditionalRootCertificateCheck as given. */
async function boot(options: { additionalRootCertificateCheck?: boolean; plain?: boolean; clock?: FakeClock } = {}): Promise<Bench> {
  const csms = await StrictCsms.start({ handlers: acceptingHandlers(), password: PASSWORD, ...(options.plain === true ? {} : { tls: csmsTls(pki) }) });
  cleanup(() => csms.close());
  const clock = options.clock ?? new SystemClock();
  const { certs, dbPath } = stationFiles(clock, cleanup);
  if (options.plain !== true) await installCsmsRoot(certs.store, pki.csmsRoot);
  const booted = await start(csms, certs.store, dbPath, { check: options.additionalRootCertificateCheck === true, profile: options.plain === true ? 1 : 2, clock });
  return { csms, certs, dbPath, clock, booted, client: booted.client };
}

interface StartOptions {
  check: boolean;
  profile: 1 | 2;
  clock: FakeClock | SystemClock;
  bootReason?: 'RemoteReset';
}

async function start(csms: StrictCsms, store: CertificateStoreKit['store'], dbPath: string, options: StartOptions): Promise<BootedStation> {
  const check = options.check ? [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'AdditionalRootCertificateCheck' }, value: 'true' }] : [];
  const booted = await startBootedStation(csms, {
    dbPath,
    clock: options.clock,
    securityProfile: options.profile,
    values: securityValues([...check, ...FAST_RECONNECT]),
    deps: { certificates: store },
    ...(options.bootReason === undefined ? {} : { bootReason: options.bootReason }),
  });
  cleanup(() => booted.station.stop());
  return booted;
}

async function install(client: CsmsClient, certificateType: InstallCertificateUseEnumType, certificate: string): Promise<InstallCertificateResponse> {
  return (await client.call('InstallCertificate', { certificateType, certificate })) as InstallCertificateResponse;
}

async function installedIds(client: CsmsClient, certificateType?: GetCertificateIdUseEnumType[]): Promise<GetInstalledCertificateIdsResponse> {
  return (await client.call('GetInstalledCertificateIds', certificateType === undefined ? {} : { certificateType })) as GetInstalledCertificateIdsResponse;
}

async function deleteCertificate(client: CsmsClient, certificateHashData: CertificateHashDataType): Promise<DeleteCertificateResponse> {
  return (await client.call('DeleteCertificate', { certificateHashData })) as DeleteCertificateResponse;
}

async function certificateEntries(client: CsmsClient): Promise<string | undefined> {
  const response = (await client.call('GetVariables', { getVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'CertificateEntries' } }] })) as {
    getVariableResult: { attributeValue?: string }[];
  };
  return response.getVariableResult[0]?.attributeValue;
}

/** The reported chains in the CSMS's terms: type and lowercase hash data, sorted by serial number. */
function reported(response: GetInstalledCertificateIdsResponse): { certificateType: string; certificateHashData: CertificateHashDataType }[] {
  return (response.certificateHashDataChain ?? [])
    .map((c: CertificateHashDataChainType) => ({ certificateType: c.certificateType, certificateHashData: lowercaseHashData(c.certificateHashData) }))
    .sort((a, b) => a.certificateHashData.serialNumber.localeCompare(b.certificateHashData.serialNumber));
}

/** What the CSMS expects for self-signed roots of these types (issuer = itself), sorted like `reported`. */
function expected(...entries: [GetCertificateIdUseEnumType, PemPair, PemPair?][]): { certificateType: string; certificateHashData: CertificateHashDataType }[] {
  return entries
    .map(([certificateType, pair, issuer]) => ({ certificateType, certificateHashData: opensslHashData(pair.cert, (issuer ?? pair).cert) }))
    .sort((a, b) => a.certificateHashData.serialNumber.localeCompare(b.certificateHashData.serialNumber));
}

/** Reset OnIdle, the reset callback, then the reboot on the same files; returns the new boot. */
async function resetAndReboot(bench: Bench, check: boolean): Promise<BootedStation> {
  await expect(bench.client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Accepted' });
  const { station } = bench.booted;
  await waitUntil(() => station.resets.length > 0, 'the reset callback');
  await station.stop();
  return start(bench.csms, bench.certs.reopen(), bench.dbPath, { check, profile: 2, clock: bench.clock, bootReason: 'RemoteReset' });
}

describe('Block M certificate management over security profile 2 against a strict CSMS over https', () => {
  it('TC_M_01_CS Install CA certificate - CSMSRootCertificate', async () => {
    const { client, csms } = await boot();
    expect(await install(client, 'CSMSRootCertificate', roots.other.cert)).toEqual({ status: 'Accepted' });
    const listed = await installedIds(client, ['CSMSRootCertificate']);
    expect(listed.status).toBe('Accepted');
    expect(reported(listed)).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot], ['CSMSRootCertificate', roots.other]));
    expect(await certificateEntries(client)).toBe('2');
    // AdditionalRootCertificateCheck false: the OCTT removes what it installed (M04), the root in use stays.
    expect(await deleteCertificate(client, opensslHashData(roots.other.cert, roots.other.cert))).toEqual({ status: 'Accepted' });
    expect(reported(await installedIds(client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_02_CS Install CA certificate - ManufacturerRootCertificate', async () => {
    const { client, csms } = await boot();
    expect(await install(client, 'ManufacturerRootCertificate', roots.manufacturer.cert)).toEqual({ status: 'Accepted' });
    expect(reported(await installedIds(client, ['ManufacturerRootCertificate']))).toEqual(expected(['ManufacturerRootCertificate', roots.manufacturer]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_07_CS Install CA certificate - Invalid certificate', async () => {
    const { client, csms } = await boot();
    const refusals: [string, string][] = [
      [roots.expired.cert, 'CertificateExpired'],
      [leaf.cert, 'NotCACertificate'],
      ['-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n', 'InvalidCertificate'],
    ];
    for (const [certificate, reasonCode] of refusals) {
      expect(await install(client, 'CSMSRootCertificate', certificate), reasonCode).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode } });
    }
    expect(await install(client, 'ManufacturerRootCertificate', roots.expired.cert)).toMatchObject({ status: 'Rejected' });
    expect(await certificateEntries(client)).toBe('1');
    expect(reported(await installedIds(client))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_09_CS Install CA certificate - AdditionalRootCertificateCheck - Rejected', async () => {
    const { client, csms } = await boot({ additionalRootCertificateCheck: true });
    // M05.FR.10: a new CSMS root that the installed one did not sign.
    expect(await install(client, 'CSMSRootCertificate', roots.other.cert)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NotSignedByOldRoot' } });
    expect(reported(await installedIds(client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    expect(await certificateEntries(client)).toBe('1');
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_12_CS Retrieve certificates from Charging Station - CSMSRootCertificate', async () => {
    const { client, csms } = await boot();
    await install(client, 'ManufacturerRootCertificate', roots.manufacturer.cert);
    const listed = await installedIds(client, ['CSMSRootCertificate']);
    expect(listed.status).toBe('Accepted');
    expect(reported(listed)).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_13_CS Retrieve certificates from Charging Station - ManufacturerRootCertificate', async () => {
    const { client, csms } = await boot();
    await install(client, 'ManufacturerRootCertificate', roots.manufacturer.cert);
    expect(reported(await installedIds(client, ['ManufacturerRootCertificate']))).toEqual(expected(['ManufacturerRootCertificate', roots.manufacturer]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_17_CS Retrieve certificates from Charging Station - CSMSRootCertificate and ManufacturerRootCertificate', async () => {
    const { client, csms } = await boot();
    await install(client, 'ManufacturerRootCertificate', roots.manufacturer.cert);
    expect(reported(await installedIds(client, ['CSMSRootCertificate', 'ManufacturerRootCertificate']))).toEqual(
      expected(['CSMSRootCertificate', pki.csmsRoot], ['ManufacturerRootCertificate', roots.manufacturer]),
    );
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_18_CS Retrieve certificates from Charging Station - All certificateTypes', async () => {
    const { client, csms, certs } = await boot();
    await install(client, 'ManufacturerRootCertificate', roots.manufacturer.cert);
    // The station's own certificate is no GetCertificateIdUseEnumType: it is never listed.
    await seedStationCertificate(certs.store, pki);
    expect(reported(await installedIds(client))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot], ['ManufacturerRootCertificate', roots.manufacturer]));
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_19_CS Retrieve certificates from Charging Station - No matching certificate found', async () => {
    const { client, csms } = await boot();
    const listed = await installedIds(client, ['V2GRootCertificate', 'MORootCertificate']);
    expect(listed).toEqual({ status: 'NotFound' });
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_20_CS Delete a certificate from a Charging Station - Success', async () => {
    const { client, csms } = await boot();
    await install(client, 'CSMSRootCertificate', roots.other.cert);
    const listed = await installedIds(client, ['CSMSRootCertificate']);
    const target = listed.certificateHashDataChain!.find((c) => lowercaseHashData(c.certificateHashData).serialNumber === opensslHashData(roots.other.cert, roots.other.cert).serialNumber)!;
    // M04.FR.07: the hash data exactly as the station reported it.
    expect(await deleteCertificate(client, target.certificateHashData)).toEqual({ status: 'Accepted' });
    expect(reported(await installedIds(client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    expect(await certificateEntries(client)).toBe('1');
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_20_CS with the only CSMSRootCertificate: Accepted; the open link stays, a later reconnect cannot verify the CSMS and the station stays up, offline, saying why', async () => {
    const { client, csms, booted } = await boot();
    const { station } = booted;
    expect(await deleteCertificate(client, opensslHashData(pki.csmsRoot.cert, pki.csmsRoot.cert))).toEqual({ status: 'Accepted' });
    await flushStation(csms, client);
    // A01: a new password makes the station reconnect with fresh settings, and there is no root left to trust.
    const set = (await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' }, attributeValue: 'Another-Password_0123456' }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Accepted');
    await waitUntil(() => station.logger.entries.some((e) => e.message === 'Cannot connect with this network profile; offline until the next reconnect or restart'), 'the refusal in the log');
    expect(station.chargePoint.isConnected).toBe(false);
    expect(csms.clients).toHaveLength(1);
    expect(station.logger.text()).not.toContain('Another-Password_0123456');
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_22_CS Delete a certificate from a Charging Station - No matching certificate found', async () => {
    const { client, csms } = await boot();
    expect(await deleteCertificate(client, opensslHashData(roots.other.cert, roots.other.cert))).toEqual({ status: 'NotFound' });
    expect(await certificateEntries(client)).toBe('1');
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_23_CS Delete a certificate from a Charging Station - Unable to delete the Charging Station Certificate', async () => {
    const { client, csms, certs } = await boot();
    const stationCertificate = await seedStationCertificate(certs.store, pki);
    const answer = await deleteCertificate(client, opensslHashData(stationCertificate.toString(), pki.csmsRoot.cert));
    // M04.FR.06: Failed (the OCTT also takes NotFound); the certificate and its key stay.
    expect(answer).toMatchObject({ status: 'Failed' });
    expect(certs.store.tlsMaterial().clientCertificateChain).toContain(stationCertificate.toString().trim().split('\n')[1]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_M_30_CS Install CA certificate - AdditionalRootCertificateCheck - Reconnect using new CSMS Root - Success', async () => {
    const bench = await boot({ additionalRootCertificateCheck: true });
    expect(await install(bench.client, 'CSMSRootCertificate', roots.next.cert)).toEqual({ status: 'Accepted' });
    // M05.FR.11: the old root stays as fallback until a connection with the new one succeeds.
    expect(reported(await installedIds(bench.client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot], ['CSMSRootCertificate', roots.next, pki.csmsRoot]));
    bench.csms.setTls(csmsTls(pki, { pair: nextServer }));

    const upgradesBefore = bench.csms.upgrades.length;
    const rebooted = await resetAndReboot(bench, true);
    expect(bench.csms.upgrades).toHaveLength(upgradesBefore + 1);
    // Connected with the new root alone: the fallback is deleted (M05.FR.12).
    await waitUntil(() => rebooted.station.chargePoint.isConnected, 'the station online');
    expect(reported(await installedIds(rebooted.client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', roots.next, pki.csmsRoot]));
    expect(rebooted.station.stores.securityLog.list().map((e) => e.type)).not.toContain('InvalidCsmsCertificate');
    expect(bench.csms.violations).toEqual([]);
  });

  it('TC_M_31_CS Install CA certificate - AdditionalRootCertificateCheck - Reconnect using new CSMS Root - Fallback mechanism', async () => {
    const bench = await boot({ additionalRootCertificateCheck: true });
    expect(await install(bench.client, 'CSMSRootCertificate', roots.next.cert)).toEqual({ status: 'Accepted' });
    // The CSMS still presents the certificate of the old root.
    const rebooted = await resetAndReboot(bench, true);
    const failed = rebooted.station.logger.entries.filter((e) => e.message === 'TLS handshake failed: retrying with the previous CSMS root as fallback (M05)');
    expect(failed).toHaveLength(1);
    // M05.FR.13: connected through the fallback, which therefore stays.
    expect(reported(await installedIds(rebooted.client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot], ['CSMSRootCertificate', roots.next, pki.csmsRoot]));
    expect(bench.csms.violations).toEqual([]);
  });

  it('M05.FR.12 the fallback CSMS root stays while the CSMS still needs it, also across reconnects through the fallback', async () => {
    const clock = new FakeClock(new Date());
    const bench = await boot({ additionalRootCertificateCheck: true, clock });
    expect(await install(bench.client, 'CSMSRootCertificate', roots.next.cert)).toEqual({ status: 'Accepted' });
    const rebooted = await resetAndReboot(bench, true);
    const { station } = rebooted;
    // Connected through the fallback (TC_M_31_CS). Now the link drops and the transport reconnects on its own.
    const clientsBefore = bench.csms.clients.length;
    await rebooted.client.close({ code: 1001 });
    await waitUntil(() => !station.chargePoint.isConnected && clock.pendingTimers() > 0, 'the station offline, its retry armed');
    await clock.advance(1_000);
    await waitUntil(() => bench.csms.clients.length > clientsBefore && station.chargePoint.isConnected, 'the reconnect');
    const reconnected = bench.csms.clients[clientsBefore]!;
    // That connection trusted the fallback too: it proves nothing about the new root, so the fallback stays...
    expect(reported(await installedIds(reconnected, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot], ['CSMSRootCertificate', roots.next, pki.csmsRoot]));
    // ...and the next reboot still reaches the CSMS that presents the old root's certificate.
    await station.stop();
    const again = await start(bench.csms, bench.certs.reopen(), bench.dbPath, { check: true, profile: 2, clock, bootReason: 'RemoteReset' });
    expect(again.station.chargePoint.isConnected).toBe(true);
    expect(bench.csms.violations).toEqual([]);
  });

  it('libocpp#857: over security profile 1 certificates are neither installed, deleted nor signed; listing them is allowed', async () => {
    const { client, csms, certs } = await boot({ plain: true });
    expect(await install(client, 'CSMSRootCertificate', pki.csmsRoot.cert)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InsecureConnection' } });
    await installCsmsRoot(certs.store, pki.csmsRoot);
    expect(await deleteCertificate(client, opensslHashData(pki.csmsRoot.cert, pki.csmsRoot.cert))).toMatchObject({ status: 'Failed', statusInfo: { reasonCode: 'InsecureConnection' } });
    await expect(client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' })).resolves.toEqual({ status: 'Rejected' });
    await expect(client.call('CertificateSigned', { certificateChain: leaf.cert, certificateType: 'ChargingStationCertificate' })).resolves.toMatchObject({ status: 'Rejected' });
    expect(reported(await installedIds(client, ['CSMSRootCertificate']))).toEqual(expected(['CSMSRootCertificate', pki.csmsRoot]));
    await flushStation(csms, client);
    expect(csms.violations).toEqual([]);
  });
});
