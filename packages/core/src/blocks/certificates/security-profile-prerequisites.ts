import type { CertificateInfoPort } from '../../ports/certificate-store.port.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { SetNetworkProfileDeps } from '../provisioning/set-network-profile.handler.js';

/** Whether a security profile may be used; each reasonCode fits the schema's 20 characters. */
export type SecurityProfileDecision =
  | { allowed: true }
  | { allowed: false; reasonCode: 'InvalidProfile' | 'NoSecurityDowngrade' | 'NoCsmsRootCert' | 'NoStationCert'; additionalInfo: string };

/** Whether the active station certificate is within its validity now (an expired one is still presented, but is no ground to upgrade). */
export function hasValidStationCertificate(certificates: Pick<CertificateInfoPort, 'stationCertificateStatus'>, now: Date): boolean {
  const active = certificates.stationCertificateStatus().active;
  return active !== undefined && active.validFrom.getTime() <= now.getTime() && now.getTime() <= active.validTo.getTime();
}

/**
 * A05 Upgrade Charging Station Security Profile: never lower than the current profile (TC_A_22_CS), profile 2 or 3
 * only with a valid CSMSRootCertificate installed (A05.FR.02, TC_A_20_CS), profile 3 only with a valid
 * ChargingStationCertificate (B09.FR.04, TC_A_21_CS).
 */
export function securityProfileDecision(
  certificates: CertificateInfoPort,
  now: Date,
  currentProfile: number,
  targetProfile: number,
): SecurityProfileDecision {
  if (!Number.isInteger(targetProfile) || targetProfile < 0 || targetProfile > 3) {
    return { allowed: false, reasonCode: 'InvalidProfile', additionalInfo: `Unknown security profile ${targetProfile}` };
  }
  if (targetProfile < currentProfile) {
    return { allowed: false, reasonCode: 'NoSecurityDowngrade', additionalInfo: `Security profile ${targetProfile} is lower than the active ${currentProfile}` };
  }
  if (targetProfile >= 2 && !certificates.hasValidCsmsRootCertificate()) {
    return { allowed: false, reasonCode: 'NoCsmsRootCert', additionalInfo: 'Security profile 2 and 3 need a valid CSMSRootCertificate' };
  }
  if (targetProfile === 3 && !hasValidStationCertificate(certificates, now)) {
    return { allowed: false, reasonCode: 'NoStationCert', additionalInfo: 'Security profile 3 needs a valid ChargingStationCertificate' };
  }
  return { allowed: true };
}

/** Drop-in for SetNetworkProfileDeps' certificate checks, backed by the certificate store (A05.FR.02, B09.FR.04). */
export function securityProfilePrerequisites(
  certificates: CertificateInfoPort,
  clock: Pick<ClockPort, 'now'>,
): Pick<SetNetworkProfileDeps, 'hasCsmsRootCertificate' | 'hasStationCertificate'> {
  return {
    hasCsmsRootCertificate: () => certificates.hasValidCsmsRootCertificate(),
    hasStationCertificate: () => hasValidStationCertificate(certificates, clock.now()),
  };
}
