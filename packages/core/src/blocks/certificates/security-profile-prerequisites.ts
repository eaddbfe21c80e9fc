import type { CertificateInfoPort } from '../../ports/certificate-store.port.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { SetNetworkProfileDeps } from '../provisioning/set-network-profile.handler.js';

/** Whether the active station certificate is within its validity now (an expired one is still presented, but is no ground to upgrade). */
export function hasValidStationCertificate(certificates: Pick<CertificateInfoPort, 'stationCertificateStatus'>, now: Date): boolean {
  const active = certificates.stationCertificateStatus().active;
  return active !== undefined && active.validFrom.getTime() <= now.getTime() && now.getTime() <= active.validTo.getTime();
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
