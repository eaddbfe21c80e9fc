import { describe, expect, it } from 'vitest';
import type { TransportConnectionOptions, TransportEvents } from '../ports/transport.port.js';
import { Router } from '../rpc/router.js';
import { RpcEndpoint } from '../rpc/rpc-endpoint.js';
import { createInMemoryStationStores } from '../storage-memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { flushMicrotasks } from '../testing/clock-driver.js';
import { FakeTransport } from '../testing/fake-transport.js';
import { MemoryLogger } from '../testing/memory-logger.js';
import { testStationModel } from './charge-point.test-kit.js';
import { ConnectionManager, type ConnectionTlsMaterial } from './connection-manager.js';

/** A transport that refuses settings as WsTransport does (TransportConfigError) while `refuse` is set. */
class RefusingTransport extends FakeTransport {
  refuse: string | undefined = 'security profile 2 needs tls.csmsRootCertificates (the CSMS root store, A00.FR.308)';
  attempts = 0;
  lastEvents: TransportEvents | undefined;

  override connect(options: TransportConnectionOptions, events: TransportEvents): void {
    this.attempts += 1;
    if (this.refuse !== undefined) throw new Error(`Invalid transport configuration: ${this.refuse}`);
    this.lastEvents = events;
    super.connect(options, events);
  }
}

const OLD_ROOT = '-----BEGIN CERTIFICATE-----\nold\n-----END CERTIFICATE-----\n';
const NEW_ROOT = '-----BEGIN CERTIFICATE-----\nnew\n-----END CERTIFICATE-----\n';

function manager(material: ConnectionTlsMaterial = { csmsRootCertificates: [] }) {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const stores = createInMemoryStationStores();
  const deviceModel = testStationModel({ store: stores.deviceModel, logger, clock }, 2);
  stores.networkProfiles.set({
    configurationSlot: 1,
    profile: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'wss://csms.test/ocpp', messageTimeout: 30, securityProfile: 2, ocppInterface: 'Wired0' },
  });
  const transport = new RefusingTransport();
  const connected: number[] = [];
  const tlsConnections: boolean[] = [];
  const connections = new ConnectionManager({
    transport,
    endpoint: new RpcEndpoint({ clock, logger, dispatcher: new Router([]) }, 30_000),
    deviceModel,
    profiles: stores.networkProfiles,
    logger,
    tlsMaterial: () => material,
    events: {
      connected: (slot) => connected.push(slot),
      disconnected: () => undefined,
      securityEvent: () => undefined,
      tlsConnected: (usedFallback) => tlsConnections.push(usedFallback),
    },
  });
  return { connections, transport, logger, connected, tlsConnections };
}

describe('ConnectionManager and the fallback CSMS root (M05)', () => {
  it('M05.FR.13 after a TLS failure it connects trusting the previous root too; M05.FR.12 every connection with those settings counts as through the fallback', async () => {
    const { connections, transport, tlsConnections } = manager({ csmsRootCertificates: [NEW_ROOT], fallbackCsmsRootCertificates: [OLD_ROOT] });
    transport.refuse = undefined;
    connections.start();
    expect(transport.options?.tls?.csmsRootCertificates).toEqual([NEW_ROOT]);
    transport.lastEvents?.onDisconnected({ reason: 'tls-failed' });
    await flushMicrotasks(20);
    expect(transport.attempts).toBe(2);
    expect(transport.options?.tls?.csmsRootCertificates).toEqual([NEW_ROOT, OLD_ROOT]);
    transport.acceptConnection();
    // The link drops and the transport reconnects on its own with the same settings (no new connect()).
    transport.closeLink('network-error');
    transport.acceptConnection();
    expect(transport.attempts).toBe(2);
    expect(tlsConnections).toEqual([true, true]);
    // A fresh connection (e.g. after a reconnect) tries the new root alone again; its success may drop the fallback.
    await connections.reconnect();
    expect(transport.options?.tls?.csmsRootCertificates).toEqual([NEW_ROOT]);
    transport.acceptConnection();
    expect(tlsConnections).toEqual([true, true, false]);
  });
});

describe('ConnectionManager and changed TLS material', () => {
  it('M05/A02: a failed attempt after InstallCertificate or CertificateSigned connects again with the current roots and certificate', async () => {
    const material: ConnectionTlsMaterial = { csmsRootCertificates: [OLD_ROOT] };
    const { connections, transport } = manager(material);
    transport.refuse = undefined;
    connections.start();
    expect(transport.options?.tls?.csmsRootCertificates).toEqual([OLD_ROOT]);
    // Unchanged material: the transport's own back-off goes on (no new connect()).
    transport.lastEvents?.onDisconnected({ reason: 'tls-failed' });
    await flushMicrotasks(20);
    expect(transport.attempts).toBe(1);
    material.csmsRootCertificates = [NEW_ROOT];
    transport.lastEvents?.onDisconnected({ reason: 'tls-failed' });
    await flushMicrotasks(20);
    expect(transport.attempts).toBe(2);
    expect(transport.options?.tls?.csmsRootCertificates).toEqual([NEW_ROOT]);
  });
});

describe('ConnectionManager when the transport refuses the settings', () => {
  it('M04/TC_M_20_CS aftermath: start() neither throws nor retries in a loop; the refusal is logged as an error', () => {
    // No CSMS root left (the CSMS deleted it with DeleteCertificate, TC_M_20).
    const { connections, transport, logger } = manager();
    expect(() => connections.start()).not.toThrow();
    expect(transport.attempts).toBe(1);
    const errors = logger.entries.filter((e) => e.level === 'error');
    expect(errors.map((e) => e.message)).toEqual(['Cannot connect with this network profile; offline until the next reconnect or restart']);
    expect(errors[0]?.fields).toMatchObject({ slot: 1, securityProfile: 2, err: expect.stringContaining('tls.csmsRootCertificates') as unknown });
  });

  it('reconnect() resolves instead of rejecting (an unhandled rejection would end the process), and connects once the settings are usable', async () => {
    const { connections, transport, connected } = manager();
    connections.start();
    await expect(connections.reconnect()).resolves.toBeUndefined();
    expect(transport.attempts).toBe(2);
    transport.refuse = undefined;
    await connections.reconnect();
    transport.acceptConnection();
    expect(connected).toEqual([1]);
  });
});
