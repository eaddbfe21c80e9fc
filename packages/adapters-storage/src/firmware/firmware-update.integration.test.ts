import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeFileTransfer } from '@evstation/adapters-transport';
import { createFirmwareSigningPki, startTestHttpFileServer, type FirmwareSigningPki, type TestHttpFileServer } from '@evstation/adapters-transport/testing';
import { FirmwareUpdater, type FirmwareStatusNotificationRequest, type SecurityEvent, type StationStores, type UpdateFirmwareRequest } from '@evstation/core';
import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStationStores } from '../open-sqlite-station-stores.js';
import { NodeFirmwareVerifier } from './node-firmware-verifier.js';

const FIRMWARE = Buffer.from('station firmware 3.0.0 '.repeat(2000));

let pki: FirmwareSigningPki;
let http: TestHttpFileServer;
let signature: string;
beforeAll(async () => {
  pki = createFirmwareSigningPki();
  http = await startTestHttpFileServer();
  http.files.set('fw-3.0.0.bin', FIRMWARE);
  signature = pki.sign(pki.firmwareFile('fw-3.0.0.bin', FIRMWARE), pki.ecSigner);
});
afterAll(async () => {
  await http.close();
  pki.cleanup();
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A station's own directory (database file and downloads), removed after the test. */
function stationDirectory(): { database: string; downloads: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evstation-l01-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { database: join(dir, 'station.db'), downloads: join(dir, 'downloads') };
}

/** A station's firmware stack on real adapters: SQLite file, HTTP download, node:crypto checks; the clock is fake. */
function station(directory: { database: string; downloads: string }) {
  const stores: StationStores = openSqliteStationStores(directory.database);
  const logger = new MemoryLogger();
  const fileTransfer = new NodeFileTransfer({ logger }, { downloadDirectory: directory.downloads });
  /** The artifact deletions the updater started (it does not wait for them). */
  const discards: Promise<void>[] = [];
  const discard = fileTransfer.discard.bind(fileTransfer);
  fileTransfer.discard = (handle) => {
    const done = discard(handle);
    discards.push(done);
    return done;
  };
  const sent: FirmwareStatusNotificationRequest[] = [];
  const events: SecurityEvent[] = [];
  const waiters: { status: string; resolve: () => void }[] = [];
  const installed: string[] = [];
  let reboots = 0;
  let rebooted: () => void = () => undefined;
  const rebootDone = new Promise<void>((resolve) => (rebooted = resolve));
  const updater = new FirmwareUpdater({
    // Real wall time: the test certificates are valid around now.
    clock: new FakeClock(new Date()),
    logger,
    store: stores.firmware,
    fileTransfer,
    verifier: new NodeFirmwareVerifier(),
    manufacturerRootCertificates: () => [pki.root.cert],
    sendFirmwareStatusNotification: (request) => {
      sent.push(request);
      for (const waiter of waiters.filter((w) => w.status === request.status)) waiter.resolve();
      return Promise.resolve({});
    },
    raise: (type, techInfo) => void events.push({ type, ...(techInfo === undefined ? {} : { techInfo }) }),
    hasActiveTransactions: () => false,
    allowNewSessionsPendingFirmwareUpdate: () => false,
    holdEvsesForFirmware: () => undefined,
    installFirmware: ({ artifact }) => {
      installed.push(artifact.handle);
      return Promise.resolve({ outcome: 'RebootRequired' });
    },
    reboot: () => {
      reboots += 1;
      rebooted();
    },
  });
  cleanups.push(async () => {
    updater.stop();
    await fileTransfer.close();
    stores.close();
  });
  const status = (wanted: string) => (sent.some((r) => r.status === wanted) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ status: wanted, resolve })));
  const downloadedFiles = async (): Promise<string[]> => {
    await Promise.all(discards);
    return readdirSync(directory.downloads);
  };
  return { stores, updater, sent, events, installed, status, reboots: () => reboots, rebootDone, close: () => stores.close(), logger, downloadedFiles };
}

function request(requestId: number, firmware: Partial<UpdateFirmwareRequest['firmware']> = {}): UpdateFirmwareRequest {
  return {
    requestId,
    retries: 0,
    firmware: { location: http.url('/files/fw-3.0.0.bin'), retrieveDateTime: new Date(Date.now() - 60_000).toISOString(), signingCertificate: pki.ecSigner.cert, signature, ...firmware },
  };
}

describe('L01 on real adapters (HTTP download, node:crypto, SQLite state across the reboot)', () => {
  it('TC_L_01_CS: downloads, verifies and installs; after the reboot it boots with FirmwareUpdate and reports Installed', async () => {
    const directory = stationDirectory();
    const before = station(directory);
    const decision = await before.updater.updateFirmware(request(1));
    expect(decision.response).toEqual({ status: 'Accepted' });
    decision.start?.();
    await before.rebootDone;
    expect(before.sent.map((r) => r.status)).toEqual(['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'InstallRebooting']);
    expect(before.installed).toHaveLength(1);
    expect(before.reboots()).toBe(1);
    before.updater.stop();
    before.close();

    const after = station(directory);
    expect(after.updater.bootReason()).toBe('FirmwareUpdate');
    after.updater.start();
    expect(after.events.map((e) => e.type)).toEqual(['FirmwareUpdated']);
    after.updater.onRegistrationAccepted();
    await after.status('Installed');
    expect(after.sent).toEqual([{ status: 'Installed', requestId: 1 }]);
  });

  it('TC_L_05_CS: a signing certificate of another manufacturer is InvalidCertificate, nothing downloaded', async () => {
    const s = station(stationDirectory());
    const downloads = http.requests.length;
    const foreign = request(5, { signingCertificate: pki.otherRoot.cert });
    const decision = await s.updater.updateFirmware(foreign);
    expect(decision.response.status).toBe('InvalidCertificate');
    expect(s.events.map((e) => e.type)).toEqual(['InvalidFirmwareSigningCertificate']);
    expect(http.requests.length).toBe(downloads);
    expect(s.stores.firmware.load()).toBeUndefined();
  });

  it('TC_L_06_CS: a signature by another key is InvalidSignature with InvalidFirmwareSignature; the file is deleted', async () => {
    const s = station(stationDirectory());
    const wrong = request(6, { signingCertificate: pki.rsaSigner.cert });
    const decision = await s.updater.updateFirmware(wrong);
    expect(decision.response.status).toBe('Accepted');
    decision.start?.();
    await s.status('InvalidSignature');
    expect(s.sent.map((r) => r.status)).toEqual(['Downloading', 'Downloaded', 'InvalidSignature']);
    expect(s.events).toEqual([{ type: 'InvalidFirmwareSignature', techInfo: 'requestId 6: signature does not match the firmware file' }]);
    expect(s.installed).toEqual([]);
    expect(await s.downloadedFiles()).toEqual([]);
  });

  it('TC_L_07_CS: a missing file on the server is DownloadFailed', async () => {
    const s = station(stationDirectory());
    const decision = await s.updater.updateFirmware(request(7, { location: http.url('/files/missing.bin') }));
    decision.start?.();
    await s.status('DownloadFailed');
    expect(s.sent.map((r) => r.status)).toEqual(['Downloading', 'DownloadFailed']);
    expect(s.logger.text()).toContain('"kind":"not-found"');
  });
});
