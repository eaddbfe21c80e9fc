import { createHash } from 'node:crypto';
import type { CertificateHashDataType, HashAlgorithmEnumType } from '@evstation/core';
import type { X509Certificate } from './x509.js';

const NODE_HASH: Readonly<Record<HashAlgorithmEnumType, string>> = { SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

function digest(algorithm: HashAlgorithmEnumType, data: Uint8Array): string {
  return createHash(NODE_HASH[algorithm]).update(data).digest('hex');
}

/** Reads one DER tag-length header at `offset`; returns where the content starts and ends. */
function derElement(der: Uint8Array, offset: number, expectedTag: number): { start: number; end: number } {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag !== expectedTag || first === undefined) throw new Error(`unexpected DER tag at ${offset}`);
  let length = first;
  let start = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER element');
  return { start, end: start + length };
}

/** The value of the subjectPublicKey BIT STRING of a SubjectPublicKeyInfo, without its unused-bits octet (RFC 6960 issuerKeyHash input). */
export function subjectPublicKeyBits(spki: ArrayBuffer): Uint8Array {
  const der = new Uint8Array(spki);
  const outer = derElement(der, 0, 0x30);
  const algorithm = derElement(der, outer.start, 0x30);
  const bits = derElement(der, algorithm.end, 0x03);
  return der.subarray(bits.start + 1, bits.end);
}

/** A serial number as OCPP writes it: lowercase hex without leading zeros. */
export function normalizeSerialNumber(hex: string): string {
  const trimmed = hex.toLowerCase().replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/**
 * CertificateHashDataType of `certificate` (M03/M04, as in an OCSP CertID): the hash of the DER issuer name, the hash of
 * the issuer's public key bits, and the serial number.
 */
export function certificateHashData(certificate: X509Certificate, issuer: X509Certificate, hashAlgorithm: HashAlgorithmEnumType): CertificateHashDataType {
  return {
    hashAlgorithm,
    issuerNameHash: digest(hashAlgorithm, new Uint8Array(certificate.issuerName.toArrayBuffer())),
    issuerKeyHash: digest(hashAlgorithm, subjectPublicKeyBits(issuer.publicKey.rawData)),
    serialNumber: normalizeSerialNumber(certificate.serialNumber),
  };
}

/** Hash data in every algorithm, computed once when a certificate is loaded or installed. */
export function allHashData(certificate: X509Certificate, issuer: X509Certificate): Record<HashAlgorithmEnumType, CertificateHashDataType> {
  return {
    SHA256: certificateHashData(certificate, issuer, 'SHA256'),
    SHA384: certificateHashData(certificate, issuer, 'SHA384'),
    SHA512: certificateHashData(certificate, issuer, 'SHA512'),
  };
}

/** Whether two hash data name the same certificate: hex compared case-insensitively, serials without leading zeros. */
export function sameCertificateHashData(a: CertificateHashDataType, b: CertificateHashDataType): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.issuerNameHash.toLowerCase() === b.issuerNameHash.toLowerCase() &&
    a.issuerKeyHash.toLowerCase() === b.issuerKeyHash.toLowerCase() &&
    normalizeSerialNumber(a.serialNumber) === normalizeSerialNumber(b.serialNumber)
  );
}

/** SHA-256 of the whole DER certificate, hex: identifies a certificate in file names and duplicate checks. */
export function fingerprint(certificate: X509Certificate): string {
  return digest('SHA256', new Uint8Array(certificate.rawData));
}
