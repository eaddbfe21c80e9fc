import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, type SecurityEventNotificationRequest } from '@evstation/core';
import { SystemClock } from '@evstation/adapters-hw';
import type { PemPair } from '@evstation/adapters-transport/testing';
import { cleanupAfterEach } from '../support/cleanups.js';
import { acceptingHandlers, flushStation, stationCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';
import {
  createSecurityPki,
  csmsTls,
  CSO_NAME,
  FAST_RECONNECT,
  installCsmsRoot,
  PASSWORD,
  securityLogTypes,
  securityValues,
  seedStationCertificate,
  STATION_SERIAL,
  stationFiles,
  tlsSerial,
  type CertificateStoreKit,
  type SecurityPki,
} from '../support/security-kit.js';
import { startBootedStation, startStation, type RunningStation } from '../support/station-harness.js';
import { StrictCsms } from '../support/strict-csms.js';
import type { CsmsTlsOptions } from '../support/tls-csms-server.js';

/*
 * A00 security profiles 2 and 3 on real TLS: the real ChargePoint (WsTransport, SQLite, a FileCertificateStore in a
 * temp directory) against a strict ocpp-rpc CSMS on a node:https server, with a PKI made by openssl once for this file.
 * The CSMSRootCertificate goes straight into the store (memory state CertificateInstalled): certificates are never
 * changed over profile 0/1 (libocpp#857), and these cases start on profile 2 or 3.
 * Reconnect back-off is 1 s flat on a FakeClock, so the failing cases move time instead of sleeping.
 */
const fastReconnect = [...FAST_RECONNECT, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkProfileConnectionAttempts' }, value: '2' }];

let pki: SecurityPki;
let invalid: { unknownCa: PemPair; expired: PemPair; wrongHost: PemPair };
beforeAll(() => {
  pki = createSecurityPki();
  const unknownRoot = pki.ca.issue('unknown-root', { subject: '/CN=Unknown Root', ca: true });
  invalid = {
    unknownCa: pki.ca.issue('unknown-ca-server', { subject: '/CN=localhost', issuer: unknownRoot, serverName: 'localhost' }),
    expired: pki.ca.issue('expired-server', {
      subject: '/CN=localhost',
      issuer: pki.csmsRoot,
      serverName: 'localhost',
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2020-01-02T00:00:00Z'),
    }),
    wrongHost: pki.ca.issue('wrong-host-server', { subject: '/CN=wrong.evstation.test', issuer: pki.csmsRoot, serverName: 'wrong.evstation.test' }),
  };
});
afterAll(() => pki.ca.cleanup());

const cleanup = cleanupAfterEach();

/** A strict CSMS over TLS that checks the profile 2 password (profile 3: the certificate is the credential), closed after the case. */
async function tlsCsms(tls: CsmsTlsOptions): Promise<StrictCsms> {
  const csms = await StrictCsms.start({ handlers: acceptingHandlers(), ...(tls.requestCert === true ? {} : { password: PASSWORD }), tls });
  cleanup(() => csms.close());
  return csms;
}

/** A station's files (removed after the case) with the CSMS root in its certificate store. */
async function filesWithCsmsRoot(clock: FakeClock | SystemClock): Promise<{ certs: CertificateStoreKit; dbPath: string }> {
  const files = stationFiles(clock, cleanup);
  await installCsmsRoot(files.certs.store, pki.csmsRoot);
  return files;
}

function track(station: RunningStation): RunningStation {
  cleanup(() => station.stop());
  return station;
}

const failedAttempts = (station: RunningStation): number => station.logger.entries.filter((e) => e.message === 'Connection attempt failed').length;

/**
 * A00.FR.310/311 and A00.FR.316 (reliability §1.5): the station refuses the handshake, raises `event` once for the
 * failure streak, never sends the upgrade, retries after the back-off, and once the CSMS serves a good TLS setup it
 * connects, boots and delivers the critical event as SecurityEventNotification.
 */
async function refuseThenRecover(badTls: CsmsTlsOptions, event: 'InvalidCsmsCertificate' | 'InvalidTLSVersion'): Promise<SecurityEventNotificationRequest> {
  const clock = new FakeClock(new Date());
  const csms = await tlsCsms(badTls);
  const { certs, dbPath } = await filesWithCsmsRoot(clock);
  const station = track(startStation({ csmsUrl: csms.url, dbPath, clock, securityProfile: 2, values: securityValues(fastReconnect), deps: { certificates: certs.store } }));

  await waitUntil(() => securityLogTypes(station).includes(event), `${event} in the security log`);
  await clock.advance(1000);
  await waitUntil(() => failedAttempts(station) >= 2, 'the second failed attempt');
  expect(securityLogTypes(station).filter((t) => t === event)).toHaveLength(1);
  // The upgrade (with the password) never left the station, and the CSMS never saw a websocket.
  expect(csms.upgrades).toEqual([]);
  expect(csms.clients).toHaveLength(0);
  expect(station.chargePoint.isConnected).toBe(false);

  csms.setTls(csmsTls(pki));
  await clock.advance(1000);
  const client = await waitForNewClient(csms, 0);
  expect(client.handshake.password?.toString('utf8')).toBe(PASSWORD);
  const notifications = () => stationCalls<SecurityEventNotificationRequest>(csms, 'SecurityEventNotification').filter((n) => n.type === event);
  await waitUntil(() => notifications().length > 0, `SecurityEventNotification ${event}`);
  await flushStation(csms, client);
  expect(stationCalls(csms, 'BootNotification')).toHaveLength(1);
  expect(notifications()).toHaveLength(1);
  expect(csms.violations).toEqual([]);
  return notifications()[0]!;
}

describe('Block A TLS (security profiles 2 and 3) against a strict CSMS over https', () => {
  it('TC_A_04_CS TLS - server-side certificate - Valid certificate', async () => {
    const offers: { limits: Partial<CsmsTlsOptions>; version: string; cipher?: string; staticTls?: boolean }[] = [
      { limits: {}, version: 'TLSv1.3' },
      // Without a certificate store: the static `options.tls` roots.
      { limits: {}, version: 'TLSv1.3', staticTls: true },
      // A00.FR.318: both TLS 1.2 ECDHE-ECDSA GCM suites are supported (the OCTT checks the ClientHello for them).
      { limits: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' }, version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES128-GCM-SHA256' },
      { limits: { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES256-GCM-SHA384' }, version: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384' },
    ];
    for (const offer of offers) {
      const csms = await tlsCsms({ ...csmsTls(pki), ...offer.limits });
      const { certs, dbPath } = await filesWithCsmsRoot(new SystemClock());
      const trust = offer.staticTls === true ? { options: { tls: { csmsRootCertificates: [pki.csmsRoot.cert] } } } : { deps: { certificates: certs.store } };
      const { station, client } = await startBootedStation(csms, { dbPath, securityProfile: 2, values: securityValues(), ...trust });
      track(station);
      expect(csms.upgrades).toHaveLength(1);
      const [upgrade] = csms.upgrades;
      expect(upgrade?.tlsVersion).toBe(offer.version);
      if (offer.cipher !== undefined) expect(upgrade?.cipher).toBe(offer.cipher);
      // Profile 2 is TLS plus HTTP Basic (A00.FR.303 / A00.FR.202).
      expect(upgrade?.url).toBe('/CS-CONF-1');
      expect(upgrade?.authorization).toBe(`Basic ${Buffer.from(`CS-CONF-1:${PASSWORD}`).toString('base64')}`);
      expect(client.handshake.password?.toString('utf8')).toBe(PASSWORD);
      expect(station.chargePoint.registrationStatus).toBe('Accepted');
      expect(securityLogTypes(station)).not.toContain('InvalidCsmsCertificate');
      expect(csms.violations).toEqual([]);
    }
  });

  it.each([
    ['unknown CA', () => invalid.unknownCa, /UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)/],
    ['expired certificate', () => invalid.expired, /CERT_HAS_EXPIRED/],
    ['commonName is not the CSMS FQDN', () => invalid.wrongHost, /ERR_TLS_CERT_ALTNAME_INVALID/],
  ] as const)('TC_A_05_CS TLS - server-side certificate - Invalid certificate (%s)', async (_kind, pair, techInfo) => {
    const notification = await refuseThenRecover(csmsTls(pki, { pair: pair() }), 'InvalidCsmsCertificate');
    expect(notification.type).toBe('InvalidCsmsCertificate');
    expect(notification.techInfo).toMatch(techInfo);
  });

  it('TC_A_06_CS TLS - server-side certificate - TLS version too low', async () => {
    // A00.FR.313/316: a CSMS that offers nothing above TLS 1.1 (with the legacy suites such a server needs).
    const notification = await refuseThenRecover({ ...csmsTls(pki), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }, 'InvalidTLSVersion');
    expect(notification.type).toBe('InvalidTLSVersion');
  });

  it('TC_A_07_CS TLS - client-side certificate - valid certificate', async () => {
    const csms = await tlsCsms(csmsTls(pki, { profile3: true }));
    const { certs, dbPath } = await filesWithCsmsRoot(new SystemClock());
    const certificate = await seedStationCertificate(certs.store, pki);
    const { station } = await startBootedStation(csms, { dbPath, securityProfile: 3, values: securityValues(), deps: { certificates: certs.store } });
    track(station);
    expect(csms.upgrades).toHaveLength(1);
    const [upgrade] = csms.upgrades;
    // A00.FR.401/404/405: the station certificate from the store, CN = serial number, O = OrganizationName.
    expect(upgrade?.clientCertificate).toEqual({ CN: STATION_SERIAL, O: CSO_NAME, serialNumber: tlsSerial(certificate.toString()) });
    // Profile 3: the certificate is the credential; no Basic authorization header (ocpp201-catalog §5).
    expect(upgrade?.authorization).toBeUndefined();
    expect(station.chargePoint.registrationStatus).toBe('Accepted');
    expect(csms.violations).toEqual([]);
  });
});
