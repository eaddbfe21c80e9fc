import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '@evstation/core';
import { advanceQuietly } from '../support/quiet-clock.js';
import { firmwareStatuses, securityEventTypes, updateFirmware, waitForFirmwareStatus, waitForSecurityEvent } from '../support/firmware-site.js';
import { firmwareStationPerTest, type ManagedStation } from '../support/managed-station.js';
import { flushStation, stationCalls, statusNotifications, waitUntil } from '../support/ocpp-frames.js';

/*
 * Block L secure firmware update (L01) cases of OCTT Part 6 (Core), with the real ChargePoint against a strict CSMS:
 * the image comes from a local HTTP server through NodeFileTransfer, its signing certificate and signature are checked
 * by NodeFirmwareVerifier against the ManufacturerRootCertificate in a FileCertificateStore, the state lives in SQLite.
 * The station's installer (callback updateFirmwareRequest) answers RebootRequired; the library then calls `reset`
 * (Immediate) and the test restarts the station on the same files, as a station would. Waits with a meaning in the spec
 * (retrieveDateTime, installDateTime, retryInterval) run on a FakeClock.
 *
 * Not here: TC_L_10/11 (cancel) in tc-l-firmware-cancel.test.ts, TC_L_12-16 (transactions) in
 * tc-l-firmware-transactions.test.ts, TC_F_17-19 (TriggerMessage) in tc-f-trigger-management.test.ts.
 * TC_L_04 RevokedCertificate is a CSMS-only case (Part 5).
 */
