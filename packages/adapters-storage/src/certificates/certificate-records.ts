import type { CertificateHashDataType, HashAlgorithmEnumType, InstallCertificateUseEnumType, StationCertificateInfo } from '@evstation/core';
import { allHashData, fingerprint, normalizeSerialNumber } from './certificate-hash-data.js';
import { isSelfIssued, namesIssuer } from './certificate-facts.js';
import { certificatePem, parseCertificates, parseCsr, parsePrivateKey } from './pem.js';
import type { PendingKey } from './station-chain-check.js';
import type { X509Certificate } from './x509.js';

/** An installed root certificate (M05), or the CSMS root kept as fallback (M05.FR.11). */
export interface RootRecord {
  file: string;
  certificateType: InstallCertificateUseEnumType;
  fallback: boolean;
  certificate: X509Certificate;
  /** The signer: itself, or the replaced root of an AdditionalRootCertificateCheck install (kept in the same file). */
  issuer: X509Certificate;
  hashes: Record<HashAlgorithmEnumType, CertificateHashDataType>;
}

/** A station certificate chain with its private key. */
export interface StationRecord {
  file: string;
  certificates: X509Certificate[];
  privateKeyPem: string;
  hashes: Record<HashAlgorithmEnumType, CertificateHashDataType>;
  validFrom: Date;
  validTo: Date;
}

/** A pending CSR key pair with its file. */
export type PendingRecord = PendingKey & { file: string };

const ROOT_TYPES: readonly InstallCertificateUseEnumType[] = ['CSMSRootCertificate', 'ManufacturerRootCertificate', 'V2GRootCertificate', 'MORootCertificate'];
const ROOT_FILE = /^(root|fallback)\.([A-Za-z0-9]+)\.([0-9a-f]{16})\.pem$/;

/** File names of the store: `root.<type>.<fingerprint>.pem`, `fallback.…`, `station.active.pem`, `station.next.pem`, `csr.<id>.pem`. */
export const fileNames = {
  root: (type: InstallCertificateUseEnumType, certificate: X509Certificate, fallback = false): string =>
    `${fallback ? 'fallback' : 'root'}.${type}.${fingerprint(certificate).slice(0, 16)}.pem`,
  stationActive: 'station.active.pem',
  stationNext: 'station.next.pem',
  pending: (id: string): string => `csr.${id}.pem`,
  isPending: (name: string): boolean => /^csr\.[0-9a-z-]+\.pem$/.test(name),
};

/** Parses a root file name; undefined for other files. */
export function rootFileInfo(name: string): { certificateType: InstallCertificateUseEnumType; fallback: boolean } | undefined {
  const match = ROOT_FILE.exec(name);
  const type = ROOT_TYPES.find((t) => t === match?.[2]);
  return match === null || type === undefined ? undefined : { certificateType: type, fallback: match[1] === 'fallback' };
}

/** A root record from a file's text (certificate first, its issuer second when not self-signed). */
export function rootRecord(file: string, text: string, info: { certificateType: InstallCertificateUseEnumType; fallback: boolean }): RootRecord {
  const [certificate, embeddedIssuer] = parseCertificates(text, file);
  const issuer = embeddedIssuer ?? certificate!;
  return { file, ...info, certificate: certificate!, issuer, hashes: allHashData(certificate!, issuer) };
}

/** The file text of a root: the certificate, then its issuer when that is another certificate. */
export function rootFileText(certificate: X509Certificate, issuer: X509Certificate): string {
  return certificate === issuer ? certificatePem(certificate) : `${certificatePem(certificate)}${certificatePem(issuer)}`;
}

/** A station record from a file's text (chain then key); the leaf's issuer comes from the chain or the roots. */
export function stationRecord(file: string, text: string, roots: readonly RootRecord[]): StationRecord {
  const certificates = parseCertificates(text, file);
  return stationRecordOf(file, certificates, parsePrivateKey(text, file), roots.map((r) => r.certificate));
}

/** A station record from verified parts. */
export function stationRecordOf(file: string, certificates: X509Certificate[], privateKeyPem: string, roots: readonly X509Certificate[]): StationRecord {
  const leaf = certificates[0]!;
  const issuer = [...certificates.slice(1), ...roots].find((c) => namesIssuer(leaf, c)) ?? leaf;
  const path = certificates.filter((c) => !isSelfIssued(c));
  return {
    file,
    certificates,
    privateKeyPem,
    hashes: allHashData(leaf, issuer),
    validFrom: new Date(Math.max(...path.map((c) => c.notBefore.getTime()))),
    validTo: new Date(Math.min(...path.map((c) => c.notAfter.getTime()))),
  };
}

/** The file text of a station chain with its key. */
export function stationFileText(certificates: readonly X509Certificate[], privateKeyPem: string): string {
  return `${certificates.map(certificatePem).join('')}${privateKeyPem.trim()}\n`;
}

/** A pending key from a file's text (CSR then key). */
export function pendingRecord(file: string, text: string): PendingRecord {
  const csr = parseCsr(text, file);
  return {
    file,
    id: file.slice('csr.'.length, -'.pem'.length),
    commonName: csr.subjectName.getField('CN')[0] ?? '',
    organizationName: csr.subjectName.getField('O')[0] ?? '',
    spki: new Uint8Array(csr.publicKey.rawData),
    privateKeyPem: parsePrivateKey(text, file),
  };
}

/** Public facts of a station record. */
export function stationInfo(record: StationRecord): StationCertificateInfo {
  const leaf = record.certificates[0]!;
  return { subject: leaf.subject, serialNumber: normalizeSerialNumber(leaf.serialNumber), validFrom: record.validFrom, validTo: record.validTo };
}
