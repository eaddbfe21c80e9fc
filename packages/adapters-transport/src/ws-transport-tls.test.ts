import type { SecurityProfile, TransportConnectionOptions } from '@evstation/core';
import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RecordingTransportEvents } from './testing/recording-transport-events.js';
import { startTestCsms, type TestCsms, type TestCsmsOptions } from './testing/test-csms.js';
import { createTestPki, type PemPair, type TestPki } from './testing/test-pki.js';
import { WsTransport } from './ws-transport.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd-4711';
const IDENTITY = 'CS-001';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  clock: FakeClock;
  transport: WsTransport;
  events: RecordingTransportEvents;
}

async function csms(certificate: PemPair, tls: Omit<NonNullable<TestCsmsOptions['tls']>, 'cert' | 'key'> = {}): Promise<TestCsms> {
  const server = await startTestCsms({ tls: { cert: certificate.cert, key: certificate.key, ...tls } });
  cleanups.push(() => server.close());
  return server;
}

function station(server: TestCsms, profile: SecurityProfile, extra: Partial<TransportConnectionOptions> = {}, logger = new MemoryLogger()): Harness {
  const clock = new FakeClock();
  const transport = new WsTransport({ clock, logger, random: () => 0 });
  const events = new RecordingTransportEvents();
  cleanups.push(() => transport.disconnect());
  transport.connect(
    {
      csmsUrl: server.url(),
      identity: IDENTITY,
      securityProfile: profile,
      ...(profile === 2 ? { basicAuthPassword: PASSWORD } : {}),
      tls: {
        csmsRootCertificates: [pki.csmsRoot.cert],
        ...(profile === 3 ? { clientCertificateChain: pki.station.cert, clientPrivateKey: pki.station.key } : {}),
      },
      pingIntervalSeconds: 0,
      retryBackOff: { waitMinimumSeconds: 1, randomRangeSeconds: 1, repeatTimes: 2 },
      ...extra,
    },
    events,
  );
  return { clock, transport, events };
}

/** Asserts a TLS failure: the reason, the security event (or none), and that no HTTP request (credentials) reached the CSMS. */
async function expectTlsFailure(h: Harness, server: TestCsms, event: string | undefined): Promise<void> {
  const info = await h.events.disconnects.next();
  expect(info.reason).toBe('tls-failed');
  expect(h.events.securityEvents.all.map((e) => e.type)).toEqual(event === undefined ? [] : [event]);
  expect(h.events.connected.all).toHaveLength(0);
  expect(server.requests).toEqual([]);
}

