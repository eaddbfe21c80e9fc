import { createPrivateKey, X509Certificate as NodeX509 } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CertificateRenewal,
  CertificateSigning,
  certificatesBlock,
  DeviceModel,
  getValidator,
  InMemoryDeviceModelStore,
  type CallHandler,
  type ComponentDefinition,
  type ConfigValue,
  type OcppAction,
  type RequestOf,
  type ResponseOf,
  type SecurityEventType,
  type SecurityProfile,
  type SignCertificateRequest,
  type SignCertificateResponse,
} from '@evstation/core';
import { replyContext } from '@evstation/core/testing';
import { keyBody, CSO, DAY_MS, makeStoreKit, makeTestRoots, SERIAL, type StoreKit } from './certificates.test-kit.js';

const { ca, csmsRoot, otherRoot, manufacturerRoot } = makeTestRoots();
const leaf = ca.issue('some-leaf', { subject: '/CN=Some Leaf', issuer: csmsRoot });
const nextCsmsRoot = ca.issue('next-csms-root', { subject: '/CN=Next CSMS Root', ca: true, issuer: csmsRoot });
afterAll(() => ca.cleanup());

const security = (variable: string, value: string): ConfigValue => ({ component: { name: 'SecurityCtrlr' }, variable: { name: variable }, value });
const maxChainSize = (value: number): ComponentDefinition => ({
  component: { name: 'SecurityCtrlr' },
  variables: [{ variable: { name: 'MaxCertificateChainSize' }, characteristics: { dataType: 'integer', maxLimit: 10_000 }, attributes: [{ mutability: 'ReadOnly', value: String(value) }] }],
});

interface StationOptions {
  profile?: SecurityProfile;
  values?: ConfigValue[];
  additions?: ComponentDefinition[];
}

const kits: StoreKit[] = [];
afterEach(() => kits.splice(0).forEach((k) => k.cleanup()));

/** The certificate block on a real FileCertificateStore, with a CSMS whose CA signs every CSR it accepts when told to. */
function station(options: StationOptions = {}) {
  const kit = makeStoreKit();
  kits.push(kit);
  const values = [{ component: { name: 'SecurityCtrlr' }, variable: { name: 'Identity' }, value: 'CS-TEST-1' }, security('OrganizationName', CSO), ...(options.values ?? [])];
  const deviceModel = DeviceModel.load({ store: new InMemoryDeviceModelStore(), logger: kit.logger, clock: kit.clock }, {
    layout: { supplyPhases: 3, evses: [{ id: 1, powerW: 22_000, supplyPhases: 3, connectors: [{ id: 1, connectorType: 'cType2' }] }] },
    values,
    additions: options.additions ?? [],
  });
  const state = { profile: options.profile ?? 2, reconnects: 0, answer: { status: 'Accepted' } as SignCertificateResponse };
  const csrs: SignCertificateRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  /** Resolves once `count` SignCertificateRequests have reached the CSMS (key generation is real async work). */
  const csrsSent = (count: number) => (csrs.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })));
  const events: { type: SecurityEventType; techInfo?: string }[] = [];
  const signing = new CertificateSigning({
    clock: kit.clock,
    logger: kit.logger,
    store: kit.store,
    deviceModel,
    commonName: () => SERIAL,
    securityProfile: () => state.profile,
    sendSignCertificate: (request) => {
      expect(getValidator('SignCertificate', 'request')(request)).toBeUndefined();
      csrs.push(request);
      for (const waiter of waiters.filter((w) => csrs.length >= w.count)) waiter.resolve();
      return Promise.resolve(state.answer);
    },
    raise: (type, techInfo) => events.push(techInfo === undefined ? { type } : { type, techInfo }),
    reconnect: () => (state.reconnects += 1),
  });
  const block = certificatesBlock({ store: kit.store, deviceModel, logger: kit.logger, securityProfile: () => state.profile, signing });
  async function call<A extends OcppAction>(action: A, request: RequestOf<A>): Promise<ResponseOf<A>> {
    expect(getValidator(action, 'request')(request), `${action} request breaks the schema`).toBeUndefined();
    const handler: CallHandler<A> | undefined = block.handlers[action];
    const context = replyContext('m');
    const response = await handler!(request, context);
    expect(getValidator(action, 'response')(response), `${action} response breaks the schema`).toBeUndefined();
    context.flush();
    return response;
  }
  async function trigger(): Promise<void> {
    signing.trigger({ requestedMessage: 'SignChargingStationCertificate' }).send?.();
    await csrsSent(csrs.length + 1);
    await kit.clock.advance(0);
  }
  const entries = () => deviceModel.getVariables([{ component: { name: 'SecurityCtrlr' }, variable: { name: 'CertificateEntries' } }])[0]?.attributeValue;
  return { kit, deviceModel, state, csrs, csrsSent, events, signing, call, trigger, entries };
}

