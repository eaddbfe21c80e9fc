import type { DeviceModel } from '../../device-model/index.js';

/** The SecurityCtrlr variables certificate management reads (Part 2 Appendix 3). */
export interface CertificateSettings {
  /** CertSigningWaitMinimum in seconds; without it a SignCertificateRequest is never repeated. */
  certSigningWaitMinimumS: number | undefined;
  /** CertSigningRepeatTimes (0 when absent). */
  certSigningRepeatTimes: number;
  /** OrganizationName: the O of the CSR (A00.FR.404). */
  organizationName: string | undefined;
  /** MaxCertificateChainSize: the largest certificateChain accepted (optional standardized variable). */
  maxCertificateChainSize: number | undefined;
  /** AdditionalRootCertificateCheck (M05.FR.08-13). */
  additionalRootCertificateCheck: boolean;
  /** CertificateEntries maxLimit: how many certificates fit (M05). */
  certificateCapacity: number | undefined;
}

const SECURITY_CTRLR = { name: 'SecurityCtrlr' };

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the settings now, so a SetVariables from the CSMS applies to the next step. */
export function readCertificateSettings(deviceModel: DeviceModel): CertificateSettings {
  return {
    certSigningWaitMinimumS: deviceModel.get('SecurityCtrlr', 'CertSigningWaitMinimum'),
    certSigningRepeatTimes: deviceModel.get('SecurityCtrlr', 'CertSigningRepeatTimes') ?? 0,
    organizationName: deviceModel.get('SecurityCtrlr', 'OrganizationName'),
    maxCertificateChainSize: optionalNumber(deviceModel.getRaw(SECURITY_CTRLR, { name: 'MaxCertificateChainSize' })),
    additionalRootCertificateCheck: deviceModel.get('SecurityCtrlr', 'AdditionalRootCertificateCheck') ?? false,
    certificateCapacity: deviceModel.describe(SECURITY_CTRLR, { name: 'CertificateEntries' })?.maxLimit,
  };
}
