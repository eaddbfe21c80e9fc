import type { StatusInfoType } from '../../messages/index.js';
import type { SecurityProfile } from '../../ports/transport.port.js';

/**
 * Certificates are only installed, deleted or requested over a TLS connection (security profile 2 or 3): over profile
 * 0 or 1 anybody on the path could swap the station's trust anchors (EVerest/libocpp#857, fixed in libocpp PR #863).
 */
export function isSecureConnection(profile: SecurityProfile): boolean {
  return profile >= 2;
}

/** The statusInfo of a refusal over a connection without TLS. */
export const INSECURE_CONNECTION: StatusInfoType = {
  reasonCode: 'InsecureConnection',
  additionalInfo: 'Certificates are only managed over a TLS connection (security profile 2 or 3)',
};

/** A statusInfo within the schema limits (reasonCode 20, additionalInfo 512 characters). */
export function statusInfo(reasonCode: string, additionalInfo: string): StatusInfoType {
  return { reasonCode: reasonCode.slice(0, 20), additionalInfo: additionalInfo.slice(0, 512) };
}