const installRoot = (s: ReturnType<typeof station>, certificateType: 'CSMSRootCertificate' | 'ManufacturerRootCertificate', certificate: string) =>
  s.call('InstallCertificate', { certificateType, certificate });

describe('Certificate management over a real store (M03-M05)', () => {
  it('TC_M_01_CS / TC_M_02_CS / TC_M_12_CS / TC_M_13_CS / TC_M_17_CS / TC_M_18_CS install and list by type; CertificateEntries follows', async () => {
    const s = station();
    expect(await s.call('GetInstalledCertificateIds', {})).toEqual({ status: 'NotFound' });
    expect(await installRoot(s, 'CSMSRootCertificate', csmsRoot.cert)).toEqual({ status: 'Accepted' });
    expect(await installRoot(s, 'ManufacturerRootCertificate', manufacturerRoot.cert)).toEqual({ status: 'Accepted' });
    expect(s.entries()).toBe('2');
    const types = async (certificateType?: ('CSMSRootCertificate' | 'ManufacturerRootCertificate' | 'V2GRootCertificate')[]) =>
      (await s.call('GetInstalledCertificateIds', certificateType === undefined ? {} : { certificateType })).certificateHashDataChain?.map((c) => c.certificateType).sort();
    expect(await types(['CSMSRootCertificate'])).toEqual(['CSMSRootCertificate']);
    expect(await types(['ManufacturerRootCertificate'])).toEqual(['ManufacturerRootCertificate']);
    expect(await types(['CSMSRootCertificate', 'ManufacturerRootCertificate'])).toEqual(['CSMSRootCertificate', 'ManufacturerRootCertificate']);
    expect(await types()).toEqual(['CSMSRootCertificate', 'ManufacturerRootCertificate']);
    expect(await s.call('GetInstalledCertificateIds', { certificateType: ['V2GRootCertificate'] })).toEqual({ status: 'NotFound' });
  });

  it('TC_M_07_CS a leaf, an unrelated non-root or garbage is Rejected and not counted', async () => {
    const s = station();
    expect(await installRoot(s, 'CSMSRootCertificate', leaf.cert)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NotCACertificate' } });
    expect(await installRoot(s, 'CSMSRootCertificate', nextCsmsRoot.cert)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NotRootCertificate' } });
    expect(await installRoot(s, 'ManufacturerRootCertificate', 'not a certificate')).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'InvalidCertificate' } });
    expect(s.entries()).toBe('0');
  });

  it('TC_M_20_CS / TC_M_22_CS deletes by the hash data GetInstalledCertificateIds gave; then NotFound', async () => {
    const s = station();
    await installRoot(s, 'CSMSRootCertificate', csmsRoot.cert);
    await installRoot(s, 'ManufacturerRootCertificate', manufacturerRoot.cert);
    const listed = await s.call('GetInstalledCertificateIds', { certificateType: ['ManufacturerRootCertificate'] });
    const certificateHashData = listed.certificateHashDataChain![0]!.certificateHashData;
    expect(await s.call('DeleteCertificate', { certificateHashData })).toEqual({ status: 'Accepted' });
    expect(s.entries()).toBe('1');
    expect(await s.call('DeleteCertificate', { certificateHashData })).toEqual({ status: 'NotFound' });
  });

  it('TC_M_09_CS / TC_M_30_CS / TC_M_31_CS AdditionalRootCertificateCheck: only a root signed by the old one, kept as fallback until connected with the new one', async () => {
    const s = station({ values: [security('AdditionalRootCertificateCheck', 'true')] });
    await installRoot(s, 'CSMSRootCertificate', csmsRoot.cert);
    expect(await installRoot(s, 'CSMSRootCertificate', otherRoot.cert)).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode: 'NotSignedByOldRoot' } });
    expect(await installRoot(s, 'CSMSRootCertificate', nextCsmsRoot.cert)).toEqual({ status: 'Accepted' });
    expect((await s.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).certificateHashDataChain).toHaveLength(2);
    await s.kit.store.csmsConnectionSucceeded(true);
    expect(s.entries()).toBe('2');
    await s.kit.store.csmsConnectionSucceeded(false);
    expect((await s.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).certificateHashDataChain).toHaveLength(1);
    expect(s.kit.store.tlsMaterial().csmsRootCertificates.map((p) => new NodeX509(p).subject)).toEqual(['CN=Next CSMS Root']);
  });

  it('libocpp#857: over security profile 1 nothing is installed, deleted or signed', async () => {
    const s = station({ profile: 1 });
    expect(await installRoot(s, 'CSMSRootCertificate', csmsRoot.cert)).toMatchObject({ status: 'Rejected' });
    expect(s.signing.trigger({ requestedMessage: 'SignChargingStationCertificate' }).status).toBe('Rejected');
    expect(s.entries()).toBe('0');
  });
});