describe('WsTransport security profile 2 (TLS + Basic auth, A00.FR.3xx)', () => {
  it('A00.FR.308 connects to a CSMS whose certificate chains to the configured root, with TLS 1.3 and Basic auth', async () => {
    const server = await csms(pki.server);
    const h = station(server, 2);
    await h.events.connected.next();
    const connection = await server.connections.next();
    expect(connection.request.headers.authorization).toBe(`Basic ${Buffer.from(`${IDENTITY}:${PASSWORD}`).toString('base64')}`);
    expect(connection.request.headers['sec-websocket-protocol']).toBe('ocpp2.0.1');
    expect(h.transport.send('[2,"1","Heartbeat",{}]')).toBe(true);
    expect(await connection.messages.next()).toBe('[2,"1","Heartbeat",{}]');
  });

  it('A00.FR.318 connects over TLS 1.2 with an RSA-2048 CSMS certificate (ECDHE-RSA-AES-GCM)', async () => {
    const server = await csms(pki.serverRsa2048, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    const h = station(server, 2);
    await h.events.connected.next();
  });

  it('A00.FR.310 refuses a CSMS certificate from an unknown CA (InvalidCsmsCertificate), no upgrade sent', async () => {
    const server = await csms(pki.unknownCaServer);
    const h = station(server, 2);
    await expectTlsFailure(h, server, 'InvalidCsmsCertificate');
    expect(h.events.securityEvents.all[0]?.techInfo).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  });

  it('A00.FR.310 refuses an expired CSMS certificate (InvalidCsmsCertificate), once per failure streak', async () => {
    const server = await csms(pki.expiredServer);
    const h = station(server, 2);
    await expectTlsFailure(h, server, 'InvalidCsmsCertificate');
    for (let retry = 0; retry < 2; retry += 1) {
      await h.clock.runNext();
      expect(await h.events.disconnects.next()).toMatchObject({ reason: 'tls-failed', detail: 'CERT_HAS_EXPIRED: certificate has expired' });
    }
    expect(h.events.securityEvents.all).toHaveLength(1);
    expect(server.requests).toEqual([]);
  });

  it('A00.FR.310 refuses a CSMS certificate that is not yet valid (InvalidCsmsCertificate)', async () => {
    const server = await csms(pki.notYetValidServer);
    await expectTlsFailure(station(server, 2), server, 'InvalidCsmsCertificate');
  });

  it('A00.FR.309 refuses a CSMS certificate for another host (InvalidCsmsCertificate)', async () => {
    const server = await csms(pki.wrongHostServer);
    const h = station(server, 2);
    await expectTlsFailure(h, server, 'InvalidCsmsCertificate');
    expect(h.events.securityEvents.all[0]?.techInfo).toMatch(/^ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('A00.FR.310 refuses a self-signed CSMS certificate (InvalidCsmsCertificate)', async () => {
    const server = await csms(pki.selfSignedServer);
    await expectTlsFailure(station(server, 2), server, 'InvalidCsmsCertificate');
  });

  it('AllowCSMSTLSWildcards=false refuses a wildcard CSMS certificate (InvalidCsmsCertificate)', async () => {
    const server = await csms(pki.wildcardServer);
    const h = station(server, 2);
    await expectTlsFailure(h, server, 'InvalidCsmsCertificate');
    expect(h.events.securityEvents.all[0]?.techInfo).toMatch(/^ERR_CSMS_CERT_WILDCARD/);
  });

  it('AllowCSMSTLSWildcards=true accepts the same wildcard certificate', async () => {
    const server = await csms(pki.wildcardServer);
    const h = station(server, 2, { tls: { csmsRootCertificates: [pki.csmsRoot.cert], allowWildcards: true } });
    await h.events.connected.next();
  });

  it('A00.FR.507 refuses an RSA-1024 CSMS certificate (InvalidCsmsCertificate)', async () => {
    const server = await csms(pki.rsa1024Server);
    await expectTlsFailure(station(server, 2), server, 'InvalidCsmsCertificate');
  });

  it('A00.FR.313 refuses a CSMS that offers only TLS 1.1 (InvalidTLSVersion)', async () => {
    const server = await csms(pki.server, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    const h = station(server, 2);
    await expectTlsFailure(h, server, 'InvalidTLSVersion');
    expect(h.events.securityEvents.all[0]?.techInfo).toBe('TLS alert 70 (protocol_version) from the CSMS');
  });

  it('A00.FR.318 refuses a CSMS that offers only CBC suites (InvalidTLSCipherSuite)', async () => {
    const server = await csms(pki.server, { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA' });
    await expectTlsFailure(station(server, 2), server, 'InvalidTLSCipherSuite');
    expect(server.tlsErrors).toContain('ERR_SSL_NO_SHARED_CIPHER');
  });

  it('trusts only the configured roots: a CSMS root not configured is refused even though the CSMS is valid for it', async () => {
    const server = await csms(pki.server);
    const h = station(server, 2, { tls: { csmsRootCertificates: [pki.stationRoot.cert] } });
    await expectTlsFailure(h, server, 'InvalidCsmsCertificate');
  });
});

describe('WsTransport security profile 3 (mutual TLS, A00.FR.4xx)', () => {
  const mutual = (): Omit<NonNullable<TestCsmsOptions['tls']>, 'cert' | 'key'> => ({ ca: pki.stationRoot.cert, requestCert: true });

  it('A00.FR.401 presents the station certificate (CN = serial number, O = CSO) and sends no Basic auth', async () => {
    const server = await csms(pki.server, mutual());
    const h = station(server, 3);
    await h.events.connected.next();
    const connection = await server.connections.next();
    expect(connection.request.clientCertificate).toEqual({ CN: pki.stationSerialNumber, O: 'EVStation Test CSO' });
    expect(connection.request.headers.authorization).toBeUndefined();
  });

  it('A00.FR.402 a CSMS that requires a client certificate refuses a station that presents none; no upgrade, no CSMS event', async () => {
    const server = await csms(pki.server, mutual());
    const h = station(server, 2);
    await expectTlsFailure(h, server, undefined);
    expect(h.events.disconnects.all[0]?.detail).toBe('TLS alert 116 (certificate_required) from the CSMS');
  });

  it('A00.FR.403 a station certificate from a CA the CSMS does not trust is refused without an InvalidCsmsCertificate event', async () => {
    const server = await csms(pki.server, mutual());
    const h = station(server, 3, {
      tls: { csmsRootCertificates: [pki.csmsRoot.cert], clientCertificateChain: pki.unknownCaStation.cert, clientPrivateKey: pki.unknownCaStation.key },
    });
    const info = await h.events.disconnects.next();
    // Node's TLS 1.3 server drops the link without an alert (the client sees ECONNRESET after its Finished); an
    // OpenSSL peer would send unknown_ca (48). Either way it is not a CSMS-certificate problem.
    expect(['tls-failed', 'connection-failed']).toContain(info.reason);
    expect(h.events.securityEvents.all).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('A00.FR.310 still checks the CSMS certificate under profile 3', async () => {
    const server = await csms(pki.expiredServer, mutual());
    await expectTlsFailure(station(server, 3), server, 'InvalidCsmsCertificate');
  });
});

describe('WsTransport credential hygiene (R9)', () => {
  it('logs at trace level over Basic and TLS cases contain neither the password, its base64 form, nor a private key', async () => {
    const logger = new MemoryLogger();
    const seen: string[] = [];
    const collect = (h: Harness): void => {
      for (const info of h.events.disconnects.all) seen.push(JSON.stringify(info));
      for (const event of h.events.securityEvents.all) seen.push(JSON.stringify(event));
    };
    const plain = await startTestCsms({ rejectUpgradeWith: 401 });
    cleanups.push(() => plain.close());
    const basic = new WsTransport({ clock: new FakeClock(), logger });
    const basicEvents = new RecordingTransportEvents();
    basic.connect(
      { csmsUrl: plain.url(), identity: IDENTITY, securityProfile: 1, basicAuthPassword: PASSWORD, pingIntervalSeconds: 0, retryBackOff: { waitMinimumSeconds: 1, randomRangeSeconds: 0, repeatTimes: 0 } },
      basicEvents,
    );
    await basicEvents.disconnects.next();
    await basic.disconnect();
    seen.push(...basicEvents.disconnects.all.map((i) => JSON.stringify(i)), ...basicEvents.securityEvents.all.map((e) => JSON.stringify(e)));

    const good = station(await csms(pki.server), 2, {}, logger);
    await good.events.connected.next();
    good.transport.send('[2,"1","Heartbeat",{}]');
    const bad = station(await csms(pki.unknownCaServer), 2, {}, logger);
    await bad.events.disconnects.next();
    const mutualStation = station(await csms(pki.server, { ca: pki.stationRoot.cert, requestCert: true }), 3, {}, logger);
    await mutualStation.events.connected.next();
    await Promise.all([good.transport.disconnect(), mutualStation.transport.disconnect()]);
    [good, bad, mutualStation].forEach(collect);

    const text = `${logger.text()}\n${seen.join('\n')}`;
    expect(logger.entries.length).toBeGreaterThan(10);
    expect(text).toContain(IDENTITY);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`${IDENTITY}:${PASSWORD}`).toString('base64'));
    expect(text).not.toMatch(/PRIVATE KEY/);
    expect(text).not.toContain(pki.station.key.split('\n')[1]);
  });
});
