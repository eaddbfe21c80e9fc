import { describe, expect, it } from 'vitest';
import { getValidator, type CertificateSignedRequest } from '../../messages/index.js';
import { replyContext } from '../../testing/reply-context.js';
import { makeSigning, maxChainSizeAddition, securityValue } from './certificates.test-kit.js';

const DAY_MS = 86_400_000;
const CHAIN = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const validResponse = getValidator('CertificateSigned', 'response');

/** Triggers a round as TriggerMessage does (the message goes out after the reply) and lets it reach the CSMS. */
async function trigger(kit: ReturnType<typeof makeSigning>) {
  const result = kit.signing.trigger({ requestedMessage: 'SignChargingStationCertificate' });
  result.send?.();
  await kit.clock.advance(0);
  return result.status;
}

async function certificateSigned(kit: ReturnType<typeof makeSigning>, request: CertificateSignedRequest = { certificateChain: CHAIN, certificateType: 'ChargingStationCertificate' }) {
  const context = replyContext();
  const response = await kit.signing.onCertificateSigned(request, context);
  expect(validResponse(response), 'CertificateSignedResponse breaks the schema').toBeUndefined();
  return { response, afterReply: () => context.flush() };
}

describe('A02 CertificateSigning', () => {
  it('TC_A_11_CS TriggerMessage(SignChargingStationCertificate) sends a new CSR with CN = serial number and O = OrganizationName', async () => {
    const kit = makeSigning({ values: [securityValue('OrganizationName', 'My CSO')] });
    expect(await trigger(kit)).toBe('Accepted');
    expect(kit.store.csrRequests).toEqual([{ commonName: 'EVS-SN-000123', organizationName: 'My CSO' }]);
    expect(kit.csms.requests).toEqual([{ csr: expect.stringContaining('CSR1'), certificateType: 'ChargingStationCertificate' }]);
    expect(kit.signing.inProgress).toBe(true);
  });

  it('TC_A_23_CS / A02.FR.17-19 without CertificateSigned: a new CSR after CertSigningWaitMinimum, doubling, CertSigningRepeatTimes times', async () => {
    const kit = makeSigning({ values: [securityValue('CertSigningWaitMinimum', '10'), securityValue('CertSigningRepeatTimes', '3')] });
    await trigger(kit);
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) {
      waits.push(kit.clock.msUntilNextTimer());
      await kit.clock.runNext();
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(kit.csms.requests.map((r) => r.csr.match(/CSR\d+/)?.[0])).toEqual(['CSR1', 'CSR2', 'CSR3', 'CSR4']);
    expect(kit.clock.pendingTimers()).toBe(0);
    expect(kit.signing.inProgress).toBe(false);
  });

  it('a SignCertificateRequest that gets no answer is repeated like one that got no CertificateSigned', async () => {
    const kit = makeSigning({ values: [securityValue('CertSigningWaitMinimum', '5'), securityValue('CertSigningRepeatTimes', '1')] });
    kit.csms.failure = new Error('timeout');
    await trigger(kit);
    await kit.clock.advance(5_000);
    expect(kit.csms.requests).toHaveLength(2);
    await kit.clock.advance(10_000);
    expect(kit.csms.requests).toHaveLength(2);
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('TC_A_15_CS SignCertificate Rejected by the CSMS ends the round: no repeat', async () => {
    const kit = makeSigning();
    kit.csms.answer = { status: 'Rejected', statusInfo: { reasonCode: 'Busy' } };
    await trigger(kit);
    await kit.clock.advance(DAY_MS);
    expect(kit.csms.requests).toHaveLength(1);
    expect(kit.signing.inProgress).toBe(false);
  });

  it('TC_A_14_CS an invalid certificate is Rejected with its reason, raises InvalidChargingStationCertificate and is not repeated (A02.FR.20)', async () => {
    const kit = makeSigning();
    await trigger(kit);
    kit.store.stationResult = { status: 'Rejected', reason: 'InvalidChain', detail: 'no valid signature path to an installed CSMS root certificate' };
    const { response } = await certificateSigned(kit);
    expect(response).toEqual({ status: 'Rejected', statusInfo: { reasonCode: 'InvalidChain', additionalInfo: 'no valid signature path to an installed CSMS root certificate' } });
    expect(kit.events).toEqual([{ type: 'InvalidChargingStationCertificate', techInfo: 'InvalidChain: no valid signature path to an installed CSMS root certificate' }]);
    await kit.clock.advance(DAY_MS);
    expect(kit.csms.requests).toHaveLength(1);
  });

  it('TC_A_11_CS under security profile 3 an accepted certificate raises ReconfigurationOfSecurityParameters and reconnects after the reply', async () => {
    const kit = makeSigning({ profile: 3 });
    await trigger(kit);
    kit.store.stationStatus = { active: { subject: 'CN=EVS-SN-000123', serialNumber: 'b1', validFrom: new Date(0), validTo: new Date(DAY_MS * 40_000) } };
    const { response, afterReply } = await certificateSigned(kit);
    expect(response).toEqual({ status: 'Accepted' });
    expect(kit.state.reconnects).toBe(0);
    afterReply();
    expect(kit.state.reconnects).toBe(1);
    expect(kit.events.map((e) => e.type)).toEqual(['ReconfigurationOfSecurityParameters']);
    await kit.clock.advance(DAY_MS);
    expect(kit.csms.requests).toHaveLength(1);
  });

  it('under security profile 2 the new certificate is stored without reconnecting', async () => {
    const kit = makeSigning({ profile: 2 });
    await trigger(kit);
    kit.store.stationStatus = { active: { subject: 'CN=EVS-SN-000123', serialNumber: 'b1', validFrom: new Date(0), validTo: new Date(DAY_MS * 40_000) } };
    const { afterReply } = await certificateSigned(kit);
    afterReply();
    expect(kit.state.reconnects).toBe(0);
    expect(kit.events).toEqual([]);
  });

  it('A02.FR.08 a certificate valid from later is taken into use (profile 3: reconnect) once valid', async () => {
    const kit = makeSigning({ profile: 3 });
    await trigger(kit);
    const validFrom = new Date(kit.clock.now().getTime() + DAY_MS);
    kit.store.stationResult = { status: 'Accepted', validFrom, validTo: new Date(validFrom.getTime() + 365 * DAY_MS), active: false };
    const { response, afterReply } = await certificateSigned(kit);
    expect(response).toEqual({ status: 'Accepted' });
    afterReply();
    await kit.clock.advance(DAY_MS - 1000);
    expect(kit.state.reconnects).toBe(0);
    kit.store.stationStatus = { active: { subject: 'CN=EVS-SN-000123', serialNumber: 'c2', validFrom, validTo: new Date(validFrom.getTime() + DAY_MS) } };
    await kit.clock.advance(2000);
    expect(kit.state.reconnects).toBe(1);
  });

  it('A02.FR.08 the activation follows the wall clock: a time sync past validFrom takes the certificate into use within the hour', async () => {
    const kit = makeSigning({ profile: 3 });
    await trigger(kit);
    const validFrom = new Date(kit.clock.now().getTime() + 30 * DAY_MS);
    kit.store.stationResult = { status: 'Accepted', validFrom, validTo: new Date(validFrom.getTime() + 365 * DAY_MS), active: false };
    (await certificateSigned(kit)).afterReply();
    kit.store.stationStatus = { active: { subject: 'CN=EVS-SN-000123', serialNumber: 'd4', validFrom, validTo: new Date(validFrom.getTime() + DAY_MS) } };
    kit.clock.setWallTime(new Date(validFrom.getTime() + 5000));
    await kit.clock.advance(3_600_000);
    expect(kit.state.reconnects).toBe(1);
  });

  it('passes SecurityCtrlr.MaxCertificateChainSize to the store when the station defines it', async () => {
    const kit = makeSigning({ additions: [maxChainSizeAddition(5000)] });
    await certificateSigned(kit);
    expect(kit.store.installedChains[0]?.options).toEqual({ maxChainSize: 5000 });
    const without = makeSigning();
    await certificateSigned(without);
    expect(without.store.installedChains[0]?.options).toEqual({});
  });

  it('libocpp#857: over security profile 0 or 1 the trigger and CertificateSigned are Rejected', async () => {
    for (const profile of [0, 1] as const) {
      const kit = makeSigning({ profile });
      expect(await trigger(kit)).toBe('Rejected');
      const { response } = await certificateSigned(kit);
      expect(response).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InsecureConnection' } });
      expect(kit.csms.requests).toEqual([]);
      expect(kit.store.installedChains).toEqual([]);
      expect(kit.events).toEqual([]);
    }
  });

  it('a V2GCertificate is Rejected: this station has no ISO 15118 certificate', async () => {
    const kit = makeSigning();
    const { response } = await certificateSigned(kit, { certificateChain: CHAIN, certificateType: 'V2GCertificate' });
    expect(response).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedCertType' } });
    expect(kit.store.installedChains).toEqual([]);
  });

  it('a failed CSR generation sends nothing and ends the round with a logged error', async () => {
    const kit = makeSigning();
    kit.store.csrFailure = new Error('no entropy');
    await trigger(kit);
    expect(kit.csms.requests).toEqual([]);
    expect(kit.signing.inProgress).toBe(false);
    expect(kit.logger.entries.some((e) => e.level === 'error' && e.message.includes('CSR generation failed'))).toBe(true);
  });

  it('a new trigger during a round starts over with a new CSR and a fresh repeat count', async () => {
    const kit = makeSigning({ values: [securityValue('CertSigningWaitMinimum', '10'), securityValue('CertSigningRepeatTimes', '1')] });
    await trigger(kit);
    await kit.clock.advance(10_000);
    await trigger(kit);
    expect(kit.csms.requests).toHaveLength(3);
    expect(kit.clock.msUntilNextTimer()).toBe(10_000);
  });
});
