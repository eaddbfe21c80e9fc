import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, type SecurityEventNotificationRequest, type SignCertificateRequest, type SignCertificateResponse } from '@evstation/core';
import type { PemPair } from '@evstation/adapters-transport/testing';
import { advanceQuietly } from '../support/quiet-clock.js';
import { acceptingHandlers, flushStation, stationCalls, waitForCalls, waitForNewClient, waitUntil } from '../support/ocpp-frames.js';
import {
  createSecurityPki,
  csmsTls,
  CSO_NAME,
  installCsmsRoot,
  securityLogTypes,
  securityValues,
  seedStationCertificate,
  STATION_SERIAL,
  tempCertificateStore,
  tlsSerial,
  verifiedCsrSubject,
  type CertificateStoreKit,
  type SecurityPki,
} from '../support/security-kit.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';

/*
 * A02 Update Charging Station Certificate by request of CSMS (Advanced Security), on a security profile 3 connection:
 * the real ChargePoint with a FileCertificateStore (CSMS root and a first station certificate put straight into the
 * store: memory state RenewChargingStationCertificate done once) against a strict CSMS over mutual TLS. The CSMS signs
 * CSRs with the openssl test CA made once for this file. The station runs on a FakeClock so the CertSigningWaitMinimum
 * waits are moved, never slept, and only while no CALL is on the wire (the station's own frame log, FrameWatch): the
 * MessageTimeout runs on the same clock.
 */
let pki: SecurityPki;
let unknownRoot: PemPair;
beforeAll(() => {
  pki = createSecurityPki();
  unknownRoot = pki.ca.issue('unknown-root', { subject: '/CN=Unknown Root', ca: true });
});
afterAll(() => pki.ca.cleanup());

const DAY_MS = 86_400_000;
const CERTIFICATE_SIGNING = [
  { component: { name: 'SecurityCtrlr' }, variable: { name: 'CertSigningWaitMinimum' }, value: '10' },
  { component: { name: 'SecurityCtrlr' }, variable: { name: 'CertSigningRepeatTimes' }, value: '2' },
];

