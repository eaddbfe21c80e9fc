import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FirmwareSite, firmwareStatuses, securityEventTypes, updateFirmware, waitForFirmwareStatus, waitForSecurityEvent } from '../support/firmware-site.js';
import { ManagedStation } from '../support/managed-station.js';
import { flushStation, stationCalls, waitUntil } from '../support/ocpp-frames.js';

/*
 * Block L: a second UpdateFirmware while one runs (L01.FR.24, L01.FR.27), with the real ChargePoint, NodeFileTransfer,
 * NodeFirmwareVerifier and SQLite against a strict CSMS. The station supports cancelling an update until its
 * installation begins (PICS C-60), so TC_L_10_CS applies; TC_L_11_CS is written for a station that cannot cancel at
 * all (NOT C-60): here it is played where this station cannot cancel either, during the installation.
 */
describe('Block L firmware update cancel against a strict CSMS (SQLite file, real HTTP)', () => {
  let site: FirmwareSite;
  let managed: ManagedStation;

  beforeAll(async () => {
    site = await FirmwareSite.start();
  });
  afterAll(async () => {
    await site.close();
  });

  beforeEach(async () => {
    managed = await ManagedStation.booted({ manufacturerRoot: site.pki.root.cert });
  });
  afterEach(async () => {
    await managed.dispose();
  });

  it('TC_L_10_CS Secure Firmware Update - AcceptedCanceled', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    // The first image never finishes downloading (the server sends half of it, then stalls).
    const first = site.request(101, { location: site.http.url('/slow/200000') });
    expect(await updateFirmware(managed.client, first)).toEqual({ status: 'Accepted' });
    await site.http.waitFor('/slow/200000');
    await waitForFirmwareStatus(csms, 'Downloading#101', since);
    const second = csms.ledger.length;
    expect(await updateFirmware(managed.client, site.request(102))).toEqual({ status: 'AcceptedCanceled' });
    await waitForFirmwareStatus(csms, 'InstallRebooting#102', second);
    // After the answer everything is about the new request: the old one reports nothing more.
    expect(firmwareStatuses(csms, second)).toEqual(['Downloading#102', 'Downloaded#102', 'SignatureVerified#102', 'Installing#102', 'InstallRebooting#102']);
    expect(managed.installer.calls.map((c) => [c.request.requestId, c.fileSha256])).toEqual([[102, site.sha256]]);
    const { since: rebooted } = await managed.reboot();
    expect(stationCalls(csms, 'BootNotification', rebooted)).toEqual([expect.objectContaining({ reason: 'FirmwareUpdate' })]);
    await waitForFirmwareStatus(csms, 'Installed#102', rebooted);
    await waitForSecurityEvent(csms, 'FirmwareUpdated', rebooted);
    // Neither the partial first image nor the installed one is left behind.
    expect(readdirSync(managed.ports.downloadDirectory)).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_L_11_CS Secure Firmware Update - Unable to cancel', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    managed.installer.hold();
    expect(await updateFirmware(managed.client, site.request(111))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms, 'Installing#111', since);
    await waitUntil(() => managed.installer.calls.length === 1, 'the installation to begin');
    const downloadsBefore = site.downloads();
    const answer = await updateFirmware(managed.client, site.request(112));
    expect(answer.status).toBe('Rejected');
    managed.installer.release('Installed');
    await waitForFirmwareStatus(csms, 'Installed#111', since);
    await waitForSecurityEvent(csms, 'FirmwareUpdated', since);
    await flushStation(csms, managed.client);
    expect(firmwareStatuses(csms, since)).toEqual(['Downloading#111', 'Downloaded#111', 'SignatureVerified#111', 'Installing#111', 'Installed#111']);
    expect(site.downloads()).toBe(downloadsBefore);
    expect(managed.installer.calls).toHaveLength(1);
    expect(securityEventTypes(csms, since)).toEqual(['FirmwareUpdated']);
    expect(csms.violations).toEqual([]);
  });
});
