import { expect } from 'vitest';
import { loadTestModel, testConfig } from '../../device-model/device-model-test-kit.js';
import type { ComponentDefinition, ConfigValue } from '../../device-model/index.js';
import {
  getValidator,
  type CertificateHashDataChainType,
  type CertificateHashDataType,
  type GetCertificateIdUseEnumType,
  type InstallCertificateUseEnumType,
  type SignCertificateRequest,
  type SignCertificateResponse,
} from '../../messages/index.js';
import type {
  CertificateStorePort,
  CertificateTlsMaterial,
  DeleteCertificateResult,
  InstallRootCertificateOptions,
  InstallRootCertificateResult,
  InstallStationCertificateOptions,
  InstallStationCertificateResult,
  StationCertificateStatus,
  StationCsrRequest,
} from '../../ports/certificate-store.port.js';
import type { SecurityEventType } from '../../ports/security-event.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { CertificateSigning } from './certificate-signing.js';

/**
 * A certificate store without cryptography, scripted from the test side (tests only): it records what it is asked
 * and answers what the test decided. The real store is tested in adapters-storage.
 */
export class FakeCertificateStore implements CertificateStorePort {
  readonly csrRequests: StationCsrRequest[] = [];
  readonly installedChains: { chain: string; options: InstallStationCertificateOptions }[] = [];
  readonly rootInstalls: { certificateType: InstallCertificateUseEnumType; pem: string; options: InstallRootCertificateOptions }[] = [];
  readonly deletions: CertificateHashDataType[] = [];
  roots: CertificateHashDataChainType[] = [];
  stationStatus: StationCertificateStatus = {};
  validCsmsRoot = false;
  rootResult: InstallRootCertificateResult | undefined;
  stationResult: InstallStationCertificateResult | undefined;
  deleteResult: DeleteCertificateResult = { status: 'NotFound' };
  csrFailure: Error | undefined;

  installRootCertificate(certificateType: InstallCertificateUseEnumType, pem: string, options: InstallRootCertificateOptions): Promise<InstallRootCertificateResult> {
    this.rootInstalls.push({ certificateType, pem, options });
    return Promise.resolve(this.rootResult ?? { status: 'Accepted', certificateEntries: this.roots.length });
  }

  getInstalledCertificateIds(certificateTypes?: readonly GetCertificateIdUseEnumType[]): CertificateHashDataChainType[] {
    return this.roots.filter((r) => certificateTypes === undefined || certificateTypes.includes(r.certificateType));
  }

  deleteCertificate(certificateHashData: CertificateHashDataType): Promise<DeleteCertificateResult> {
    this.deletions.push(certificateHashData);
    return Promise.resolve(this.deleteResult);
  }

  certificateEntries(): number {
    return this.roots.length;
  }

  rootCertificates(): string[] {
    return [];
  }

  generateCsr(request: StationCsrRequest): Promise<string> {
    if (this.csrFailure !== undefined) return Promise.reject(this.csrFailure);
    this.csrRequests.push(request);
    return Promise.resolve(`-----BEGIN CERTIFICATE REQUEST-----\nCSR${this.csrRequests.length}\n-----END CERTIFICATE REQUEST-----\n`);
  }

  installStationCertificate(chain: string, options: InstallStationCertificateOptions): Promise<InstallStationCertificateResult> {
    this.installedChains.push({ chain, options });
    return Promise.resolve(this.stationResult ?? { status: 'Accepted', validFrom: new Date(0), validTo: new Date(0), active: true });
  }

  stationCertificateStatus(): StationCertificateStatus {
    return this.stationStatus;
  }

  hasValidCsmsRootCertificate(): boolean {
    return this.validCsmsRoot;
  }

  tlsMaterial(): CertificateTlsMaterial {
    return { csmsRootCertificates: [], fallbackCsmsRootCertificates: [] };
  }

  csmsConnectionSucceeded(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A CSMS answering SignCertificateRequests (tests only): every request and answer is checked against the official
 * schemas; it answers Accepted unless told otherwise, and can be made to fail.
 */
export class SigningCsms {
  readonly requests: SignCertificateRequest[] = [];
  answer: SignCertificateResponse = { status: 'Accepted' };
  failure: Error | undefined;

  readonly send = (request: SignCertificateRequest): Promise<SignCertificateResponse> => {
    expect.soft(getValidator('SignCertificate', 'request')(request), 'SignCertificateRequest breaks the schema').toBeUndefined();
    this.requests.push(request);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    expect.soft(getValidator('SignCertificate', 'response')(this.answer), 'scripted SignCertificateResponse breaks the schema').toBeUndefined();
    return Promise.resolve(this.answer);
  };
}

/** SecurityCtrlr.MaxCertificateChainSize, an optional standardized variable a station adds (tests only). */
export const maxChainSizeAddition = (value: number): ComponentDefinition => ({
  component: { name: 'SecurityCtrlr' },
  variables: [{ variable: { name: 'MaxCertificateChainSize' }, characteristics: { dataType: 'integer', maxLimit: 10_000 }, attributes: [{ mutability: 'ReadOnly', value: String(value) }] }],
});

/** A SecurityCtrlr value for the test config (tests only). */
export const securityValue = (variable: string, value: string): ConfigValue => ({ component: { name: 'SecurityCtrlr' }, variable: { name: variable }, value });

/** Options of {@link makeSigning}. */
export interface SigningKitOptions {
  profile?: SecurityProfile;
  values?: ConfigValue[];
  additions?: ComponentDefinition[];
  store?: FakeCertificateStore;
  clock?: FakeClock;
}

/** A CertificateSigning on a fake store, a scripted CSMS, a fake clock and a memory logger (tests only). */
export function makeSigning(options: SigningKitOptions = {}) {
  const clock = options.clock ?? new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
  const { model } = loadTestModel({ config: testConfig({ values: options.values ?? [], additions: options.additions ?? [] }), clock });
  const store = options.store ?? new FakeCertificateStore();
  const csms = new SigningCsms();
  const logger = new MemoryLogger();
  const events: { type: SecurityEventType; techInfo?: string }[] = [];
  const state = { profile: options.profile ?? 2, reconnects: 0 };
  const signing = new CertificateSigning({
    clock,
    logger,
    store,
    deviceModel: model,
    commonName: () => 'EVS-SN-000123',
    securityProfile: () => state.profile,
    sendSignCertificate: csms.send,
    raise: (type, techInfo) => events.push(techInfo === undefined ? { type } : { type, techInfo }),
    reconnect: () => (state.reconnects += 1),
  });
  return { clock, model, store, csms, logger, events, state, signing };
}
