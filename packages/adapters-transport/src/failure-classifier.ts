import type { DisconnectReason, SecurityEventType, SecurityProfile } from '@evstation/core';
import { TLS_ALERT_NAMES, receivedTlsAlert } from './tls-alerts.js';

/** How far a connection attempt got before it failed. */
export type ConnectionPhase = 'tcp' | 'tls' | 'upgrade' | 'open';

/** What is known about one failed attempt or lost connection. */
export interface ConnectionFailure {
  phase: ConnectionPhase;
  securityProfile: SecurityProfile;
  /** The error Node or ws raised, if any. */
  error?: { code?: string | undefined; message: string };
  /** HTTP status of a refused websocket upgrade. */
  httpStatus?: number;
  /** The TLS socket marked the CSMS certificate as not authorized (path, dates, hostname or our own checks). */
  csmsCertificateRejected?: boolean;
}

/** The outcome the transport reports for a failure. */
export interface FailureClassification {
  reason: DisconnectReason;
  securityEvent?: SecurityEventType;
  /** Short and secret-free: safe for techInfo and logs. */
  detail: string;
  /** The CSMS most likely refused the station certificate (profile 3); logged, not a security event of ours. */
  clientCertificateRefused?: boolean;
}

/** Node's certificate verification codes that mean the CSMS certificate or its path is invalid (A00.FR.310). */
const CSMS_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD', 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_CERT_ALTNAME_FORMAT', 'ERR_CSMS_CERT_WILDCARD', 'ERR_CSMS_CERT_WEAK_KEY',
]);

/** Local OpenSSL refusals of the version or suites the CSMS chose. */
const VERSION_CODES = new Set(['ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', 'ERR_SSL_VERSION_TOO_LOW']);
const CIPHER_CODES = new Set(['ERR_SSL_NO_CIPHERS_AVAILABLE', 'ERR_SSL_WRONG_CIPHER_RETURNED', 'ERR_SSL_NO_SHARED_CIPHER']);

/** Alerts by which the CSMS refuses the certificate we presented (or that we presented none). */
const CLIENT_CERTIFICATE_ALERTS = new Set([42, 43, 44, 45, 46, 48, 49, 116]);

/**
 * Maps a failed attempt to its DisconnectReason and security event (reliability.md §1.5 and §4.1): certificate
 * problems -> InvalidCsmsCertificate, alert 70 -> InvalidTLSVersion, alert 40 -> InvalidTLSCipherSuite except under
 * profile 3 (where it more likely means our certificate was refused), HTTP 401/403 -> FailedToAuthenticateAtCsms.
 */
export function classifyFailure(failure: ConnectionFailure): FailureClassification {
  const { error } = failure;
  if (failure.httpStatus !== undefined) return classifyHttpStatus(failure.httpStatus);
  if (failure.csmsCertificateRejected === true || (error?.code !== undefined && CSMS_CERTIFICATE_CODES.has(error.code)) || isWeakKeyMessage(error)) {
    return { reason: 'tls-failed', securityEvent: 'InvalidCsmsCertificate', detail: describe(error, 'CSMS certificate rejected') };
  }
  if (error === undefined) return { reason: failure.phase === 'open' ? 'closed-by-csms' : 'connection-failed', detail: 'connection closed' };
  const alert = receivedTlsAlert(error);
  if (alert !== undefined) return classifyAlert(alert, failure.securityProfile);
  if (error.code !== undefined && VERSION_CODES.has(error.code)) return { reason: 'tls-failed', securityEvent: 'InvalidTLSVersion', detail: describe(error) };
  if (error.code !== undefined && CIPHER_CODES.has(error.code)) return { reason: 'tls-failed', securityEvent: 'InvalidTLSCipherSuite', detail: describe(error) };
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { reason: 'payload-too-large', detail: describe(error) };
  if (failure.phase === 'tls' || error.code?.startsWith('ERR_SSL_') === true || error.code === 'EPROTO') {
    return { reason: 'tls-failed', detail: describe(error) };
  }
  return { reason: failure.phase === 'open' ? 'network-error' : 'connection-failed', detail: describe(error) };
}

function classifyHttpStatus(status: number): FailureClassification {
  if (status === 401 || status === 403) {
    return { reason: 'unauthorized', securityEvent: 'FailedToAuthenticateAtCsms', detail: `HTTP ${status} on the websocket upgrade` };
  }
  return { reason: 'connection-failed', detail: `HTTP ${status} on the websocket upgrade` };
}

function classifyAlert(alert: number, profile: SecurityProfile): FailureClassification {
  const detail = `TLS alert ${alert} (${TLS_ALERT_NAMES[alert] ?? 'other'}) from the CSMS`;
  if (alert === 70) return { reason: 'tls-failed', securityEvent: 'InvalidTLSVersion', detail };
  if (alert === 40 && profile === 3) return { reason: 'tls-failed', detail, clientCertificateRefused: true };
  if (alert === 40 || alert === 71) return { reason: 'tls-failed', securityEvent: 'InvalidTLSCipherSuite', detail };
  if (CLIENT_CERTIFICATE_ALERTS.has(alert)) return { reason: 'tls-failed', detail, clientCertificateRefused: true };
  return { reason: 'tls-failed', detail };
}

/** OpenSSL's own key-size refusal under SECLEVEL=2 reaches Node without a specific code ("EE certificate key too weak"). */
function isWeakKeyMessage(error: ConnectionFailure['error']): boolean {
  return error !== undefined && /certificate key too (weak|small)/i.test(error.message);
}

function describe(error: ConnectionFailure['error'], fallback = 'connection failed'): string {
  if (error === undefined) return fallback;
  const message = error.message.replace(/\s+/g, ' ').trim();
  const text = error.code !== undefined && !message.includes(error.code) ? `${error.code}: ${message}` : message;
  return text.length <= 255 ? text : `${text.slice(0, 252)}...`;
}
