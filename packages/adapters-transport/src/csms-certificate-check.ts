import { checkServerIdentity, type PeerCertificate } from 'node:tls';

/** Smallest RSA/DSA key accepted from the CSMS (A00.FR.507). */
export const MIN_RSA_KEY_BITS = 2048;

/** Smallest EC key accepted from the CSMS (A00.FR.508). */
export const MIN_EC_KEY_BITS = 224;

/** A CSMS certificate that passed path validation but breaks an OCPP rule; `code` names the rule. */
export class CsmsCertificateError extends Error {
  override readonly name = 'CsmsCertificateError';

  constructor(
    readonly code: 'ERR_CSMS_CERT_WILDCARD' | 'ERR_CSMS_CERT_WEAK_KEY',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The station's `checkServerIdentity` (A00.FR.309/310, reliability.md §4.1): Node's hostname check, then refuse a
 * wildcard certificate unless AllowCSMSTLSWildcards, then refuse RSA < 2048 and EC < 224 bit keys.
 */
export function checkCsmsCertificate(hostname: string, cert: PeerCertificate, allowWildcards: boolean): Error | undefined {
  const hostError = checkServerIdentity(hostname, cert);
  if (hostError !== undefined) return hostError;
  if (!allowWildcards) {
    const wildcard = wildcardNames(cert)[0];
    if (wildcard !== undefined) {
      return new CsmsCertificateError('ERR_CSMS_CERT_WILDCARD', `CSMS certificate has a wildcard name (${wildcard}) and wildcards are not allowed`);
    }
  }
  return weakKeyError(cert);
}

/** Wildcard names in the certificate's SAN DNS entries and CN. */
export function wildcardNames(cert: PeerCertificate): string[] {
  const sanNames = (cert.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice('DNS:'.length));
  const cn: string | string[] | undefined = cert.subject.CN; // an array when the subject has several CNs
  const cnNames = cn === undefined ? [] : Array.isArray(cn) ? cn : [cn];
  return [...sanNames, ...cnNames].filter((name) => name.includes('*'));
}

function weakKeyError(cert: PeerCertificate): CsmsCertificateError | undefined {
  const bits = cert.bits;
  if (typeof bits !== 'number') return undefined;
  const isEc = cert.asn1Curve !== undefined || cert.nistCurve !== undefined;
  const minimum = isEc ? MIN_EC_KEY_BITS : MIN_RSA_KEY_BITS;
  if (bits >= minimum) return undefined;
  return new CsmsCertificateError('ERR_CSMS_CERT_WEAK_KEY', `CSMS certificate ${isEc ? 'EC' : cert.modulus !== undefined ? 'RSA' : 'DSA'} key has ${bits} bits (minimum ${minimum})`);
}
