import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { TransportConnectionOptions, TransportTlsOptions } from '@evstation/core';
import { TransportConfigError } from './transport-config-error.js';

/** Largest frame accepted from the CSMS when the options do not say (reliability.md §4.4). */
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Seconds allowed for TCP + TLS + websocket handshakes when the options do not say (reliability.md §4.4). */
export const DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 30;

/** Longest identity allowed (Part 4 §3.1.1: identifierString of at most 48 characters). */
export const MAX_IDENTITY_LENGTH = 48;

/**
 * Refuses connection options that cannot be right (R9; A00.FR.202-205, A00.FR.308, A00.FR.401): profile >= 2 with ws://,
 * profiles 1/2 without a password, profile 2/3 without a CSMS root, profile 3 without a station certificate and key,
 * an identity with ':' or over 48 characters. Throws TransportConfigError; messages never hold secrets.
 */
export function validateConnectionOptions(options: TransportConnectionOptions): void {
  const { securityProfile: profile } = options;
  if (![0, 1, 2, 3].includes(profile)) fail(`securityProfile must be 0, 1, 2 or 3 (got ${String(profile)})`);
  validateIdentity(options.identity);
  validateUrl(options.csmsUrl, profile);
  if ((profile === 1 || profile === 2) && (options.basicAuthPassword ?? '') === '') {
    fail(`security profile ${profile} needs basicAuthPassword (HTTP Basic authentication, A00.FR.202)`);
  }
  if (profile >= 2) validateTls(options.tls, profile);
  validateNumbers(options);
  if (options.localAddress !== undefined && options.localAddress.trim() === '') {
    fail('localAddress must be an IP address or a network interface name when given');
  }
}

function validateIdentity(identity: string): void {
  if (identity.length === 0) fail('identity must not be empty');
  if (identity.length > MAX_IDENTITY_LENGTH) {
    fail(`identity must be at most ${MAX_IDENTITY_LENGTH} characters (got ${identity.length})`);
  }
  if (identity.includes(':')) fail("identity must not contain ':' (it is the HTTP Basic user name)");
}

function validateUrl(csmsUrl: string, profile: number): void {
  let url: URL;
  try {
    url = new URL(csmsUrl);
  } catch {
    fail('csmsUrl is not a valid URL'); // not echoed: a malformed URL may hold credentials
  }
  if (url.username !== '' || url.password !== '') fail('csmsUrl must not carry credentials; use basicAuthPassword');
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') fail(`csmsUrl must start with ws:// or wss:// (got ${url.protocol}//)`);
  if (url.hash !== '' || url.search !== '') fail('csmsUrl must not have a query or fragment; the identity is appended as a path segment');
  if (profile >= 2 && url.protocol !== 'wss:') fail(`security profile ${profile} needs a wss:// csmsUrl (TLS)`);
  if (profile <= 1 && url.protocol !== 'ws:') {
    fail(`security profile ${profile} uses ws:// without TLS; use security profile 2 or 3 for a wss:// csmsUrl`);
  }
}

function validateTls(tls: TransportTlsOptions | undefined, profile: number): void {
  if (tls === undefined || tls.csmsRootCertificates.length === 0) {
    fail(`security profile ${profile} needs tls.csmsRootCertificates (the CSMS root store, A00.FR.308)`);
  }
  tls.csmsRootCertificates.forEach((pem, index) => {
    if (!parsesAsCertificate(pem)) fail(`tls.csmsRootCertificates[${index}] is not a PEM certificate`);
  });
  if (profile !== 3) return;
  const chain = tls.clientCertificateChain ?? '';
  const key = tls.clientPrivateKey ?? '';
  if (chain === '' || key === '') {
    fail('security profile 3 needs tls.clientCertificateChain and tls.clientPrivateKey (the station certificate, A00.FR.401)');
  }
  if (!parsesAsCertificate(chain)) fail('tls.clientCertificateChain is not a PEM certificate');
  if (!leafMatchesKey(chain, key)) fail('tls.clientPrivateKey is not a valid private key for tls.clientCertificateChain');
}

function validateNumbers(options: TransportConnectionOptions): void {
  const { retryBackOff: backOff } = options;
  nonNegative('pingIntervalSeconds', options.pingIntervalSeconds);
  nonNegative('retryBackOff.waitMinimumSeconds', backOff.waitMinimumSeconds);
  nonNegative('retryBackOff.randomRangeSeconds', backOff.randomRangeSeconds);
  nonNegative('retryBackOff.repeatTimes', backOff.repeatTimes);
  if (!Number.isInteger(backOff.repeatTimes)) fail('retryBackOff.repeatTimes must be a whole number');
  if (options.maxPayloadBytes !== undefined && !(Number.isInteger(options.maxPayloadBytes) && options.maxPayloadBytes > 0)) {
    fail('maxPayloadBytes must be a positive whole number of bytes');
  }
  if (options.handshakeTimeoutSeconds !== undefined && !(Number.isFinite(options.handshakeTimeoutSeconds) && options.handshakeTimeoutSeconds > 0)) {
    fail('handshakeTimeoutSeconds must be a positive number');
  }
}

function nonNegative(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) fail(`${name} must be a finite number >= 0`);
}

function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

function leafMatchesKey(chainPem: string, keyPem: string): boolean {
  try {
    return new X509Certificate(chainPem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

function fail(message: string): never {
  throw new TransportConfigError(`Invalid transport configuration: ${message}`);
}
