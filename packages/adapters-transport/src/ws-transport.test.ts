import { networkInterfaces } from 'node:os';
import type { TransportConnectionOptions } from '@evstation/core';
import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingTransportEvents } from './testing/recording-transport-events.js';
import { startSilentServer, startTestCsms, unusedPort, type TestCsms, type TestCsmsOptions } from './testing/test-csms.js';
import { WsTransport } from './ws-transport.js';

const PASSWORD = 'Sup3r-Secret-Passw0rd-4711';
const backOff = { waitMinimumSeconds: 3, randomRangeSeconds: 10, repeatTimes: 2 };

/** Mulberry32: a seeded random in [0, 1) so jitter is reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Harness {
  clock: FakeClock;
  logger: MemoryLogger;
  transport: WsTransport;
  events: RecordingTransportEvents;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function csms(options: TestCsmsOptions = {}): Promise<TestCsms> {
  const server = await startTestCsms(options);
  cleanups.push(() => server.close());
  return server;
}

function station(options: Partial<TransportConnectionOptions> & { csmsUrl: string }, random?: () => number): Harness {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const transport = new WsTransport(random === undefined ? { clock, logger } : { clock, logger, random });
  const events = new RecordingTransportEvents();
  cleanups.push(() => transport.disconnect());
  transport.connect(
    { identity: 'CS-001', securityProfile: 0, pingIntervalSeconds: 0, retryBackOff: backOff, ...options },
    events,
  );
  return { clock, logger, transport, events };
}

describe('WsTransport over ws:// (profiles 0 and 1)', () => {
  it('profile 0 connects to base URL + percent-encoded identity, offers ocpp2.0.1 and sends no Authorization', async () => {
    const server = await csms();
    const h = station({ csmsUrl: `${server.url()}/ocpp`, identity: 'CS 001/ä' });
    await h.events.connected.next();
    const connection = await server.connections.next();
    expect(connection.request.url).toBe('/ocpp/CS%20001%2F%C3%A4');
    expect(connection.request.headers['sec-websocket-protocol']).toBe('ocpp2.0.1');
    expect(connection.request.headers.authorization).toBeUndefined();
    expect(connection.socket.protocol).toBe('ocpp2.0.1');
    expect(h.transport.isConnected()).toBe(true);
  });

  it('A00.FR.202 profile 1 sends Authorization: Basic base64(identity:password) on the upgrade', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url(), securityProfile: 1, basicAuthPassword: PASSWORD });
    await h.events.connected.next();
    const connection = await server.connections.next();
    expect(connection.request.headers.authorization).toBe(`Basic ${Buffer.from(`CS-001:${PASSWORD}`).toString('base64')}`);
  });

  it('carries text frames both ways; send() is false when not connected', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url() });
    expect(h.transport.send('[2,"early","Heartbeat",{}]')).toBe(false);
    await h.events.connected.next();
    const connection = await server.connections.next();
    expect(h.transport.send('[2,"1","Heartbeat",{}]')).toBe(true);
    expect(await connection.messages.next()).toBe('[2,"1","Heartbeat",{}]');
    connection.socket.send('[3,"1",{"currentTime":"2026-01-01T00:00:00Z"}]');
    expect(await h.events.messages.next()).toBe('[3,"1",{"currentTime":"2026-01-01T00:00:00Z"}]');
  });

  it('Part 4 §3.2 closes the connection when the CSMS does not accept ocpp2.0.1 (subprotocol-rejected)', async () => {
    const server = await csms({ acceptSubprotocol: false });
    const h = station({ csmsUrl: server.url() });
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'subprotocol-rejected' });
    expect(server.requests[0]?.headers['sec-websocket-protocol']).toBe('ocpp2.0.1');
    expect(h.events.connected.all).toHaveLength(0);
    expect(h.transport.isConnected()).toBe(false);
  });

  it('A04 / reliability §1.5 HTTP 401 on the upgrade is FailedToAuthenticateAtCsms, reported once over several attempts', async () => {
    const server = await csms({ rejectUpgradeWith: 401 });
    const h = station({ csmsUrl: server.url(), securityProfile: 1, basicAuthPassword: PASSWORD });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await h.events.disconnects.next()).toMatchObject({ reason: 'unauthorized', detail: 'HTTP 401 on the websocket upgrade' });
      if (attempt < 2) await h.clock.runNext();
    }
    expect(server.requests).toHaveLength(3);
    expect(h.events.securityEvents.all).toEqual([{ type: 'FailedToAuthenticateAtCsms', techInfo: 'HTTP 401 on the websocket upgrade' }]);
  });

  it('a successful connection ends the failure streak: the next 401 streak is reported again', async () => {
    const server = await csms({ rejectUpgradeWith: 403 });
    const h = station({ csmsUrl: server.url(), securityProfile: 1, basicAuthPassword: PASSWORD });
    await h.events.disconnects.next();
    server.setRejectUpgradeWith(undefined);
    await h.clock.runNext();
    await h.events.connected.next();
    server.setRejectUpgradeWith(403);
    (await server.connections.next()).socket.close(1001);
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'closed-by-csms', code: 1001 });
    await h.clock.runNext();
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'unauthorized' });
    expect(h.events.securityEvents.all.map((e) => e.type)).toEqual(['FailedToAuthenticateAtCsms', 'FailedToAuthenticateAtCsms']);
  });

  it('does not follow redirects: a 302 on the upgrade is a failed attempt', async () => {
    const server = await csms({ rejectUpgradeWith: 302 });
    const h = station({ csmsUrl: server.url() });
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'connection-failed', detail: 'HTTP 302 on the websocket upgrade' });
    expect(server.requests).toHaveLength(1);
  });

  it('R10 a frame over maxPayload closes with 1009 (payload-too-large), then reconnects', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url(), maxPayloadBytes: 1024 });
    await h.events.connected.next();
    const first = await server.connections.next();
    first.socket.send('x'.repeat(1024));
    expect(await h.events.messages.next()).toHaveLength(1024);
    first.socket.send('x'.repeat(1025));
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'payload-too-large', code: 1009 });
    expect(await first.closed).toBe(1009);
    await h.clock.runNext();
    await h.events.connected.next();
    expect(server.requests).toHaveLength(2);
  });
});

describe('WsTransport reconnect back-off (Part 4 §5.3, R7)', () => {
  it('waits min + 0..range, doubles repeatTimes times then stays constant, with new jitter each attempt', async () => {
    const port = await unusedPort();
    const random = seededRandom(42);
    const expected = seededRandom(42);
    const h = station({ csmsUrl: `ws://127.0.0.1:${port}` }, random);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await h.events.disconnects.next()).toMatchObject({ reason: 'connection-failed' });
      expect(h.clock.pendingTimers()).toBe(1);
      const wait = await h.clock.runNext();
      waits.push(wait ?? -1);
    }
    const bases = [3_000, 6_000, 12_000, 12_000, 12_000];
    waits.forEach((wait, i) => {
      expect(wait).toBe(bases[i]! + Math.floor(expected() * 10_000));
      expect(wait).toBeGreaterThanOrEqual(bases[i]!);
      expect(wait).toBeLessThan(bases[i]! + 10_000);
    });
    expect(new Set(waits.map((w, i) => w - bases[i]!)).size).toBe(5);
  });

  it('resets the back-off after a successful connection', async () => {
    const port = await unusedPort();
    const h = station({ csmsUrl: `ws://127.0.0.1:${port}` }, () => 0);
    await h.events.disconnects.next();
    expect(await h.clock.runNext()).toBe(3_000);
    await h.events.disconnects.next();
    expect(h.clock.msUntilNextTimer()).toBe(6_000);
    const server = await csms({ port });
    await h.clock.runNext();
    await h.events.connected.next();
    (await server.connections.next()).socket.terminate();
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'network-error', code: 1006 });
    expect(h.clock.msUntilNextTimer()).toBe(3_000);
  });
});

describe('WsTransport dead-link detection (WebSocketPingInterval, R11)', () => {
  it('terminates with ping-timeout when the CSMS does not answer a ping by the next one, then reconnects', async () => {
    const server = await csms({ autoPong: false });
    const h = station({ csmsUrl: server.url(), pingIntervalSeconds: 10 }, () => 0);
    await h.events.connected.next();
    const first = await server.connections.next();
    expect(h.clock.msUntilNextTimer()).toBe(10_000);
    await h.clock.advance(10_000);
    await first.pings.next();
    await h.clock.advance(10_000);
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'ping-timeout' });
    await first.closed;
    expect(h.clock.msUntilNextTimer()).toBe(3_000);
    await h.clock.runNext();
    await h.events.connected.next();
  }, 15_000);

  it('keeps a link open while the CSMS answers pings', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url(), pingIntervalSeconds: 10 });
    await h.events.connected.next();
    const connection = await server.connections.next();
    for (let i = 0; i < 3; i += 1) {
      await h.clock.advance(10_000);
      await connection.pings.next();
      await vi.waitFor(() => expect(h.logger.entries.filter((e) => e.message === 'Pong received')).toHaveLength(i + 1));
    }
    expect(h.events.disconnects.all).toHaveLength(0);
    expect(h.transport.isConnected()).toBe(true);
  });
});

describe('WsTransport handshake timeout, disconnect and local binding', () => {
  it('gives up a handshake that does not finish within handshakeTimeoutSeconds', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const h = station({ csmsUrl: `ws://127.0.0.1:${silent.port}`, handshakeTimeoutSeconds: 5 });
    expect(h.clock.msUntilNextTimer()).toBe(5_000);
    await h.clock.advance(5_000);
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'connection-failed', detail: expect.stringContaining('handshake not finished within 5 s') as unknown });
  });

  it('disconnect() closes with 1000, reports closed-locally, and leaves no timer and no reconnect', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url(), pingIntervalSeconds: 10 });
    await h.events.connected.next();
    const connection = await server.connections.next();
    await h.transport.disconnect();
    expect(await connection.closed).toBe(1000);
    expect(await h.events.disconnects.next()).toMatchObject({ reason: 'closed-locally' });
    expect(h.clock.pendingTimers()).toBe(0);
    expect(h.transport.isConnected()).toBe(false);
    expect(h.transport.send('x')).toBe(false);
    await h.clock.advance(3_600_000);
    expect(server.requests).toHaveLength(1);
  });

  it('disconnect() during a back-off wait or a pending handshake stops everything', async () => {
    const port = await unusedPort();
    const waiting = station({ csmsUrl: `ws://127.0.0.1:${port}` });
    await waiting.events.disconnects.next();
    expect(waiting.clock.pendingTimers()).toBe(1);
    await waiting.transport.disconnect();
    expect(waiting.clock.pendingTimers()).toBe(0);

    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const connecting = station({ csmsUrl: `ws://127.0.0.1:${silent.port}` });
    await connecting.transport.disconnect();
    expect(connecting.clock.pendingTimers()).toBe(0);
    expect(connecting.events.disconnects.all).toHaveLength(0);
  });

  it('connect() may be called again after disconnect(), and not twice without it', async () => {
    const server = await csms();
    const h = station({ csmsUrl: server.url() });
    await h.events.connected.next();
    const options = { csmsUrl: server.url(), identity: 'CS-001', securityProfile: 0 as const, pingIntervalSeconds: 0, retryBackOff: backOff };
    expect(() => h.transport.connect(options, h.events)).toThrow(/already connecting or connected/);
    await h.transport.disconnect();
    h.transport.connect(options, h.events);
    await h.events.connected.next();
    expect(server.requests).toHaveLength(2);
  });

  it('binds to a local address or a network interface name', async () => {
    const server = await csms();
    const byAddress = station({ csmsUrl: server.url(), localAddress: '127.0.0.1' });
    await byAddress.events.connected.next();
    expect((await server.connections.next()).request.remoteAddress).toBe('127.0.0.1');
    const loopback = Object.entries(networkInterfaces()).find(([, addresses]) => addresses?.some((a) => a.internal && a.family === 'IPv4'));
    expect(loopback).toBeDefined();
    const byName = station({ csmsUrl: server.url(), localAddress: loopback![0] });
    await byName.events.connected.next();
    expect((await server.connections.next()).request.remoteAddress).toBe('127.0.0.1');
  });

  it('an interface without an address fails the attempt and retries with back-off', async () => {
    const h = station({ csmsUrl: 'ws://127.0.0.1:1', localAddress: 'evs-no-such-if0' });
    expect(await h.events.disconnects.next()).toEqual({ reason: 'connection-failed', code: 1006, detail: 'local interface evs-no-such-if0 has no address' });
    expect(h.clock.pendingTimers()).toBe(1);
  });

  it('refuses configuration that cannot be right before any connection is tried', async () => {
    const server = await csms();
    const transport = new WsTransport({ clock: new FakeClock(), logger: new MemoryLogger() });
    expect(() =>
      transport.connect(
        { csmsUrl: server.url(), identity: 'CS:1', securityProfile: 1, basicAuthPassword: PASSWORD, pingIntervalSeconds: 0, retryBackOff: backOff },
        new RecordingTransportEvents(),
      ),
    ).toThrow(/must not contain ':'/);
    expect(server.requests).toHaveLength(0);
  });
});
