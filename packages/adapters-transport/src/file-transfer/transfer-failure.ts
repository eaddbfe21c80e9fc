import type { FileTransferErrorKind } from '@evstation/core';

/** A classified transfer failure inside the adapter; NodeFileTransfer turns it into the port's outcome (redacted). */
export class TransferFailure extends Error {
  override readonly name = 'TransferFailure';
  constructor(
    readonly kind: FileTransferErrorKind,
    message: string,
  ) {
    super(message);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const LOCAL_FILE_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOSPC', 'EROFS', 'EMFILE']);

/** The code of a Node or undici error, looking through `cause`. */
export function errorCodeOf(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Classifies a library or system error (R9: library errors never cross the port): refused, reset, DNS and TLS
 * failures are network, timeouts timeout, local file errors io, an abort after a cancel cancelled.
 */
export function classifyError(error: unknown, cancelled: boolean): TransferFailure {
  if (error instanceof TransferFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (cancelled) return new TransferFailure('cancelled', 'Transfer cancelled');
  const code = errorCodeOf(error) ?? '';
  if (TIMEOUT_CODES.has(code) || /\btimeout\b/i.test(message)) return new TransferFailure('timeout', message);
  if (NETWORK_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('UNABLE_TO_') || code.startsWith('ERR_SSL_')) {
    return new TransferFailure('network', `${message} (${code})`);
  }
  if (LOCAL_FILE_CODES.has(code)) return new TransferFailure('io', message);
  return new TransferFailure('network', code === '' ? message : `${message} (${code})`);
}
