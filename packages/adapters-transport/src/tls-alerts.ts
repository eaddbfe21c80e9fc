/** TLS alert descriptions (RFC 8446 §6) that the failure classifier distinguishes. */
export const TLS_ALERT_NAMES: Readonly<Record<number, string>> = {
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  48: 'unknown_ca',
  49: 'access_denied',
  70: 'protocol_version',
  71: 'insufficient_security',
  116: 'certificate_required',
};

/** Node error codes that stand for a TLS alert received from the peer. */
const ALERT_CODES: Readonly<Record<string, number>> = {
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 40,
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 42,
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: 43,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: 44,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 45,
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: 46,
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 48,
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 49,
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 70,
  ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY: 71,
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 116,
};

/**
 * The TLS alert a Node error reports having received, if any: from its `code` (ERR_SSL_*_ALERT_*) or, for the
 * `EPROTO` errors Node raises on a write, from OpenSSL's "SSL alert number N" in the message.
 */
export function receivedTlsAlert(error: { code?: string | undefined; message: string }): number | undefined {
  const byCode = error.code === undefined ? undefined : ALERT_CODES[error.code];
  if (byCode !== undefined) return byCode;
  const match = /SSL alert number (\d+)/.exec(error.message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
