import { webcrypto } from 'node:crypto';
import { BasicConstraintsExtension, type X509Certificate } from './x509.js';

/** Whether basicConstraints says CA:TRUE (a certificate that may sign others). */
export function isCertificateAuthority(certificate: X509Certificate): boolean {
  return certificate.getExtension(BasicConstraintsExtension)?.ca === true;
}

function sameBytes(a: ArrayBuffer, b: ArrayBuffer): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** Whether `certificate`'s issuer name is `issuer`'s subject name (DER-equal). */
export function namesIssuer(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return sameBytes(certificate.issuerName.toArrayBuffer(), issuer.subjectName.toArrayBuffer());
}

/** Whether issuer and subject are the same name (a root, or a cross-signed root's self-issued form). */
export function isSelfIssued(certificate: X509Certificate): boolean {
  return namesIssuer(certificate, certificate);
}

/** Whether `issuer` signed `certificate`: the names chain and the signature verifies with the issuer's key. */
export async function isSignedBy(certificate: X509Certificate, issuer: X509Certificate): Promise<boolean> {
  if (!namesIssuer(certificate, issuer)) return false;
  try {
    return await certificate.verify({ publicKey: issuer.publicKey, signatureOnly: true }, webcrypto);
  } catch {
    // An unsupported or malformed signature algorithm is simply not a valid signature here.
    return false;
  }
}

/** Whether `now` is past notAfter. */
export function isExpired(certificate: X509Certificate, now: Date): boolean {
  return certificate.notAfter.getTime() < now.getTime();
}

/** Whether `now` lies within notBefore..notAfter. */
export function isValidAt(certificate: X509Certificate, now: Date): boolean {
  return certificate.notBefore.getTime() <= now.getTime() && !isExpired(certificate, now);
}

/** The values of one RDN attribute (e.g. CN, O) of the subject. */
export function subjectField(certificate: X509Certificate, attribute: string): string[] {
  return certificate.subjectName.getField(attribute);
}
