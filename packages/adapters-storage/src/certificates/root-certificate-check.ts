import type { InstallCertificateUseEnumType, RootCertificateRejection } from '@evstation/core';
import { isCertificateAuthority, isExpired, isSelfIssued, isSignedBy } from './certificate-facts.js';
import { parseCertificates, PemError } from './pem.js';
import type { X509Certificate } from './x509.js';

/** A root certificate that may be installed, with the certificate that signed it (itself for a self-signed root). */
export interface AcceptedRoot {
  ok: true;
  certificate: X509Certificate;
  issuer: X509Certificate;
  /** AdditionalRootCertificateCheck: the CSMS root it replaces, kept as fallback (M05.FR.11). */
  replaces?: X509Certificate;
}

/** A refused root certificate. */
export interface RefusedRoot {
  ok: false;
  reason: RootCertificateRejection;
  detail: string;
}

/** What the check needs to know about the store. */
export interface RootCheckContext {
  certificateType: InstallCertificateUseEnumType;
  now: Date;
  /** The CSMSRootCertificates in use (not the fallback). */
  currentCsmsRoots: readonly X509Certificate[];
  additionalRootCertificateCheck: boolean;
}

const refuse = (reason: RootCertificateRejection, detail: string): RefusedRoot => ({ ok: false, reason, detail });

/**
 * M05 checks of an InstallCertificate payload: exactly one X.509 certificate, a CA, not expired, and a root (self-signed
 * with a valid signature) so that its hash data can always be computed (EVerest/EVerest#2109). With
 * AdditionalRootCertificateCheck a new CSMS root must instead be signed by the current one (M05.FR.09/10).
 */
export async function checkRootCertificate(pem: string, context: RootCheckContext): Promise<AcceptedRoot | RefusedRoot> {
  let certificates: X509Certificate[];
  try {
    certificates = parseCertificates(pem, 'certificate');
  } catch (error) {
    if (error instanceof PemError) return refuse('InvalidCertificate', error.message);
    throw error;
  }
  const [certificate] = certificates;
  if (certificate === undefined || certificates.length !== 1) return refuse('InvalidCertificate', `expected one certificate, found ${certificates.length}`);
  if (!isCertificateAuthority(certificate)) return refuse('NotCACertificate', `${certificate.subject} is not a CA certificate (basicConstraints CA is not true)`);
  if (isExpired(certificate, context.now)) return refuse('CertificateExpired', `${certificate.subject} expired at ${certificate.notAfter.toISOString()}`);
  if (context.certificateType === 'CSMSRootCertificate' && context.additionalRootCertificateCheck && context.currentCsmsRoots.length > 0) {
    for (const current of context.currentCsmsRoots) {
      if (await isSignedBy(certificate, current)) return { ok: true, certificate, issuer: current, replaces: current };
    }
    return refuse('NotSignedByOldRoot', `${certificate.subject} is not signed by the installed CSMS root certificate (AdditionalRootCertificateCheck)`);
  }
  if (!isSelfIssued(certificate)) return refuse('NotRootCertificate', `${certificate.subject} is issued by ${certificate.issuer}: only self-signed root certificates can be installed`);
  if (!(await isSignedBy(certificate, certificate))) return refuse('InvalidCertificate', `the self-signature of ${certificate.subject} does not verify`);
  return { ok: true, certificate, issuer: certificate };
}
