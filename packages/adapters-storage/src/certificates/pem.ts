import { createPrivateKey } from 'node:crypto';
import { Pkcs10CertificateRequest, X509Certificate } from './x509.js';

/** PEM text that is not what it should be; the message says what and where, never the content. */
export class PemError extends Error {
  override readonly name = 'PemError';
}

/** One PEM block: its label (e.g. CERTIFICATE) and its base64 body. */
export interface PemBlock {
  label: string;
  base64: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The PEM blocks of `text` in order (text between blocks is ignored, as openssl does); throws PemError for a malformed block. */
export function pemBlocks(text: string, what: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = '', endLabel = ''] = match;
    if (label !== endLabel) throw new PemError(`${what}: PEM block BEGIN ${label} ends with END ${endLabel}`);
    const base64 = body.replace(/\s+/g, '');
    if (base64 === '' || !BASE64.test(base64) || base64.length % 4 !== 0) throw new PemError(`${what}: PEM block ${label} is not valid base64`);
    blocks.push({ label, base64 });
  }
  return blocks;
}

/** Parses every CERTIFICATE block; throws PemError when there is none or one is not X.509 DER. */
export function parseCertificates(text: string, what: string): X509Certificate[] {
  const blocks = pemBlocks(text, what).filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) throw new PemError(`${what}: no PEM CERTIFICATE block`);
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block.base64);
    } catch (error) {
      throw new PemError(`${what}: certificate ${index + 1} is not a valid X.509 certificate (${(error as Error).message.slice(0, 120)})`);
    }
  });
}

/** The one PRIVATE KEY block of `text`, checked by Node's key parser; the error never quotes the key. */
export function parsePrivateKey(text: string, what: string): string {
  const blocks = pemBlocks(text, what).filter((b) => b.label === 'PRIVATE KEY');
  if (blocks.length !== 1) throw new PemError(`${what}: expected one PEM PRIVATE KEY block, found ${blocks.length}`);
  const pem = toPem(blocks[0]!);
  try {
    createPrivateKey(pem);
  } catch {
    throw new PemError(`${what}: the PRIVATE KEY block is not a readable PKCS#8 key`);
  }
  return pem;
}

/** The one CERTIFICATE REQUEST block of `text`. */
export function parseCsr(text: string, what: string): Pkcs10CertificateRequest {
  const blocks = pemBlocks(text, what).filter((b) => b.label === 'CERTIFICATE REQUEST');
  if (blocks.length !== 1) throw new PemError(`${what}: expected one PEM CERTIFICATE REQUEST block, found ${blocks.length}`);
  try {
    return new Pkcs10CertificateRequest(blocks[0]!.base64);
  } catch (error) {
    throw new PemError(`${what}: not a valid PKCS#10 request (${(error as Error).message.slice(0, 120)})`);
  }
}

/** A block as PEM text with 64-character lines. */
export function toPem(block: PemBlock): string {
  const lines = block.base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${block.label}-----\n${lines.join('\n')}\n-----END ${block.label}-----\n`;
}

/** A certificate as PEM text. */
export function certificatePem(certificate: X509Certificate): string {
  return toPem({ label: 'CERTIFICATE', base64: Buffer.from(certificate.rawData).toString('base64') });
}
