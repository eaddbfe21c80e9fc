import { describe, expect, it } from 'vitest';
import type { FirmwareInstallResult } from './firmware-updater-deps.js';
import { FIRMWARE_CONTENT, FIRMWARE_URL, makeFirmwareKit, NOW, signedRequest } from './firmware.test-kit.js';

const OTHER_URL = 'https://firmware.example.com/station-2.2.0.bin';

describe('L01.FR.24 a newer UpdateFirmware cancels the ongoing one', () => {
  it('TC_L_10_CS AcceptedCanceled: the download in flight is cancelled and the new request runs to the end', async () => {
    const kit = makeFirmwareKit();
    kit.files.serve(OTHER_URL, FIRMWARE_CONTENT).hold(FIRMWARE_URL);
    expect(await kit.update(signedRequest(1))).toBe('Accepted');
    expect(kit.files.inFlight()).toBe(1);
    expect(kit.statuses()).toEqual(['Downloading#1']);
    expect(await kit.update(signedRequest(2, { location: OTHER_URL }))).toBe('AcceptedCanceled');
    expect(kit.files.inFlight()).toBe(0);
    expect(kit.statuses()).toEqual(['Downloading#1', 'Downloading#2', 'Downloaded#2', 'SignatureVerified#2', 'Installing#2', 'InstallRebooting#2']);
    expect(kit.installs).toHaveLength(1);
    expect(kit.store.load()?.request.requestId).toBe(2);
  });

  it('TC_L_10_CS a scheduled download is cancelled too: its timer never fires', async () => {
    const kit = makeFirmwareKit();
    const later = new Date(NOW.getTime() + 3600_000).toISOString();
    await kit.update(signedRequest(1, { retrieveDateTime: later }));
    expect(await kit.update(signedRequest(2, { retrieveDateTime: later }))).toBe('AcceptedCanceled');
    await kit.clock.advance(3600_000);
    await kit.settle();
    expect(kit.files.attempts).toEqual([{ operation: 'download', url: FIRMWARE_URL }]);
    expect(kit.statuses().filter((s) => s.endsWith('#1'))).toEqual(['DownloadScheduled#1']);
  });

  it('TC_L_10_CS an update waiting for transactions releases its EVSEs when cancelled', async () => {
    const kit = makeFirmwareKit();
    kit.transactions = 1;
    await kit.update(signedRequest(1));
    expect(kit.statuses().at(-1)).toBe('InstallScheduled#1');
    expect(kit.holds).toEqual([true]);
    expect(await kit.update(signedRequest(2))).toBe('AcceptedCanceled');
    // Released by the cancel, then held again by the new update that also waits for the transaction.
    expect(kit.holds).toEqual([true, false, true]);
    expect(kit.files.artifacts.size).toBe(1);
  });

  it('a finished update is not cancelled: the next request is plainly Accepted', async () => {
    const kit = makeFirmwareKit();
    kit.files.failNext(FIRMWARE_URL, 'not-found');
    await kit.update(signedRequest(1, { retries: 0 }));
    expect(kit.statuses()).toEqual(['Downloading#1', 'DownloadFailed#1']);
    expect(await kit.update(signedRequest(2))).toBe('Accepted');
  });

  it('TC_L_11_CS Rejected while installing: an installation cannot be cancelled, and it goes on', async () => {
    const kit = makeFirmwareKit();
    let finishInstall: (result: FirmwareInstallResult) => void = () => undefined;
    kit.install = () => new Promise((resolve) => (finishInstall = resolve));
    await kit.update(signedRequest(1));
    expect(kit.statuses().at(-1)).toBe('Installing#1');
    expect(await kit.update(signedRequest(2))).toBe('Rejected');
    finishInstall({ outcome: 'RebootRequired' });
    await kit.settle();
    expect(kit.statuses()).toEqual(['Downloading#1', 'Downloaded#1', 'SignatureVerified#1', 'Installing#1', 'InstallRebooting#1']);
    expect(kit.reboots).toBe(1);
  });

  it('an invalid newer request does not disturb the ongoing update', async () => {
    const kit = makeFirmwareKit();
    kit.files.hold(FIRMWARE_URL);
    await kit.update(signedRequest(1));
    const unsigned = signedRequest(2);
    delete unsigned.firmware.signature;
    expect(await kit.update(unsigned)).toBe('Rejected');
    expect(kit.files.inFlight()).toBe(1);
    kit.files.release(FIRMWARE_URL);
    await kit.settle();
    expect(kit.statuses().at(-1)).toBe('InstallRebooting#1');
  });
});