describe('Block A certificate signing on security profile 3 against a strict CSMS over mutual TLS', () => {
  let clock: FakeClock;
  let csms: StrictCsms;
  let certs: CertificateStoreKit;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;
  /** How the CSMS answers SignCertificate. */
  let signAnswer: SignCertificateResponse;
  let firstSerial: string;

  beforeEach(async () => {
    clock = new FakeClock(new Date());
    signAnswer = { status: 'Accepted' };
    csms = await StrictCsms.start({ handlers: acceptingHandlers({ SignCertificate: () => signAnswer }), tls: csmsTls(pki, { profile3: true }) });
    certs = tempCertificateStore(clock);
    await installCsmsRoot(certs.store, pki.csmsRoot);
    db = tempDatabase();
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    certs.dispose();
    db.dispose();
  });

  /** The station on profile 3 with a first certificate valid for `validDays` (a year: no A03 renewal gets in the way). */
  async function boot(validDays = 365): Promise<void> {
    firstSerial = tlsSerial((await seedStationCertificate(certs.store, pki, validDays)).toString());
    ({ station, client } = await startBootedStation(csms, {
      dbPath: db.path,
      clock,
      securityProfile: 3,
      values: securityValues(CERTIFICATE_SIGNING),
      deps: { certificates: certs.store },
    }));
  }

  /** The CSMS's CA signs a CSR for a year (a shorter life would start an A03 renewal right away). */
  const sign = (csr: string, issuer: PemPair = pki.csmsRoot): string => pki.ca.signCsr(csr, issuer, { notAfter: new Date(Date.now() + 365 * DAY_MS) });

  const csrs = (): SignCertificateRequest[] => stationCalls<SignCertificateRequest>(csms, 'SignCertificate');

  /** TriggerMessage(SignChargingStationCertificate), Accepted, then the station's SignCertificateRequest (A02.FR.02). */
  async function triggerSigning(): Promise<SignCertificateRequest> {
    await boot();
    await expect(client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });
    const [request] = await waitForCalls<SignCertificateRequest>(csms, 'SignCertificate', 1);
    await station.frames.settled();
    return request!;
  }

  it('TC_A_11_CS Update Charging Station Certificate by request of CSMS - Success - Charging Station Certificate', async () => {
    const request = await triggerSigning();
    expect(request.certificateType).toBe('ChargingStationCertificate');
    // A02.FR.02/A00.FR.404/405: a PKCS#10 CSR whose self-signature verifies, CN = serial number, O = OrganizationName.
    expect(verifiedCsrSubject(request.csr)).toBe(`CN=${STATION_SERIAL},O=${CSO_NAME}`);
    const chain = sign(request.csr);
    await expect(client.call('CertificateSigned', { certificateChain: chain, certificateType: 'ChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });

    // Profile 3: the station reconnects and presents the new certificate (libocpp; OCPP 1.6 TC_074 step 7).
    const reconnected = await waitForNewClient(csms, 1);
    await waitUntil(() => station.chargePoint.isConnected, 'the station back online');
    const newSerial = tlsSerial(chain);
    expect(newSerial).not.toBe(firstSerial);
    expect(csms.upgrades.map((u) => u.clientCertificate?.serialNumber)).toEqual([firstSerial, newSerial]);
    expect(csms.upgrades[1]?.clientCertificate).toMatchObject({ CN: STATION_SERIAL, O: CSO_NAME });
    await flushStation(csms, reconnected);
    // Logged, not critical: not sent; no new boot for a reconnect.
    expect(securityLogTypes(station)).toContain('ReconfigurationOfSecurityParameters');
    expect(stationCalls<SecurityEventNotificationRequest>(csms, 'SecurityEventNotification').map((n) => n.type)).not.toContain('ReconfigurationOfSecurityParameters');
    expect(stationCalls(csms, 'BootNotification')).toHaveLength(1);
    // R9: the new private key stays in the store; no log line of the station or the store holds it.
    const keyBody = certs.store.tlsMaterial().clientPrivateKey!.split('\n')[1]!;
    for (const text of [station.logger.text(), certs.logger.text()]) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain('PRIVATE KEY');
    }
    // A02.FR.17: the round is over, nothing is repeated.
    await advanceQuietly(clock, station.frames, 120_000);
    expect(csrs()).toHaveLength(1);
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_14_CS Update Charging Station Certificate by request of CSMS - Invalid certificate', async () => {
    const request = await triggerSigning();
    const foreign = sign(request.csr, unknownRoot);
    const answer = (await client.call('CertificateSigned', { certificateChain: foreign, certificateType: 'ChargingStationCertificate' })) as { status: string; statusInfo?: { reasonCode: string } };
    expect(answer).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InvalidChain' } });

    // A02.FR.20: InvalidChargingStationCertificate is raised (critical: sent) and the request is not repeated.
    const events = () => stationCalls<SecurityEventNotificationRequest>(csms, 'SecurityEventNotification').filter((n) => n.type === 'InvalidChargingStationCertificate');
    await waitUntil(() => events().length > 0, 'SecurityEventNotification InvalidChargingStationCertificate');
    expect(securityLogTypes(station)).toContain('InvalidChargingStationCertificate');
    await advanceQuietly(clock, station.frames, 120_000);
    await flushStation(csms, client);
    expect(events()).toHaveLength(1);
    expect(csrs()).toHaveLength(1);
    // The refused certificate is not used: no reconnect, the first certificate stays.
    expect(csms.clients).toHaveLength(1);
    expect(tlsSerial(certs.store.tlsMaterial().clientCertificateChain!)).toBe(firstSerial);
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_15_CS Update Charging Station Certificate by request of CSMS - SignCertificateRequest Rejected', async () => {
    signAnswer = { status: 'Rejected' };
    await triggerSigning();
    // A Rejected SignCertificate ends the round: no repeat after CertSigningWaitMinimum (10 s, doubling) nor later.
    await advanceQuietly(clock, station.frames, 600_000);
    await flushStation(csms, client);
    expect(csrs()).toHaveLength(1);
    expect(securityLogTypes(station)).not.toContain('InvalidChargingStationCertificate');
    expect(csms.clients).toHaveLength(1);
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_23_CS Update Charging Station Certificate by request of CSMS - CertificateSignedRequest Timeout', async () => {
    await triggerSigning();
    // A02.FR.17/18: no CertificateSigned: a new CSR after CertSigningWaitMinimum (10 s), then after 20 s (the wait
    // doubles), CertSigningRepeatTimes (2) times in all.
    await advanceQuietly(clock, station.frames, 9_999);
    expect(csrs()).toHaveLength(1);
    await advanceQuietly(clock, station.frames, 1);
    await waitForCalls(csms, 'SignCertificate', 2);
    await station.frames.settled();
    await advanceQuietly(clock, station.frames, 19_999);
    expect(csrs()).toHaveLength(2);
    await advanceQuietly(clock, station.frames, 1);
    await waitForCalls(csms, 'SignCertificate', 3);
    await advanceQuietly(clock, station.frames, 600_000);
    await flushStation(csms, client);
    expect(csrs()).toHaveLength(3);
    // Each repeat carries a new key pair (A02.FR.02: generated per request).
    expect(new Set(csrs().map((r) => r.csr)).size).toBe(3);
    // The CSMS may still answer the last request; the certificate is taken and used.
    const chain = sign(csrs()[2]!.csr);
    await expect(client.call('CertificateSigned', { certificateChain: chain, certificateType: 'ChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });
    await waitForNewClient(csms, 1);
    await waitUntil(() => csms.upgrades.length === 2, 'the reconnect with the new certificate');
    expect(csms.upgrades[1]?.clientCertificate?.serialNumber).toBe(tlsSerial(chain));
    expect(csms.violations).toEqual([]);
  });

  it('A03 Update Charging Station Certificate initiated by the Charging Station: under 30 days left, a signing round starts on its own', async () => {
    await boot(20);
    // No TriggerMessage: the station asks once it is Accepted (libocpp: fewer than 30 days remain).
    const [request] = await waitForCalls<SignCertificateRequest>(csms, 'SignCertificate', 1);
    await station.frames.settled();
    expect(verifiedCsrSubject(request!.csr)).toBe(`CN=${STATION_SERIAL},O=${CSO_NAME}`);
    const chain = sign(request!.csr);
    await expect(client.call('CertificateSigned', { certificateChain: chain, certificateType: 'ChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });
    await waitUntil(() => csms.upgrades.length === 2, 'the reconnect with the renewed certificate');
    expect(csms.upgrades[1]?.clientCertificate?.serialNumber).toBe(tlsSerial(chain));
    // The renewed certificate has a year left: no further round, also at the next periodic check (12 h).
    await waitUntil(() => station.chargePoint.isConnected, 'the station back online');
    await advanceQuietly(clock, station.frames, 13 * 3_600_000);
    expect(csrs()).toHaveLength(1);
    expect(csms.violations).toEqual([]);
  });
});
