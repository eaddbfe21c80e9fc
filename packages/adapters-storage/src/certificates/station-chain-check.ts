import type { StationCertificateRejection } from '@evstation/core';
import { isCertificateAuthority, isExpired, isSignedBy, subjectField } from './certificate-facts.js';
import { parseCertificates, PemError } from './pem.js';
import type { X509Certificate } from './x509.js';

/** A key pair the store generated for a CSR, waiting for its certificate. */
export interface PendingKey {
  id: string;
  /** The CSR's CN and O, which the certificate must carry. */
  commonName: string;
  organizationName: string;
  /** DER SubjectPublicKeyInfo of the key pair. */
  spki: Uint8Array;
  privateKeyPem: string;
}

/** A verified chain: the certificates as received (leaf first) and the key it belongs to. */
export interface VerifiedChain {
  ok: true;
  certificates: X509Certificate[];
  key: PendingKey;
}

/** A refused chain. */
export interface RefusedChain {
  ok: false;
  reason: StationCertificateRejection;
  detail: string;
}

/** What the check needs to know about the store. */
export interface ChainCheckContext {
  now: Date;
  maxChainSize?: number;
  pendingKeys: readonly PendingKey[];
  /** Installed CSMSRootCertificates, fallback included (libocpp verifies ChargingStationCertificate against these). */
  csmsRoots: readonly X509Certificate[];
}

/** Longest path from the leaf to a root that is followed (leaf, intermediates, root). */
const MAX_PATH = 8;

const refuse = (reason: StationCertificateRejection, detail: string): RefusedChain => ({ ok: false, reason, detail });

function sameBytes(a: Uint8Array, b: ArrayBuffer): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/**
 * A02/A03 CertificateSigned checks, in this order: size (MaxCertificateChainSize), PEM/X.509, the leaf is not a CA,
 * no certificate expired, the leaf's key is a pending CSR key, its CN and O are the CSR's, and a path of valid
 * signatures leads from the leaf through the chain's CA certificates to an installed CSMS root (A02.FR.20).
 */
export async function checkStationChain(chainPem: string, context: ChainCheckContext): Promise<VerifiedChain | RefusedChain> {
  if (context.maxChainSize !== undefined && chainPem.length > context.maxChainSize) {
    return refuse('TooLargeElement', `certificateChain has ${chainPem.length} characters, MaxCertificateChainSize is ${context.maxChainSize}`);
  }
  let certificates: X509Certificate[];
  try {
    certificates = parseCertificates(chainPem, 'certificateChain');
  } catch (error) {
    if (error instanceof PemError) return refuse('InvalidCertificate', error.message);
    throw error;
  }
  const leaf = certificates[0]!;
  if (isCertificateAuthority(leaf)) return refuse('InvalidCertificate', `the first certificate (${leaf.subject}) is a CA, not a station certificate`);
  const expired = certificates.find((c) => isExpired(c, context.now));
  if (expired !== undefined) return refuse('CertificateExpired', `${expired.subject} expired at ${expired.notAfter.toISOString()}`);
  const key = context.pendingKeys.find((k) => sameBytes(k.spki, leaf.publicKey.rawData));
  if (key === undefined) return refuse('KeyMismatch', 'the certificate is not for a key pair of a CSR this station sent');
  const [cn, o] = [subjectField(leaf, 'CN'), subjectField(leaf, 'O')];
  if (cn.length !== 1 || cn[0] !== key.commonName || o.length !== 1 || o[0] !== key.organizationName) {
    return refuse('SubjectMismatch', `subject ${leaf.subject} does not carry CN=${key.commonName}, O=${key.organizationName}`);
  }
  const path = await pathToRoot(leaf, certificates.slice(1), context);
  if (path === undefined) return refuse('InvalidChain', `no valid signature path from ${leaf.subject} to an installed CSMS root certificate`);
  return { ok: true, certificates, key };
}

/** The certificates from the leaf to an installed, unexpired CSMS root (both included), or undefined. */
async function pathToRoot(leaf: X509Certificate, candidates: readonly X509Certificate[], context: ChainCheckContext): Promise<X509Certificate[] | undefined> {
  const path = [leaf];
  let current = leaf;
  while (path.length < MAX_PATH) {
    for (const root of context.csmsRoots) {
      if (!isExpired(root, context.now) && (await isSignedBy(current, root))) return [...path, root];
    }
    let next: X509Certificate | undefined;
    for (const candidate of candidates) {
      if (!path.includes(candidate) && isCertificateAuthority(candidate) && (await isSignedBy(current, candidate))) {
        next = candidate;
        break;
      }
    }
    if (next === undefined) return undefined;
    path.push(next);
    current = next;
  }
  return undefined;
}
