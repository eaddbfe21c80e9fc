import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firmwareStatuses, securityEventTypes, updateFirmware, waitForFirmwareStatus, waitForSecurityEvent } from '../support/firmware-site.js';
import { firmwareStationPerTest } from '../support/managed-station.js';
import { flushStation, stationCalls, waitUntil } from '../support/ocpp-frames.js';

/*
 * Block L: a second UpdateFirmware while one runs (L01.FR.24, L01.FR.27), with the real ChargePoint, NodeFileTransfer,
 * NodeFirmwareVerifier and SQLite against a strict CSMS. The station supports cancelling an update until its
 * installation begins (PICS C-60), so TC_L_10_CS applies; TC_L_11_CS is written for a station that cannot cancel at
 * all (NOT C-60): here it is played where this station cannot cancel either, during the installation.
 */
describe('Block L firmware update cancel against a strict CSMS (SQLite file, real HTTP)', () => {
  const env = firmwareStationPerTest();

  it('TC_L_10_CS Secure Firmware Update - AcceptedCanceled', async () => {
    const { csms } = env.managed;
    const since = csms.ledger.length;
    // The first image never finishes downloading (the server sends half of it, then stalls).
    const first = env.site.request(101, { location: env.site.http.url('/slow/200000') });
    expect(await updateFirmware(env.managed.client, first)).toEqual({ status: 'Accepted' });
    await env.site.http.waitFor('/slow/200000');
    await waitForFirmwareStatus(csms, 'Downloading#101', since);
    const second = csms.ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(102))).toEqual({ status: 'AcceptedCanceled' });
    await waitForFirmwareStatus(csms, 'InstallRebooting#102', second);
    // After the answer everything is about the new request: the old one reports nothing more.
    expect(firmwareStatuses(csms, second)).toEqual(['Downloading#102', 'Downloaded#102', 'SignatureVerified#102', 'Installing#102', 'InstallRebooting#102']);
    expect(env.managed.installer.calls.map((c) => [c.request.requestId, c.fileSha256])).toEqual([[102, env.site.sha256]]);
    const { since: rebooted } = await env.managed.reboot();
    expect(stationCalls(csms, 'BootNotification', rebooted)).toEqual([expect.objectContaining({ reason: 'FirmwareUpdate' })]);
    await waitForFirmwareStatus(csms, 'Installed#102', rebooted);
    await waitForSecurityEvent(csms, 'FirmwareUpdated', rebooted);
    // Neither the partial first image nor the installed one is left behind.
    expect(readdirSync(env.managed.ports.downloadDirectory)).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_L_11_CS Secure Firmware Update - Unable to cancel', async () => {
    const { csms } = env.managed;
    const since = csms.ledger.length;
    env.managed.installer.hold();
    expect(await updateFirmware(env.managed.client, env.site.request(111))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms, 'Installing#111', since);
    await waitUntil(() => env.managed.installer.calls.length === 1, 'the installation to begin');
    const downloadsBefore = env.site.downloads();
    const answer = await updateFirmware(env.managed.client, env.site.request(112));
    expect(answer.status).toBe('Rejected');
    env.managed.installer.release('Installed');
    await waitForFirmwareStatus(csms, 'Installed#111', since);
    await waitForSecurityEvent(csms, 'FirmwareUpdated', since);
    await flushStation(csms, env.managed.client);
    expect(firmwareStatuses(csms, since)).toEqual(['Downloading#111', 'Downloaded#111', 'SignatureVerified#111', 'Installing#111', 'Installed#111']);
    expect(env.site.downloads()).toBe(downloadsBefore);
    expect(env.managed.installer.calls).toHaveLength(1);
    expect(securityEventTypes(csms, since)).toEqual(['FirmwareUpdated']);
    expect(csms.violations).toEqual([]);
  });
});
