import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PemPair } from '@evstation/adapters-transport/testing';
import { makeStoreKit, makeTestRoots, type StoreKit } from './certificates.test-kit.js';

const { ca, csmsRoot } = makeTestRoots();
const nextCsmsRoot = ca.issue('tls-next-root', { subject: '/CN=Next CSMS Root', ca: true, issuer: csmsRoot });
const oldServer = ca.issue('tls-old-server', { subject: '/CN=localhost', issuer: csmsRoot, serverName: 'localhost' });
const newServer = ca.issue('tls-new-server', { subject: '/CN=localhost', issuer: nextCsmsRoot, serverName: 'localhost' });
afterAll(() => ca.cleanup());

const withCheck = { additionalRootCertificateCheck: true };
const servers: Server[] = [];
let kit: StoreKit;
beforeEach(async () => {
  kit = makeStoreKit();
  await kit.store.installRootCertificate('CSMSRootCertificate', csmsRoot.cert, withCheck);
  await kit.store.installRootCertificate('CSMSRootCertificate', nextCsmsRoot.cert, withCheck);
});
afterEach(async () => {
  kit.cleanup();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A TLS server presenting `pair` (its leaf only, as a CSMS usually does). */
async function serve(pair: PemPair): Promise<number> {
  const server = createServer({ key: pair.key, cert: pair.cert }, (socket) => socket.end());
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Whether a handshake trusting only `ca` succeeds (the transport's settings: no system store, partial chains allowed). */
async function handshake(port: number, ca: readonly string[]): Promise<boolean> {
  const socket = connect({ host: '127.0.0.1', servername: 'localhost', port, ca: [...ca], allowPartialTrustChain: true });
  try {
    await once(socket, 'secureConnect');
    return socket.authorized;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

describe('tlsMaterial with AdditionalRootCertificateCheck, on real TLS handshakes (M05.FR.11-13)', () => {
  it('TC_M_30_CS the new (cross-signed) root alone verifies the CSMS it issued, also after the fallback is gone', async () => {
    const port = await serve(newServer);
    expect(await handshake(port, kit.store.tlsMaterial().csmsRootCertificates)).toBe(true);
    await kit.store.csmsConnectionSucceeded(false);
    expect(kit.store.tlsMaterial().fallbackCsmsRootCertificates).toEqual([]);
    expect(await handshake(port, kit.store.tlsMaterial().csmsRootCertificates)).toBe(true);
  });

  it('TC_M_31_CS a CSMS still on the old root fails with the new root and succeeds with the fallback added (M05.FR.13)', async () => {
    const port = await serve(oldServer);
    const material = kit.store.tlsMaterial();
    expect(await handshake(port, material.csmsRootCertificates)).toBe(false);
    expect(await handshake(port, [...material.csmsRootCertificates, ...material.fallbackCsmsRootCertificates])).toBe(true);
  });
});