describe('Block L secure firmware update against a strict CSMS (SQLite file, real HTTP, FakeClock)', () => {
  let clock: FakeClock;
  const env = firmwareStationPerTest(() => {
    clock = new FakeClock(new Date());
    return { clock };
  });

  const csms = (): ManagedStation['csms'] => env.managed.csms;
  const at = (msFromNow: number): string => new Date(clock.now().getTime() + msFromNow).toISOString();
  const downloadsLeft = (): string[] => readdirSync(env.managed.ports.downloadDirectory);

  /** The install reboot, then what L01 wants after it: BootNotification FirmwareUpdate, FirmwareUpdated, Installed. */
  async function expectInstalledAfterReboot(requestId: number): Promise<void> {
    const { since } = await env.managed.reboot();
    expect(stationCalls(csms(), 'BootNotification', since)).toEqual([expect.objectContaining({ reason: 'FirmwareUpdate' })]);
    await waitForFirmwareStatus(csms(), `Installed#${requestId}`, since);
    await waitForSecurityEvent(csms(), 'FirmwareUpdated', since);
    await flushStation(csms(), env.managed.client);
    expect(firmwareStatuses(csms(), since)).toEqual([`Installed#${requestId}`]);
    expect(statusNotifications(csms(), since).map((s) => s.connectorStatus)).toEqual(['Available', 'Available']);
    expect(downloadsLeft()).toEqual([]);
  }

  it('TC_L_01_CS Secure Firmware Update - Installation successful', async () => {
    const since = csms().ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(1))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms(), 'InstallRebooting#1', since);
    expect(firmwareStatuses(csms(), since)).toEqual(['Downloading#1', 'Downloaded#1', 'SignatureVerified#1', 'Installing#1', 'InstallRebooting#1']);
    // The installer got the downloaded file itself, byte for byte; nothing may charge while it installs.
    expect(env.managed.installer.calls.map((c) => c.fileSha256)).toEqual([env.site.sha256]);
    expect(statusNotifications(csms(), since).map((s) => s.connectorStatus)).toEqual(['Unavailable', 'Unavailable']);
    await expectInstalledAfterReboot(1);
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_02_CS Secure Firmware Update - InstallScheduled', async () => {
    const since = csms().ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(2, { installDateTime: at(15 * 60_000) }))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms(), 'InstallScheduled#2', since);
    await advanceQuietly(clock, env.managed.station.frames, 15 * 60_000 - 1000);
    await flushStation(csms(), env.managed.client);
    expect(env.managed.installer.calls).toEqual([]);
    await advanceQuietly(clock, env.managed.station.frames, 1000);
    await waitForFirmwareStatus(csms(), 'InstallRebooting#2', since);
    expect(firmwareStatuses(csms(), since)).toEqual(['Downloading#2', 'Downloaded#2', 'SignatureVerified#2', 'InstallScheduled#2', 'Installing#2', 'InstallRebooting#2']);
    await expectInstalledAfterReboot(2);
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_03_CS Secure Firmware Update - DownloadScheduled', async () => {
    const since = csms().ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(3, { retrieveDateTime: at(20 * 60_000) }))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms(), 'DownloadScheduled#3', since);
    const downloadsBefore = env.site.downloads();
    await advanceQuietly(clock, env.managed.station.frames, 20 * 60_000 - 1000);
    await flushStation(csms(), env.managed.client);
    expect(env.site.downloads()).toBe(downloadsBefore);
    await advanceQuietly(clock, env.managed.station.frames, 1000);
    await waitForFirmwareStatus(csms(), 'InstallRebooting#3', since);
    expect(firmwareStatuses(csms(), since)).toEqual(['DownloadScheduled#3', 'Downloading#3', 'Downloaded#3', 'SignatureVerified#3', 'Installing#3', 'InstallRebooting#3']);
    expect(env.site.downloads()).toBe(downloadsBefore + 1);
    await expectInstalledAfterReboot(3);
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_05_CS Secure Firmware Update - InvalidCertificate', async () => {
    const since = csms().ledger.length;
    const downloadsBefore = env.site.downloads();
    // Issued by the trusted manufacturer root but expired, and one of another manufacturer: neither may sign firmware.
    for (const [requestId, signer] of [[51, env.site.pki.expiredSigner], [52, env.site.pki.otherRoot]] as const) {
      const answer = await updateFirmware(env.managed.client, env.site.request(requestId, { signingCertificate: signer.cert }));
      expect(answer.status).toBe('InvalidCertificate');
    }
    await waitUntil(() => securityEventTypes(csms(), since).length >= 2, 'two SecurityEventNotifications');
    await flushStation(csms(), env.managed.client);
    expect(securityEventTypes(csms(), since)).toEqual(['InvalidFirmwareSigningCertificate', 'InvalidFirmwareSigningCertificate']);
    expect(firmwareStatuses(csms(), since)).toEqual([]);
    expect(env.site.downloads()).toBe(downloadsBefore);
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_06_CS Secure Firmware Update - InvalidSignature', async () => {
    const since = csms().ledger.length;
    // A genuine signature by the right signer, but over another image.
    const otherImage = env.site.pki.sign(env.site.pki.firmwareFile('other.bin', 'not the firmware that is served'), env.site.pki.ecSigner);
    expect(await updateFirmware(env.managed.client, env.site.request(6, { signature: otherImage }))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms(), 'InvalidSignature#6', since);
    await waitForSecurityEvent(csms(), 'InvalidFirmwareSignature', since);
    await flushStation(csms(), env.managed.client);
    expect(firmwareStatuses(csms(), since)).toEqual(['Downloading#6', 'Downloaded#6', 'InvalidSignature#6']);
    expect(env.managed.installer.calls).toEqual([]);
    await waitUntil(() => downloadsLeft().length === 0, 'the rejected image deleted');
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_07_CS Secure Firmware Update - DownloadFailed', async () => {
    const since = csms().ledger.length;
    const attempts = () => env.site.http.requests.filter((r) => r.path === '/files/missing.bin').length;
    const request = env.site.request(7, { location: env.site.http.url('/files/missing.bin') }, { retries: 2, retryInterval: 30 });
    expect(await updateFirmware(env.managed.client, request)).toEqual({ status: 'Accepted' });
    // 1 + retries attempts, retryInterval apart.
    const failures = () => env.managed.station.logger.entries.filter((e) => e.message === 'Firmware download failed').length;
    for (const attempt of [1, 2]) {
      await waitUntil(() => failures() === attempt, `download attempt ${attempt} to fail`);
      expect(attempts()).toBe(attempt);
      await advanceQuietly(clock, env.managed.station.frames, 29_000);
      expect(attempts()).toBe(attempt);
      await advanceQuietly(clock, env.managed.station.frames, 1000);
    }
    await waitForFirmwareStatus(csms(), 'DownloadFailed#7', since);
    expect(attempts()).toBe(3);
    expect(firmwareStatuses(csms(), since)).toEqual(['Downloading#7', 'DownloadFailed#7']);
    expect(env.managed.installer.calls).toEqual([]);
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_08_CS Secure Firmware Update - InstallVerificationFailed or InstallationFailed', async () => {
    env.managed.installer.outcome = 'InstallationFailed';
    const since = csms().ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(8))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(csms(), 'InstallationFailed#8', since);
    await flushStation(csms(), env.managed.client);
    expect(firmwareStatuses(csms(), since)).toEqual(['Downloading#8', 'Downloaded#8', 'SignatureVerified#8', 'Installing#8', 'InstallationFailed#8']);
    // No reboot, and the EVSEs held for the installation are back.
    expect(env.managed.station.resets).toEqual([]);
    expect(statusNotifications(csms(), since).map((s) => s.connectorStatus)).toEqual(['Unavailable', 'Unavailable', 'Available', 'Available']);
    expect(securityEventTypes(csms(), since)).not.toContain('FirmwareUpdated');
    expect(csms().violations).toEqual([]);
  });

  it('TC_L_18_CS Secure Firmware Update - Missing firmware signing certificate and signature', async () => {
    const since = csms().ledger.length;
    const downloadsBefore = env.site.downloads();
    const unsigned = env.site.request(18);
    delete unsigned.firmware.signingCertificate;
    delete unsigned.firmware.signature;
    expect((await updateFirmware(env.managed.client, unsigned)).status).toBe('Rejected');
    await flushStation(csms(), env.managed.client);
    expect(firmwareStatuses(csms(), since)).toEqual([]);
    expect(env.site.downloads()).toBe(downloadsBefore);
    expect(csms().violations).toEqual([]);
  });
});
