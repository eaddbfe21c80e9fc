import type { ConnectionOptions, PeerCertificate } from 'node:tls';
import type { SecurityProfile, TransportTlsOptions } from '@evstation/core';
import { checkCsmsCertificate } from './csms-certificate-check.js';

/** TLS 1.3 suites offered (libocpp defaults, reliability.md §1.3); without one Node would cap the link at TLS 1.2. */
export const TLS13_CIPHER_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256'] as const;

/** TLS 1.2 suites offered: the ECDHE-ECDSA and RSA GCM families of A00.FR.318/319, no CBC, no SHA-1. */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
] as const;

/** The cipher string given to OpenSSL; SECLEVEL=2 also makes OpenSSL refuse RSA keys under 2048 bits. */
export const OCPP_CIPHER_STRING = [...TLS13_CIPHER_SUITES, ...TLS12_CIPHERS, '@SECLEVEL=2'].join(':');

/** The TLS options that `tls.connect` gets. */
export type StationTlsOptions = Pick<
  ConnectionOptions,
  'ca' | 'cert' | 'key' | 'minVersion' | 'ciphers' | 'rejectUnauthorized' | 'checkServerIdentity' | 'allowPartialTrustChain'
>;

/**
 * TLS client options for security profiles 2 and 3 (A00.FR.308-321, A00.FR.401): only the configured CSMS roots are
 * trusted (Node's bundled store is replaced), TLS >= 1.2, an explicit GCM cipher list, the OCPP identity check, and
 * for profile 3 the station certificate and key. Profiles 0 and 1 get no TLS options.
 */
export function stationTlsOptions(profile: SecurityProfile, tls: TransportTlsOptions | undefined): StationTlsOptions | undefined {
  if (profile < 2 || tls === undefined) return undefined;
  const allowWildcards = tls.allowWildcards === true;
  const options: StationTlsOptions = {
    ca: [...tls.csmsRootCertificates],
    minVersion: 'TLSv1.2',
    ciphers: OCPP_CIPHER_STRING,
    rejectUnauthorized: true,
    // M05 AdditionalRootCertificateCheck: the new CSMS root is cross-signed by the old one and must be trusted on its own.
    allowPartialTrustChain: true,
    checkServerIdentity: (hostname: string, cert: PeerCertificate) => checkCsmsCertificate(hostname, cert, allowWildcards),
  };
  if (profile === 3 && tls.clientCertificateChain !== undefined && tls.clientPrivateKey !== undefined) {
    options.cert = tls.clientCertificateChain;
    options.key = tls.clientPrivateKey;
  }
  return options;
}
