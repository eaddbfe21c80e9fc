import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-classifier.js';

const eproto = (alert: number, text: string): { code: string; message: string } => ({
  code: 'EPROTO',
  message: `write EPROTO 80AC21B6F57F0000:error:0A000410:SSL routines:ssl3_read_bytes:${text}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number ${alert}`,
});

describe('classifyFailure (reliability.md §1.5, §4.1 table)', () => {
  it('A00.FR.313 a protocol_version alert (TLS 1.1-only CSMS) is InvalidTLSVersion', () => {
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: eproto(70, 'tlsv1 alert protocol version') })).toMatchObject({
      reason: 'tls-failed',
      securityEvent: 'InvalidTLSVersion',
      detail: 'TLS alert 70 (protocol_version) from the CSMS',
    });
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', message: 'x' } }).securityEvent).toBe(
      'InvalidTLSVersion',
    );
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' } }).securityEvent).toBe(
      'InvalidTLSVersion',
    );
  });

  it('A00.FR.318 a handshake_failure alert (no shared suite) is InvalidTLSCipherSuite under profile 2', () => {
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: eproto(40, 'sslv3 alert handshake failure') })).toMatchObject({
      reason: 'tls-failed',
      securityEvent: 'InvalidTLSCipherSuite',
    });
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', message: 'x' } }).securityEvent).toBe(
      'InvalidTLSCipherSuite',
    );
  });

  it('A00.FR.402 under profile 3 a handshake_failure alert means our certificate was refused: no cipher event', () => {
    const result = classifyFailure({ phase: 'tls', securityProfile: 3, error: eproto(40, 'sslv3 alert handshake failure') });
    expect(result).toMatchObject({ reason: 'tls-failed', clientCertificateRefused: true });
    expect(result.securityEvent).toBeUndefined();
  });

  it('alerts about our own certificate (certificate_required, unknown_ca, bad_certificate) raise no CSMS event', () => {
    for (const code of ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE']) {
      const result = classifyFailure({ phase: 'upgrade', securityProfile: 3, error: { code, message: 'alert' } });
      expect(result).toMatchObject({ reason: 'tls-failed', clientCertificateRefused: true });
      expect(result.securityEvent).toBeUndefined();
    }
  });

  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
    ['CERT_HAS_EXPIRED', 'certificate has expired'],
    ['CERT_NOT_YET_VALID', 'certificate is not yet valid'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"],
    ['ERR_CSMS_CERT_WILDCARD', 'CSMS certificate has a wildcard name'],
    ['ERR_CSMS_CERT_WEAK_KEY', 'CSMS certificate RSA key has 1024 bits'],
    ['UNSPECIFIED', 'EE certificate key too weak'],
  ])('A00.FR.310 %s is InvalidCsmsCertificate', (code, message) => {
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code, message } })).toMatchObject({
      reason: 'tls-failed',
      securityEvent: 'InvalidCsmsCertificate',
      detail: `${code}: ${message}`,
    });
  });

  it('a TLS socket that marked the CSMS certificate unauthorized is InvalidCsmsCertificate whatever the error says', () => {
    expect(classifyFailure({ phase: 'tls', securityProfile: 3, csmsCertificateRejected: true, error: { message: 'odd' } }).securityEvent).toBe(
      'InvalidCsmsCertificate',
    );
  });

  it('reliability §1.5 HTTP 401 and 403 on the upgrade are FailedToAuthenticateAtCsms; other statuses are plain failures', () => {
    expect(classifyFailure({ phase: 'upgrade', securityProfile: 1, httpStatus: 401 })).toEqual({
      reason: 'unauthorized',
      securityEvent: 'FailedToAuthenticateAtCsms',
      detail: 'HTTP 401 on the websocket upgrade',
    });
    expect(classifyFailure({ phase: 'upgrade', securityProfile: 2, httpStatus: 403 }).securityEvent).toBe('FailedToAuthenticateAtCsms');
    expect(classifyFailure({ phase: 'upgrade', securityProfile: 1, httpStatus: 302 })).toEqual({
      reason: 'connection-failed',
      detail: 'HTTP 302 on the websocket upgrade',
    });
  });

  it('network errors are connection-failed before the websocket opened and network-error after', () => {
    const refused = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' };
    expect(classifyFailure({ phase: 'tcp', securityProfile: 0, error: refused })).toEqual({ reason: 'connection-failed', detail: refused.message });
    expect(classifyFailure({ phase: 'open', securityProfile: 0, error: { code: 'ECONNRESET', message: 'read ECONNRESET' } }).reason).toBe('network-error');
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code: 'ECONNRESET', message: 'socket disconnected' } }).reason).toBe('tls-failed');
  });

  it('R10 a frame over maxPayload is payload-too-large', () => {
    expect(classifyFailure({ phase: 'open', securityProfile: 0, error: { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', message: 'Max payload size exceeded' } }).reason).toBe(
      'payload-too-large',
    );
  });

  it('keeps detail within the 255 characters of techInfo', () => {
    expect(classifyFailure({ phase: 'tls', securityProfile: 2, error: { code: 'CERT_HAS_EXPIRED', message: 'x'.repeat(400) } }).detail).toHaveLength(255);
  });
});
