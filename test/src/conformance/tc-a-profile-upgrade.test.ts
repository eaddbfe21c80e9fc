import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock, type NetworkConnectionProfileType, type SetNetworkProfileResponse, type SignCertificateRequest } from '@evstation/core';
import { cleanupAfterEach } from '../support/cleanups.js';
import { advanceQuietly } from '../support/quiet-clock.js';
import { acceptingHandlers, flushStation, waitForCalls, waitUntil } from '../support/ocpp-frames.js';
import {
  createSecurityPki,
  csmsTls,
  FAST_RECONNECT,
  installCsmsRoot,
  PASSWORD,
  securityLogTypes,
  securityValues,
  seedStationCertificate,
  stationFiles,
  tlsSerial,
  type CertificateStoreKit,
  type SecurityPki,
} from '../support/security-kit.js';
import { startBootedStation, type BootedStation, type RunningStation } from '../support/station-harness.js';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';

/*
 * A05 Upgrade Charging Station Security Profile against strict CSMSs (plain ws for profile 1, https for 2 and 3), with
 * the real ChargePoint on SQLite and a FileCertificateStore. The CSMSRootCertificate of TC_A_19 is put straight into
 * the store (memory state CertificateInstalled): the station refuses InstallCertificate over profile 0/1
 * (libocpp#857; shown in tc-m-certificates.test.ts), so in the field the root comes with the station's provisioning.
 * The station runs on a FakeClock (certificate validity follows it; the sockets and TLS dates stay real).
 */
