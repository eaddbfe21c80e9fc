import { webcrypto } from 'node:crypto';
import type { StationCsrRequest, StationKeyType } from '@evstation/core';
import { CertificateStoreError } from './certificate-store-error.js';
import { PemConverter, Pkcs10CertificateRequestGenerator, type JsonName } from './x509.js';

type KeyAlgorithm = (webcrypto.EcKeyGenParams & webcrypto.EcdsaParams) | (webcrypto.RsaHashedKeyGenParams & { name: 'RSASSA-PKCS1-v1_5' });

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);

/** The WebCrypto parameters of each key type: ECDSA over the curve's hash, RSA PKCS#1 v1.5 with SHA-256. */
const KEY_ALGORITHMS: Readonly<Record<StationKeyType, KeyAlgorithm>> = {
  'ECDSA-P256': { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  'ECDSA-P384': { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  'RSA-2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: 'SHA-256' },
  'RSA-3072': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: RSA_EXPONENT, hash: 'SHA-256' },
  'RSA-4096': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: RSA_EXPONENT, hash: 'SHA-256' },
};

/** A new key pair and its CSR; the private key stays inside the store. */
export interface GeneratedCsr {
  csrPem: string;
  privateKeyPem: string;
  spki: Uint8Array;
}

/** X.520 upper bound of CN and O (ub-common-name, ub-organization-name). */
const MAX_NAME = 64;

function checkRequest(request: StationCsrRequest): void {
  for (const [field, value] of [['commonName', request.commonName], ['organizationName', request.organizationName]] as const) {
    if (value.trim() === '' || value.length > MAX_NAME) throw new CertificateStoreError(`CSR ${field} must be 1-${MAX_NAME} characters, got ${value.length}`);
  }
  if (request.country !== undefined && !/^[A-Z]{2}$/.test(request.country)) throw new CertificateStoreError(`CSR country must be two capital letters (ISO 3166), got "${request.country}"`);
  if (request.keyType !== undefined && !(request.keyType in KEY_ALGORITHMS)) throw new CertificateStoreError(`Unknown key type ${String(request.keyType)}`);
}

/**
 * A02/A03: generates a new key pair with WebCrypto and a PKCS#10 CSR signed with it, subject C (optional), O =
 * OrganizationName and CN = the serial number (A00.FR.404/405).
 */
export async function generateCsr(request: StationCsrRequest): Promise<GeneratedCsr> {
  checkRequest(request);
  const algorithm = KEY_ALGORITHMS[request.keyType ?? 'ECDSA-P256'];
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const name: JsonName = [...(request.country === undefined ? [] : [{ C: [request.country] }]), { O: [request.organizationName] }, { CN: [request.commonName] }];
  const csr = await Pkcs10CertificateRequestGenerator.create({ name, keys, signingAlgorithm: algorithm }, webcrypto);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return {
    csrPem: csr.toString('pem'),
    privateKeyPem: PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    spki: new Uint8Array(csr.publicKey.rawData),
  };
}
