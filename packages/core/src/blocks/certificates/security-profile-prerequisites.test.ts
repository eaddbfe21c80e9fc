import { describe, expect, it } from 'vitest';
import { loadTestModel, testConfig } from '../../device-model/device-model-test-kit.js';
import { getValidator, type SetNetworkProfileResponse } from '../../messages/index.js';
import { InMemoryNetworkProfileStore } from '../../storage-memory/in-memory-network-profile-store.js';
import { setNetworkProfileHandler } from '../provisioning/set-network-profile.handler.js';
import { replyContext } from '../../testing/reply-context.js';
import { FakeCertificateStore, securityValue } from './certificates.test-kit.js';
import { securityProfilePrerequisites } from './security-profile-prerequisites.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const validResponse = getValidator('SetNetworkProfile', 'response');

function store(options: { root?: boolean; stationValidTo?: Date } = {}): FakeCertificateStore {
  const fake = new FakeCertificateStore();
  fake.validCsmsRoot = options.root ?? false;
  if (options.stationValidTo !== undefined) {
    fake.stationStatus = { active: { subject: 'CN=EVS', serialNumber: '1', validFrom: new Date(NOW.getTime() - DAY_MS), validTo: options.stationValidTo } };
  }
  return fake;
}

/** SetNetworkProfile as the station serves it, with its certificate checks from the store (the ChargePoint's wiring). */
async function setNetworkProfile(certificates: FakeCertificateStore, currentProfile: number, targetProfile: number): Promise<SetNetworkProfileResponse> {
  const { model } = loadTestModel({ config: testConfig({ values: [securityValue('SecurityProfile', String(currentProfile))] }) });
  const handler = setNetworkProfileHandler({
    deviceModel: model,
    store: new InMemoryNetworkProfileStore(),
    ...securityProfilePrerequisites(certificates, { now: () => NOW }),
  });
  const response = await handler(
    {
      configurationSlot: 1,
      connectionData: {
        ocppVersion: 'OCPP20',
        ocppTransport: 'JSON',
        ocppCsmsUrl: targetProfile >= 2 ? 'wss://csms.example.com/ocpp' : 'ws://csms.example.com/ocpp',
        messageTimeout: 30,
        securityProfile: targetProfile,
        ocppInterface: 'Wired0',
      },
    },
    replyContext(),
  );
  expect(validResponse(response), 'SetNetworkProfileResponse breaks the schema').toBeUndefined();
  return response;
}

describe('A05 security profile prerequisites (SetNetworkProfile backed by the certificate store)', () => {
  it('TC_A_19_CS an upgrade with a valid CSMS root (and for 3 a valid station certificate) is allowed', async () => {
    expect(await setNetworkProfile(store({ root: true }), 1, 2)).toEqual({ status: 'Accepted' });
    expect(await setNetworkProfile(store({ root: true, stationValidTo: new Date(NOW.getTime() + DAY_MS) }), 2, 3)).toEqual({ status: 'Accepted' });
  });

  it('TC_A_20_CS profile 2 or 3 without a valid CSMSRootCertificate is refused (A05.FR.02)', async () => {
    expect(await setNetworkProfile(store(), 1, 2)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoCsmsRootCert' } });
    expect(await setNetworkProfile(store({ stationValidTo: new Date(NOW.getTime() + DAY_MS) }), 2, 3)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoCsmsRootCert' } });
  });

  it('TC_A_21_CS profile 3 without a valid ChargingStationCertificate is refused, also when it has expired', async () => {
    expect(await setNetworkProfile(store({ root: true }), 2, 3)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoStationCert' } });
    expect(await setNetworkProfile(store({ root: true, stationValidTo: new Date(NOW.getTime() - 1) }), 2, 3)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoStationCert' } });
  });

  it('TC_A_22_CS a downgrade is refused, and an unknown profile too', async () => {
    expect(await setNetworkProfile(store({ root: true }), 3, 2)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NoSecurityDowngrade' } });
    expect(await setNetworkProfile(store({ root: true }), 1, 4)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InvalidProfile' } });
  });

  it('reads the store at each request: a root or station certificate removed later is no longer ground to upgrade', () => {
    const fake = store({ root: true, stationValidTo: new Date(NOW.getTime() + DAY_MS) });
    const checks = securityProfilePrerequisites(fake, { now: () => NOW });
    expect([checks.hasCsmsRootCertificate(), checks.hasStationCertificate()]).toEqual([true, true]);
    fake.validCsmsRoot = false;
    fake.stationStatus = {};
    expect([checks.hasCsmsRootCertificate(), checks.hasStationCertificate()]).toEqual([false, false]);
  });
});
