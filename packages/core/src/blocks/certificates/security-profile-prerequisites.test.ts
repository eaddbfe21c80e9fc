import { describe, expect, it } from 'vitest';
import { getValidator } from '../../messages/index.js';
import { FakeCertificateStore } from './certificates.test-kit.js';
import { securityProfileDecision, securityProfilePrerequisites } from './security-profile-prerequisites.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY_MS = 86_400_000;

function store(options: { root?: boolean; stationValidTo?: Date } = {}): FakeCertificateStore {
  const fake = new FakeCertificateStore();
  fake.validCsmsRoot = options.root ?? false;
  if (options.stationValidTo !== undefined) {
    fake.stationStatus = { active: { subject: 'CN=EVS', serialNumber: '1', validFrom: new Date(NOW.getTime() - DAY_MS), validTo: options.stationValidTo } };
  }
  return fake;
}

describe('A05 security profile prerequisites', () => {
  it('TC_A_19_CS an upgrade with a valid CSMS root (and for 3 a valid station certificate) is allowed', () => {
    expect(securityProfileDecision(store({ root: true }), NOW, 1, 2)).toEqual({ allowed: true });
    expect(securityProfileDecision(store({ root: true, stationValidTo: new Date(NOW.getTime() + DAY_MS) }), NOW, 2, 3)).toEqual({ allowed: true });
  });

  it('TC_A_20_CS profile 2 or 3 without a valid CSMSRootCertificate is refused (A05.FR.02)', () => {
    expect(securityProfileDecision(store(), NOW, 1, 2)).toMatchObject({ allowed: false, reasonCode: 'NoCsmsRootCert' });
  });

  it('TC_A_21_CS profile 3 without a valid ChargingStationCertificate is refused, also when it has expired', () => {
    expect(securityProfileDecision(store({ root: true }), NOW, 2, 3)).toMatchObject({ allowed: false, reasonCode: 'NoStationCert' });
    expect(securityProfileDecision(store({ root: true, stationValidTo: new Date(NOW.getTime() - 1) }), NOW, 2, 3)).toMatchObject({ allowed: false, reasonCode: 'NoStationCert' });
  });

  it('TC_A_22_CS a downgrade is refused, and an unknown profile too', () => {
    expect(securityProfileDecision(store({ root: true }), NOW, 3, 2)).toMatchObject({ allowed: false, reasonCode: 'NoSecurityDowngrade' });
    expect(securityProfileDecision(store({ root: true }), NOW, 1, 4)).toMatchObject({ allowed: false, reasonCode: 'InvalidProfile' });
  });

  it('every refusal fits a SetNetworkProfileResponse statusInfo', () => {
    const validate = getValidator('SetNetworkProfile', 'response');
    for (const [current, target] of [[1, 2], [3, 2], [1, 5], [2, 3]] as const) {
      const decision = securityProfileDecision(store(), NOW, current, target);
      if (decision.allowed) throw new Error('expected a refusal');
      expect(validate({ status: 'Rejected', statusInfo: { reasonCode: decision.reasonCode, additionalInfo: decision.additionalInfo } })).toBeUndefined();
    }
  });

  it('gives SetNetworkProfile its certificate checks from the store', () => {
    const fake = store({ root: true, stationValidTo: new Date(NOW.getTime() + DAY_MS) });
    const checks = securityProfilePrerequisites(fake, { now: () => NOW });
    expect([checks.hasCsmsRootCertificate(), checks.hasStationCertificate()]).toEqual([true, true]);
    fake.validCsmsRoot = false;
    fake.stationStatus = {};
    expect([checks.hasCsmsRootCertificate(), checks.hasStationCertificate()]).toEqual([false, false]);
  });
});
