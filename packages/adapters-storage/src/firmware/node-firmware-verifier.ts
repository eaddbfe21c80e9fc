import { createReadStream } from 'node:fs';
import { createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FirmwareSignatureCheckRequest, FirmwareVerifierPort, SigningCertificateCheckRequest, VerificationResult } from '@evstation/core';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Longest chain followed from the signing certificate to a root. */
const MAX_DEPTH = 5;

function invalid(reason: string): VerificationResult {
  return { valid: false, reason };
}

/** The certificates of a PEM text, in order; undefined when one does not parse. */
function parsePem(text: string): X509Certificate[] | undefined {
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return undefined;
  }
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(certificate.validTo).getTime();
}

/** Whether `issuer` issued `subject`: names and key identifiers match and the signature verifies with its key. */
function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
}

/** Verifies a SHA-256 signature over the whole file, streaming it (firmware files are large). */
async function verifyFile(path: string, key: KeyObject, signature: Buffer, dsaEncoding: 'der' | 'ieee-p1363'): Promise<boolean> {
  const verifier = createVerify('sha256');
  await pipeline(createReadStream(path), verifier);
  return verifier.verify({ key, dsaEncoding }, signature);
}

/**
 * L01 firmware checks with node:crypto: the signing certificate (optionally followed by intermediates) must chain, each
 * link valid at the station's time, to an installed ManufacturerRootCertificate; the base64 signature must verify
 * over the downloaded file with SHA-256 (RSA PKCS#1 v1.5, or ECDSA as DER or raw r||s), as `openssl dgst -sha256
 * -verify` does in everest-core's signed firmware downloader.
 */
export class NodeFirmwareVerifier implements FirmwareVerifierPort {
  checkSigningCertificate(request: SigningCertificateCheckRequest): Promise<VerificationResult> {
    return Promise.resolve(this.checkChain(request));
  }

  async verifySignature(request: FirmwareSignatureCheckRequest): Promise<VerificationResult> {
    const leaf = parsePem(request.signingCertificate)?.[0];
    if (leaf === undefined) return invalid('signingCertificate is not a PEM X.509 certificate');
    const text = request.signature.replace(/\s+/g, '');
    if (!BASE64.test(text) || text.length % 4 !== 0) return invalid('signature is not base64');
    const signature = Buffer.from(text, 'base64');
    const key = leaf.publicKey;
    try {
      if (await verifyFile(request.artifact, key, signature, 'der')) return { valid: true };
      // Some signers give ECDSA as raw r||s rather than DER; accept both encodings of the same signature.
      if (key.asymmetricKeyType === 'ec' && (await verifyFile(request.artifact, key, signature, 'ieee-p1363').catch(() => false))) return { valid: true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return invalid(`firmware file cannot be read (${code})`);
      return invalid(`signature cannot be checked: ${(error as Error).message.slice(0, 120)}`);
    }
    return invalid('signature does not match the firmware file');
  }

  private checkChain(request: SigningCertificateCheckRequest): VerificationResult {
    const chain = parsePem(request.signingCertificate);
    if (chain === undefined || chain.length === 0) return invalid('signingCertificate is not a PEM X.509 certificate');
    const roots = request.manufacturerRoots.flatMap((pem) => parsePem(pem) ?? []);
    if (roots.length === 0) return invalid('no ManufacturerRootCertificate is installed');
    const intermediates = chain.slice(1);
    let current = chain[0]!;
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      if (!validAt(current, request.at)) return invalid(`certificate ${current.subject.replace(/\n/g, ', ')} is not valid at ${request.at.toISOString()}`);
      if (roots.some((root) => root.fingerprint256 === current.fingerprint256)) return { valid: true };
      const root = roots.find((candidate) => issuedBy(current, candidate));
      if (root !== undefined) {
        return validAt(root, request.at) ? { valid: true } : invalid(`ManufacturerRootCertificate ${root.subject.replace(/\n/g, ', ')} is not valid now`);
      }
      const next = intermediates.find((candidate) => candidate.ca && issuedBy(current, candidate));
      if (next === undefined) return invalid('signing certificate is not issued by an installed ManufacturerRootCertificate');
      current = next;
    }
    return invalid(`certificate chain longer than ${MAX_DEPTH}`);
  }
}