describe('Station certificate over a real store (A02/A03)', () => {
  async function withRoot(options: StationOptions = {}) {
    const s = station(options);
    await installRoot(s, 'CSMSRootCertificate', csmsRoot.cert);
    return s;
  }

  it('TC_A_11_CS trigger, CSR, CertificateSigned: the signed certificate and its key go to TLS; profile 3 reconnects', async () => {
    const s = await withRoot({ profile: 3 });
    await s.trigger();
    expect(await s.call('CertificateSigned', { certificateChain: ca.signCsr(s.csrs[0]!.csr, csmsRoot), certificateType: 'ChargingStationCertificate' })).toEqual({ status: 'Accepted' });
    const material = s.kit.store.tlsMaterial();
    expect(new NodeX509(material.clientCertificateChain!).checkPrivateKey(createPrivateKey(material.clientPrivateKey!))).toBe(true);
    expect(s.state.reconnects).toBe(1);
    expect(s.events.map((e) => e.type)).toEqual(['ReconfigurationOfSecurityParameters']);
    await s.kit.clock.advance(DAY_MS);
    expect(s.csrs).toHaveLength(1);
    expect(s.kit.logger.text()).not.toContain(keyBody(material.clientPrivateKey!));
    expect(s.kit.logger.text()).not.toContain('PRIVATE KEY');
  });

  it('TC_M_23_CS the installed station certificate cannot be deleted', async () => {
    const s = await withRoot();
    await s.trigger();
    await s.call('CertificateSigned', { certificateChain: ca.signCsr(s.csrs[0]!.csr, csmsRoot) });
    const root = (await s.call('GetInstalledCertificateIds', { certificateType: ['CSMSRootCertificate'] })).certificateHashDataChain![0]!.certificateHashData;
    const serialNumber = new NodeX509(s.kit.store.tlsMaterial().clientCertificateChain!).serialNumber;
    expect(await s.call('DeleteCertificate', { certificateHashData: { ...root, serialNumber } })).toMatchObject({ status: 'Failed', statusInfo: { reasonCode: 'StationCertificate' } });
  });

  it('TC_A_14_CS a chain from an unknown root, an expired one or one too large is Rejected with InvalidChargingStationCertificate', async () => {
    const s = await withRoot({ additions: [maxChainSize(1500)] });
    await s.trigger();
    const csr = s.csrs[0]!.csr;
    const now = Date.now();
    const cases = [
      { chain: ca.signCsr(csr, otherRoot), reasonCode: 'InvalidChain' },
      { chain: ca.signCsr(csr, csmsRoot, { notBefore: new Date(now - 3 * DAY_MS), notAfter: new Date(now - DAY_MS) }), reasonCode: 'CertificateExpired' },
      { chain: `${ca.signCsr(csr, csmsRoot)}${csmsRoot.cert}${csmsRoot.cert}`, reasonCode: 'TooLargeElement' },
    ];
    for (const { chain, reasonCode } of cases) {
      expect(await s.call('CertificateSigned', { certificateChain: chain })).toMatchObject({ status: 'Rejected', statusInfo: { reasonCode } });
    }
    expect(s.events.map((e) => e.type)).toEqual(['InvalidChargingStationCertificate', 'InvalidChargingStationCertificate', 'InvalidChargingStationCertificate']);
    expect(s.kit.store.stationCertificateStatus()).toEqual({});
  });

  it('TC_A_23_CS without CertificateSigned every repeat carries a new key; a late answer to the first CSR is still accepted', async () => {
    const s = await withRoot({ values: [security('CertSigningWaitMinimum', '5'), security('CertSigningRepeatTimes', '2')] });
    await s.trigger();
    for (const wait of [5_000, 10_000]) {
      const sent = s.csrsSent(s.csrs.length + 1);
      await s.kit.clock.advance(wait);
      await sent;
      // Let the station take in the SignCertificateResponse and arm its next wait.
      await s.kit.clock.advance(0);
    }
    const keys = s.csrs.map((r) => /-----BEGIN CERTIFICATE REQUEST-----([\s\S]+?)-----/.exec(r.csr)?.[1]);
    expect(new Set(keys).size).toBe(3);
    await s.kit.clock.advance(20_000);
    expect(s.csrs).toHaveLength(3);
    expect(await s.call('CertificateSigned', { certificateChain: ca.signCsr(s.csrs[0]!.csr, csmsRoot) })).toEqual({ status: 'Accepted' });
  });

  it('A02.FR.08 a certificate valid from tomorrow is used from tomorrow on (profile 3 reconnects then)', async () => {
    const s = await withRoot({ profile: 3 });
    await s.trigger();
    const notBefore = new Date(Math.ceil((Date.now() + DAY_MS) / 1000) * 1000);
    expect(await s.call('CertificateSigned', { certificateChain: ca.signCsr(s.csrs[0]!.csr, csmsRoot, { notBefore }) })).toEqual({ status: 'Accepted' });
    expect(s.kit.store.tlsMaterial().clientCertificateChain).toBeUndefined();
    expect(s.state.reconnects).toBe(0);
    await s.kit.clock.advance(DAY_MS + 5_000);
    expect(s.state.reconnects).toBe(1);
    expect(s.kit.store.tlsMaterial().clientCertificateChain).toContain('BEGIN CERTIFICATE');
  });

  it('A03 a station certificate with 20 days left is renewed on its own with a new CSR', async () => {
    const s = await withRoot();
    await s.trigger();
    await s.call('CertificateSigned', { certificateChain: ca.signCsr(s.csrs[0]!.csr, csmsRoot, { notAfter: new Date(Date.now() + 20 * DAY_MS) }) });
    const renewal = new CertificateRenewal({ clock: s.kit.clock, logger: s.kit.logger, store: s.kit.store, signing: s.signing, securityProfile: () => 2, canSend: () => true });
    renewal.start();
    await s.csrsSent(2);
    expect(s.csrs[1]!.csr).not.toBe(s.csrs[0]!.csr);
    renewal.stop();
    s.signing.stop();
  });
});
