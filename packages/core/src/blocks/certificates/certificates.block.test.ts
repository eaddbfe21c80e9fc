import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../../device-model/index.js';
import { loadTestModel, testConfig } from '../../device-model/device-model-test-kit.js';
import { getValidator, type CertificateHashDataChainType, type OcppAction, type RequestOf, type ResponseOf } from '../../messages/index.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { certificatesBlock } from './certificates.block.js';
import { replyContext } from '../../testing/reply-context.js';
import { FakeCertificateStore, makeSigning, securityValue } from './certificates.test-kit.js';

const ROOT_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const hashData = (serialNumber: string) => ({ hashAlgorithm: 'SHA256' as const, issuerNameHash: 'aa', issuerKeyHash: 'bb', serialNumber });
const chain = (certificateType: CertificateHashDataChainType['certificateType'], serialNumber: string): CertificateHashDataChainType => ({
  certificateType,
  certificateHashData: hashData(serialNumber),
});

function makeBlock(options: { profile?: SecurityProfile; values?: ConfigValue[] } = {}) {
  const { model } = loadTestModel({ config: testConfig({ values: options.values ?? [] }) });
  const store = new FakeCertificateStore();
  const state = { profile: options.profile ?? 2 };
  const block = certificatesBlock({ store, deviceModel: model, logger: new MemoryLogger(), securityProfile: () => state.profile, signing: makeSigning({ store }).signing });
  /** Serves one CALL and checks the response against the official schema. */
  async function call<A extends OcppAction>(action: A, request: RequestOf<A>): Promise<ResponseOf<A>> {
    expect(getValidator(action, 'request')(request), `${action} request breaks the schema`).toBeUndefined();
    const handler: CallHandler<A> | undefined = block.handlers[action];
    if (handler === undefined) throw new Error(`${action} not handled`);
    const response = await handler(request, replyContext());
    expect(getValidator(action, 'response')(response), `${action} response breaks the schema`).toBeUndefined();
    return response;
  }
  return { model, store, state, block, call };
}

describe('M03 GetInstalledCertificateIds', () => {
  const installed = [chain('CSMSRootCertificate', '1'), chain('ManufacturerRootCertificate', '2'), chain('V2GRootCertificate', '3')];

  it('TC_M_12_CS / TC_M_13_CS one type: only its certificates', async () => {
    const kit = makeBlock();
    kit.store.roots = installed;
    expect(await kit.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).toEqual({ status: 'Accepted', certificateHashDataChain: [installed[0]] });
    expect(await kit.call('GetInstalledCertificateIds', { certificateType: ['ManufacturerRootCertificate'] })).toEqual({ status: 'Accepted', certificateHashDataChain: [installed[1]] });
  });

  it('TC_M_17_CS / TC_M_18_CS several types, or all types when none is given', async () => {
    const kit = makeBlock();
    kit.store.roots = installed;
    const both = await kit.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate', 'ManufacturerRootCertificate'] });
    expect(both.certificateHashDataChain).toEqual(installed.slice(0, 2));
    expect((await kit.call('GetInstalledCertificateIds', {})).certificateHashDataChain).toEqual(installed);
  });

  it('TC_M_19_CS NotFound when no certificate matches, also over security profile 1 (it changes nothing)', async () => {
    const kit = makeBlock({ profile: 1 });
    kit.store.roots = [installed[2]!];
    expect(await kit.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).toEqual({ status: 'NotFound' });
  });
});

describe('M04 DeleteCertificate', () => {
  it('TC_M_20_CS / TC_M_22_CS Accepted and NotFound come from the store', async () => {
    const kit = makeBlock();
    kit.store.deleteResult = { status: 'Accepted', certificateEntries: 0 };
    expect(await kit.call('DeleteCertificate', { certificateHashData: hashData('1') })).toEqual({ status: 'Accepted' });
    kit.store.deleteResult = { status: 'NotFound' };
    expect(await kit.call('DeleteCertificate', { certificateHashData: hashData('2') })).toEqual({ status: 'NotFound' });
    expect(kit.store.deletions.map((d) => d.serialNumber)).toEqual(['1', '2']);
  });

  it('TC_M_23_CS the station certificate is not deleted: Failed', async () => {
    const kit = makeBlock();
    kit.store.deleteResult = { status: 'Failed', reason: 'StationCertificate', detail: 'The ChargingStationCertificate cannot be deleted' };
    expect(await kit.call('DeleteCertificate', { certificateHashData: hashData('3') })).toMatchObject({ status: 'Failed', statusInfo: { reasonCode: 'StationCertificate' } });
  });

  it('libocpp#857: Failed over security profile 0 or 1, without asking the store', async () => {
    for (const profile of [0, 1] as const) {
      const kit = makeBlock({ profile });
      expect(await kit.call('DeleteCertificate', { certificateHashData: hashData('1') })).toMatchObject({ status: 'Failed', statusInfo: { reasonCode: 'InsecureConnection' } });
      expect(kit.store.deletions).toEqual([]);
    }
  });
});

describe('M05 InstallCertificate', () => {
  it('TC_M_01_CS / TC_M_02_CS Accepted; the capacity (CertificateEntries maxLimit) and AdditionalRootCertificateCheck reach the store', async () => {
    const kit = makeBlock({ values: [securityValue('AdditionalRootCertificateCheck', 'true')] });
    expect(await kit.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: ROOT_PEM })).toEqual({ status: 'Accepted' });
    expect(await kit.call('InstallCertificate', { certificateType: 'ManufacturerRootCertificate', certificate: ROOT_PEM })).toEqual({ status: 'Accepted' });
    expect(kit.store.rootInstalls.map((i) => [i.certificateType, i.options])).toEqual([
      ['CSMSRootCertificate', { additionalRootCertificateCheck: true, maxEntries: 50 }],
      ['ManufacturerRootCertificate', { additionalRootCertificateCheck: true, maxEntries: 50 }],
    ]);
  });

  it('TC_M_07_CS / TC_M_09_CS a refused certificate is Rejected with its reason; a storage failure is Failed', async () => {
    const kit = makeBlock();
    kit.store.rootResult = { status: 'Rejected', reason: 'NotSignedByOldRoot', detail: 'not signed by the installed CSMS root certificate' };
    expect(await kit.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: ROOT_PEM })).toEqual({
      status: 'Rejected',
      statusInfo: { reasonCode: 'NotSignedByOldRoot', additionalInfo: 'not signed by the installed CSMS root certificate' },
    });
    kit.store.rootResult = { status: 'Failed', detail: 'disk full' };
    expect(await kit.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: ROOT_PEM })).toMatchObject({ status: 'Failed' });
  });

  it('libocpp#857: Rejected over security profile 0 or 1, without asking the store', async () => {
    for (const profile of [0, 1] as const) {
      const kit = makeBlock({ profile });
      expect(await kit.call('InstallCertificate', { certificateType: 'CSMSRootCertificate', certificate: ROOT_PEM })).toMatchObject({
        status: 'Rejected',
        statusInfo: { reasonCode: 'InsecureConnection' },
      });
      expect(kit.store.rootInstalls).toEqual([]);
    }
  });
});

describe('SecurityCtrlr.CertificateEntries', () => {
  it('always reads the number of installed certificates from the store', () => {
    const kit = makeBlock();
    const read = () => kit.model.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'CertificateEntries' } }])[0]?.attributeValue;
    expect(read()).toBe('0');
    kit.store.roots = [chain('CSMSRootCertificate', '1'), chain('MORootCertificate', '2')];
    expect(read()).toBe('2');
  });
});