const DAY_MS = 86_400_000;
const fastReconnect = [...FAST_RECONNECT, { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkProfileConnectionAttempts' }, value: '2' }];

let pki: SecurityPki;
beforeAll(() => {
  pki = createSecurityPki();
});
afterAll(() => pki.ca.cleanup());

const cleanup = cleanupAfterEach();

/** A strict CSMS for security profile 1 (ws + password), 2 (TLS + password) or 3 (mutual TLS), closed after the case. */
async function csmsFor(profile: 1 | 2 | 3, handlers: Parameters<typeof acceptingHandlers>[0] = {}): Promise<StrictCsms> {
  const csms = await StrictCsms.start({
    handlers: acceptingHandlers(handlers),
    ...(profile === 3 ? { tls: csmsTls(pki, { profile3: true }) } : { password: PASSWORD }),
    ...(profile === 2 ? { tls: csmsTls(pki) } : {}),
  });
  cleanup(() => csms.close());
  return csms;
}

async function boot(csms: StrictCsms, options: { clock: FakeClock; dbPath: string; certs: CertificateStoreKit; profile: 1 | 2 | 3; csmsUrl?: string; bootReason?: 'RemoteReset' }): Promise<BootedStation> {
  const booted = await startBootedStation(csms, {
    dbPath: options.dbPath,
    clock: options.clock,
    securityProfile: options.profile,
    values: securityValues(fastReconnect),
    deps: { certificates: options.certs.store },
    ...(options.csmsUrl === undefined ? {} : { csmsUrl: options.csmsUrl }),
    ...(options.bootReason === undefined ? {} : { bootReason: options.bootReason }),
  });
  cleanup(() => booted.station.stop());
  return booted;
}

const connectionData = (ocppCsmsUrl: string, securityProfile: number): NetworkConnectionProfileType => ({
  ocppVersion: 'OCPP20',
  ocppTransport: 'JSON',
  ocppCsmsUrl,
  messageTimeout: 30,
  securityProfile,
  ocppInterface: 'Wired0',
});

async function setNetworkProfile(client: CsmsClient, slot: number, data: NetworkConnectionProfileType): Promise<SetNetworkProfileResponse> {
  return (await client.call('SetNetworkProfile', { configurationSlot: slot, connectionData: data })) as SetNetworkProfileResponse;
}

async function getVariable(client: CsmsClient, component: string, variable: string): Promise<string | undefined> {
  const response = (await client.call('GetVariables', { getVariableData: [{ component: { name: component }, variable: { name: variable } }] })) as {
    getVariableResult: { attributeValue?: string }[];
  };
  return response.getVariableResult[0]?.attributeValue;
}

/** A05.FR.04 (OCTT steps 1-6): the new profile in slot 2, slot 2 first, Reset OnIdle; then the station goes down for the reboot. */
async function upgradeAndReset(booted: BootedStation, data: NetworkConnectionProfileType): Promise<void> {
  const { client, station } = booted;
  expect(await setNetworkProfile(client, 2, data)).toEqual({ status: 'Accepted' });
  const priority = (await client.call('SetVariables', {
    setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' }],
  })) as { setVariableResult: { attributeStatus: string }[] };
  expect(['Accepted', 'RebootRequired']).toContain(priority.setVariableResult[0]?.attributeStatus);
  await expect(client.call('Reset', { type: 'OnIdle' })).resolves.toEqual({ status: 'Accepted' });
  await waitUntil(() => station.resets.length > 0, 'the reset callback');
  expect(station.resets).toEqual([{ type: 'OnIdle' }]);
  // Storing a network profile is a change of security parameters (A04, logged).
  expect(securityLogTypes(station)).toContain('ReconfigurationOfSecurityParameters');
  await station.stop();
}

const storedSlots = (station: RunningStation): number[] => station.stores.networkProfiles.loadAll().map((s) => s.configurationSlot).sort();

describe('Block A security profile upgrade (A05) against strict CSMSs', () => {
  it('TC_A_19_CS Upgrade Charging Station Security Profile - Accepted (profile 1 to 2)', async () => {
    const clock = new FakeClock(new Date());
    const csms1 = await csmsFor(1);
    const csms2 = await csmsFor(2);
    const { certs, dbPath } = stationFiles(clock, cleanup);
    await installCsmsRoot(certs.store, pki.csmsRoot);
    const first = await boot(csms1, { clock, dbPath, certs, profile: 1 });

    await upgradeAndReset(first, connectionData(csms2.url, 2));
    const csms1Frames = csms1.ledger.length;

    // The reboot: same database, same certificate directory, same configuration (still profile 1, csms1 first).
    const second = await boot(csms2, { clock, dbPath, certs: { ...certs, store: certs.reopen() }, profile: 1, csmsUrl: csms1.url, bootReason: 'RemoteReset' });
    expect(csms2.upgrades).toHaveLength(1);
    expect(csms2.upgrades[0]?.tlsVersion).toBe('TLSv1.3');
    expect(second.client.handshake.password?.toString('utf8')).toBe(PASSWORD);
    expect(csms1.clients).toHaveLength(1);
    // A05.FR.05/06: the new profile is the station's, and the slot of the lower profile is gone.
    expect(await getVariable(second.client, 'SecurityCtrlr', 'SecurityProfile')).toBe('2');
    expect(await getVariable(second.client, 'OCPPCommCtrlr', 'NetworkConfigurationPriority')).toBe('2');
    expect(storedSlots(second.station)).toEqual([2]);
    expect(second.station.stores.securityLog.list().map((e) => e.techInfo)).toContain('Security profile 2; lower-profile slots removed: 1');

    // OCTT step: the station does not go back to profile 1, however long the profile 2 CSMS stays away.
    await second.client.close({ code: 1001, force: true });
    await csms2.close();
    await waitUntil(() => !second.station.chargePoint.isConnected, 'the station offline');
    second.station.frames.forget();
    const failed = () => second.station.logger.entries.filter((e) => e.message === 'Connection attempt failed').length;
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await advanceQuietly(clock, second.station.frames, 1_000);
      await waitUntil(() => failed() >= attempt, `failed attempt ${attempt} on slot 2`);
    }
    expect(csms1.clients).toHaveLength(1);
    expect(csms1.ledger).toHaveLength(csms1Frames);
    expect(second.station.chargePoint.activeNetworkProfile).toBe(2);
    expect(csms1.violations).toEqual([]);
    expect(csms2.violations).toEqual([]);
  });

  it('TC_A_19_CS Upgrade Charging Station Security Profile - Accepted (profile 2 to 3, the station certificate from A02 over profile 2)', async () => {
    const clock = new FakeClock(new Date());
    const csms1 = await csmsFor(2, { SignCertificate: () => ({ status: 'Accepted' }) });
    const csms3 = await csmsFor(3);
    const { certs, dbPath } = stationFiles(clock, cleanup);
    await installCsmsRoot(certs.store, pki.csmsRoot);
    const first = await boot(csms1, { clock, dbPath, certs, profile: 2 });

    // Memory state RenewChargingStationCertificate: A02 over the profile 2 link (TLS: allowed), no reconnect on profile 2.
    await expect(first.client.call('TriggerMessage', { requestedMessage: 'SignChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });
    const [request] = await waitForCalls<SignCertificateRequest>(csms1, 'SignCertificate', 1);
    const chain = pki.ca.signCsr(request!.csr, pki.csmsRoot, { notAfter: new Date(Date.now() + 365 * DAY_MS) });
    await expect(first.client.call('CertificateSigned', { certificateChain: chain, certificateType: 'ChargingStationCertificate' })).resolves.toEqual({ status: 'Accepted' });
    await flushStation(csms1, first.client);
    expect(csms1.clients).toHaveLength(1);

    await upgradeAndReset(first, connectionData(csms3.url, 3));
    const second = await boot(csms3, { clock, dbPath, certs: { ...certs, store: certs.reopen() }, profile: 2, csmsUrl: csms1.url, bootReason: 'RemoteReset' });
    // Mutual TLS with the certificate the CSMS signed; no password on profile 3.
    expect(csms3.upgrades).toHaveLength(1);
    expect(csms3.upgrades[0]?.clientCertificate?.serialNumber).toBe(tlsSerial(chain));
    expect(csms3.upgrades[0]?.authorization).toBeUndefined();
    expect(csms1.clients).toHaveLength(1);
    expect(await getVariable(second.client, 'SecurityCtrlr', 'SecurityProfile')).toBe('3');
    expect(await getVariable(second.client, 'OCPPCommCtrlr', 'NetworkConfigurationPriority')).toBe('2');
    expect(storedSlots(second.station)).toEqual([2]);
    expect(csms1.violations).toEqual([]);
    expect(csms3.violations).toEqual([]);
  });

  it('TC_A_20_CS Upgrade Charging Station Security Profile - No valid CSMSRootCertificate installed', async () => {
    const clock = new FakeClock(new Date());
    const csms = await csmsFor(1);
    const { certs, dbPath } = stationFiles(clock, cleanup);
    const { station, client } = await boot(csms, { clock, dbPath, certs, profile: 1 });
    const upgrade = connectionData('wss://localhost:9443', 2);

    // A05.FR.02: no CSMSRootCertificate at all.
    expect(await setNetworkProfile(client, 2, upgrade)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoCsmsRootCert' } });
    // Nor one that is no longer valid: installed, then the station's clock passes its notAfter (two years).
    await installCsmsRoot(certs.store, pki.csmsRoot);
    clock.setWallTime(new Date(clock.now().getTime() + 731 * DAY_MS));
    expect(await setNetworkProfile(client, 2, upgrade)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoCsmsRootCert' } });

    expect(storedSlots(station)).toEqual([1]);
    expect(securityLogTypes(station)).not.toContain('ReconfigurationOfSecurityParameters');
    expect(await getVariable(client, 'SecurityCtrlr', 'SecurityProfile')).toBe('1');
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_21_CS Upgrade Charging Station Security Profile - No valid ChargingStationCertificate installed', async () => {
    const clock = new FakeClock(new Date());
    const csms = await csmsFor(2);
    const { certs, dbPath } = stationFiles(clock, cleanup);
    await installCsmsRoot(certs.store, pki.csmsRoot);
    const { station, client } = await boot(csms, { clock, dbPath, certs, profile: 2 });
    const upgrade = connectionData(csms.url, 3);

    // A05.FR.03 / B09.FR.04: no ChargingStationCertificate.
    expect(await setNetworkProfile(client, 2, upgrade)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoStationCert' } });
    // Nor an expired one: installed for 60 days, then the station's clock passes its notAfter (the root stays valid).
    await seedStationCertificate(certs.store, pki, 60);
    clock.setWallTime(new Date(clock.now().getTime() + 61 * DAY_MS));
    expect(await setNetworkProfile(client, 2, upgrade)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoStationCert' } });

    expect(storedSlots(station)).toEqual([1]);
    expect(await getVariable(client, 'SecurityCtrlr', 'SecurityProfile')).toBe('2');
    expect(csms.violations).toEqual([]);
  });

  it('TC_A_22_CS Upgrade Charging Station Security Profile - Downgrade security profile - Rejected', async () => {
    const clock = new FakeClock(new Date());
    const csms = await csmsFor(2);
    const { certs, dbPath } = stationFiles(clock, cleanup);
    await installCsmsRoot(certs.store, pki.csmsRoot);
    const { station, client } = await boot(csms, { clock, dbPath, certs, profile: 2 });

    // A00.FR.005: never lower, neither by a network profile...
    expect(await setNetworkProfile(client, 2, connectionData('ws://127.0.0.1:9000', 1))).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoSecurityDowngrade' } });
    // ...nor by writing the variable (ReadOnly).
    const set = (await client.call('SetVariables', {
      setVariableData: [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'SecurityProfile' }, attributeValue: '1' }],
    })) as { setVariableResult: { attributeStatus: string }[] };
    expect(set.setVariableResult[0]?.attributeStatus).toBe('Rejected');

    await flushStation(csms, client);
    expect(storedSlots(station)).toEqual([1]);
    expect(await getVariable(client, 'SecurityCtrlr', 'SecurityProfile')).toBe('2');
    expect(csms.clients).toHaveLength(1);
    expect(csms.violations).toEqual([]);
  });
});
