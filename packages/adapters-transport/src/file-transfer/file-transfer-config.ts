import type { FileTransferProtocol } from '@evstation/core';
import { TransportConfigError } from '../transport-config-error.js';

/** Settings of {@link NodeFileTransfer}. */
export interface FileTransferConfig {
  /** Where downloaded artifacts are written (created with mode 0700 when missing). */
  downloadDirectory: string;
  /** Trusted CAs (PEM) for HTTPS and FTPS; when given they replace Node's bundled roots (default: Node's roots). */
  caCertificates?: readonly string[];
  /** Protocols served (default HTTP, HTTPS, FTP, FTPS); others are refused as protocol-unsupported. */
  protocols?: readonly FileTransferProtocol[];
  /** TCP (and TLS) connect timeout in ms (default 30 000). */
  connectTimeoutMs?: number;
  /** A transfer with no answer or no data for this long fails with timeout, in ms (default 60 000). */
  idleTimeoutMs?: number;
  /** Largest download in bytes, also the cap for DownloadRequest.maxBytes (default 512 MiB). */
  maxDownloadBytes?: number;
  /** HTTP redirects followed on a download (default 5); uploads follow none. */
  maxRedirects?: number;
}

/** The config with its defaults applied. */
export type ResolvedFileTransferConfig = Required<Omit<FileTransferConfig, 'caCertificates'>> & Pick<FileTransferConfig, 'caCertificates'>;

const ALL_PROTOCOLS: readonly FileTransferProtocol[] = ['HTTP', 'HTTPS', 'FTP', 'FTPS'];
const SERVED: ReadonlySet<FileTransferProtocol> = new Set(ALL_PROTOCOLS);

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || !Number.isInteger(v) || v < 0 || (v === 0 && !allowZero)) {
    throw new TransportConfigError(`File transfer: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${String(value)}`);
  }
  return v;
}

/** Applies defaults and checks the settings, with a clear error for a bad one. */
export function resolveFileTransferConfig(config: FileTransferConfig): ResolvedFileTransferConfig {
  if (typeof config.downloadDirectory !== 'string' || config.downloadDirectory === '') {
    throw new TransportConfigError('File transfer: downloadDirectory is required');
  }
  const protocols = config.protocols ?? ALL_PROTOCOLS;
  const unknown = protocols.filter((p) => !SERVED.has(p));
  if (unknown.length > 0) throw new TransportConfigError(`File transfer: protocols not served by this adapter: ${unknown.join(', ')}`);
  if (config.caCertificates !== undefined && config.caCertificates.some((pem) => !pem.includes('-----BEGIN CERTIFICATE-----'))) {
    throw new TransportConfigError('File transfer: caCertificates must be PEM certificates');
  }
  return {
    downloadDirectory: config.downloadDirectory,
    ...(config.caCertificates === undefined ? {} : { caCertificates: config.caCertificates }),
    protocols,
    connectTimeoutMs: positive('connectTimeoutMs', config.connectTimeoutMs, 30_000),
    idleTimeoutMs: positive('idleTimeoutMs', config.idleTimeoutMs, 60_000),
    maxDownloadBytes: positive('maxDownloadBytes', config.maxDownloadBytes, 512 * 1024 * 1024),
    maxRedirects: positive('maxRedirects', config.maxRedirects, 5, true),
  };
}
