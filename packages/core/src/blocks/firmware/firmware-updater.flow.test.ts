import { describe, expect, it } from 'vitest';
import { FIRMWARE_URL, FOREIGN_CERTIFICATE, makeFirmwareKit, NOW, signedRequest } from './firmware.test-kit.js';

describe('L01 secure firmware update: the happy path and its failures', () => {
  it('TC_L_01_CS success: Downloading, Downloaded, SignatureVerified, Installing, InstallRebooting, then the reboot', async () => {
    const kit = makeFirmwareKit();
    expect(await kit.update(signedRequest(1))).toBe('Accepted');
    expect(kit.statuses()).toEqual(['Downloading#1', 'Downloaded#1', 'SignatureVerified#1', 'Installing#1', 'InstallRebooting#1']);
    expect(kit.installs).toHaveLength(1);
    expect(kit.reboots).toBe(1);
    // Stored before the reboot, so the next start boots with reason FirmwareUpdate.
    expect(kit.store.load()?.status).toBe('InstallRebooting');
    expect(kit.updater.bootReason()).toBe('FirmwareUpdate');
    expect(kit.holds).toEqual([true]);
    expect(kit.events).toEqual([]);
  });

  it('TC_L_01_CS after the reboot: FirmwareUpdated is raised at start, Installed is sent once the boot is Accepted, then forgotten', async () => {
    const before = makeFirmwareKit();
    await before.update(signedRequest(5));
    const after = makeFirmwareKit({}, before.store);
    expect(after.updater.bootReason()).toBe('FirmwareUpdate');
    after.updater.start();
    expect(after.events).toEqual([{ type: 'FirmwareUpdated', techInfo: 'requestId 5: firmware installed' }]);
    expect(after.sent).toEqual([]);
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.sent).toEqual([{ status: 'Installed', requestId: 5 }]);
    expect(after.store.load()).toBeUndefined();
    expect(after.updater.bootReason()).toBeUndefined();
  });

  it('the station may install without a reboot: Installed and FirmwareUpdated at once, EVSEs released', async () => {
    const kit = makeFirmwareKit();
    kit.install = () => Promise.resolve({ outcome: 'Installed' });
    await kit.update(signedRequest(2));
    expect(kit.statuses()).toEqual(['Downloading#2', 'Downloaded#2', 'SignatureVerified#2', 'Installing#2', 'Installed#2']);
    expect(kit.events.map((e) => e.type)).toEqual(['FirmwareUpdated']);
    expect(kit.holds).toEqual([true, false]);
    expect(kit.reboots).toBe(0);
    expect(kit.store.load()).toBeUndefined();
    expect(kit.files.artifacts.size).toBe(0);
  });

  it('TC_L_03_CS DownloadScheduled: the download waits for retrieveDateTime', async () => {
    const kit = makeFirmwareKit();
    const retrieve = new Date(NOW.getTime() + 2 * 3600_000);
    await kit.update(signedRequest(3, { retrieveDateTime: retrieve.toISOString() }));
    expect(kit.statuses()).toEqual(['DownloadScheduled#3']);
    expect(kit.files.attempts).toEqual([]);
    expect(kit.updater.statusNotification()).toEqual({ status: 'DownloadScheduled', requestId: 3 });
    await kit.clock.advance(2 * 3600_000 - 1);
    expect(kit.files.attempts).toEqual([]);
    await kit.clock.advance(1);
    await kit.settle();
    expect(kit.files.attempts).toEqual([{ operation: 'download', url: FIRMWARE_URL }]);
    expect(kit.statuses()).toEqual(['DownloadScheduled#3', 'Downloading#3', 'Downloaded#3', 'SignatureVerified#3', 'Installing#3', 'InstallRebooting#3']);
  });

  it('TC_L_02_CS InstallScheduled: the installation waits for installDateTime', async () => {
    const kit = makeFirmwareKit();
    const install = new Date(NOW.getTime() + 3600_000);
    await kit.update(signedRequest(4, { installDateTime: install.toISOString() }));
    expect(kit.statuses()).toEqual(['Downloading#4', 'Downloaded#4', 'SignatureVerified#4', 'InstallScheduled#4']);
    expect(kit.installs).toEqual([]);
    await kit.clock.advance(3600_000);
    await kit.settle();
    expect(kit.statuses().slice(4)).toEqual(['Installing#4', 'InstallRebooting#4']);
  });

  it('TC_L_07_CS DownloadFailed: retries times after the first attempt, retryInterval apart, then DownloadFailed', async () => {
    const kit = makeFirmwareKit();
    kit.files.failNext(FIRMWARE_URL, 'network', 'timeout', 'not-found');
    await kit.update(signedRequest(7, { retries: 2, retryInterval: 30 }));
    expect(kit.files.attempts).toHaveLength(1);
    await kit.clock.advance(29_999);
    expect(kit.files.attempts).toHaveLength(1);
    await kit.clock.advance(1);
    await kit.settle();
    expect(kit.files.attempts).toHaveLength(2);
    await kit.clock.advance(30_000);
    await kit.settle();
    expect(kit.files.attempts).toHaveLength(3);
    // Downloading is reported once, not per attempt; nothing more is tried after the last retry.
    expect(kit.statuses()).toEqual(['Downloading#7', 'DownloadFailed#7']);
    await kit.clock.advance(3600_000);
    expect(kit.files.attempts).toHaveLength(3);
    expect(kit.store.load()).toBeUndefined();
    expect(kit.updater.statusNotification()).toEqual({ status: 'Idle' });
    expect(kit.logger.text()).toContain('"kind":"not-found"');
  });

  it('TC_L_07_CS a retry that succeeds continues the update', async () => {
    const kit = makeFirmwareKit();
    kit.files.failNext(FIRMWARE_URL, 'network');
    await kit.update(signedRequest(8, { retries: 1, retryInterval: 10 }));
    await kit.clock.advance(10_000);
    await kit.settle();
    expect(kit.statuses()).toEqual(['Downloading#8', 'Downloaded#8', 'SignatureVerified#8', 'Installing#8', 'InstallRebooting#8']);
  });

  it('a failure no retry can fix (firmware larger than the cap) ends at once', async () => {
    const kit = makeFirmwareKit({ maxFirmwareBytes: 4 });
    await kit.update(signedRequest(9, { retries: 5, retryInterval: 10 }));
    expect(kit.statuses()).toEqual(['Downloading#9', 'DownloadFailed#9']);
    expect(kit.files.attempts).toHaveLength(1);
  });

  it('TC_L_05_CS InvalidCertificate: a signing certificate not issued by an installed root, InvalidFirmwareSigningCertificate, nothing downloaded', async () => {
    const kit = makeFirmwareKit();
    expect(await kit.update(signedRequest(10, { signingCertificate: FOREIGN_CERTIFICATE }))).toBe('InvalidCertificate');
    expect(kit.events).toEqual([
      { type: 'InvalidFirmwareSigningCertificate', techInfo: 'requestId 10: signing certificate not issued by an installed ManufacturerRootCertificate' },
    ]);
    expect(kit.files.attempts).toEqual([]);
    expect(kit.sent).toEqual([]);
    expect(kit.store.load()).toBeUndefined();
  });

  it('TC_L_06_CS InvalidSignature: Downloading, Downloaded, InvalidSignature and InvalidFirmwareSignature; nothing installed', async () => {
    const kit = makeFirmwareKit();
    await kit.update(signedRequest(11, { signature: btoa('forged') }));
    expect(kit.statuses()).toEqual(['Downloading#11', 'Downloaded#11', 'InvalidSignature#11']);
    expect(kit.events).toEqual([{ type: 'InvalidFirmwareSignature', techInfo: 'requestId 11: signature does not match the firmware file' }]);
    expect(kit.installs).toEqual([]);
    expect(kit.files.artifacts.size).toBe(0);
  });

  it('TC_L_08_CS InstallationFailed: the installer fails, EVSEs come back, the artifact is dropped', async () => {
    const kit = makeFirmwareKit();
    kit.install = () => Promise.resolve({ outcome: 'InstallationFailed', reason: 'flash write error' });
    await kit.update(signedRequest(12));
    expect(kit.statuses()).toEqual(['Downloading#12', 'Downloaded#12', 'SignatureVerified#12', 'Installing#12', 'InstallationFailed#12']);
    expect(kit.holds).toEqual([true, false]);
    expect(kit.files.artifacts.size).toBe(0);
    expect(kit.reboots).toBe(0);
    expect(kit.events).toEqual([]);
  });

  it('InstallVerificationFailed from the installer, and a throwing installer counts as InstallationFailed', async () => {
    const kit = makeFirmwareKit();
    kit.install = () => Promise.resolve({ outcome: 'InstallVerificationFailed' });
    await kit.update(signedRequest(13));
    expect(kit.statuses().at(-1)).toBe('InstallVerificationFailed#13');
    kit.install = () => Promise.reject(new Error('installer crashed'));
    await kit.update(signedRequest(14));
    expect(kit.statuses().at(-1)).toBe('InstallationFailed#14');
  });

  it('TC_L_18_CS a request without signingCertificate and signature is Rejected (secure update only)', async () => {
    const kit = makeFirmwareKit();
    const unsigned = signedRequest(15);
    delete unsigned.firmware.signingCertificate;
    delete unsigned.firmware.signature;
    expect(await kit.update(unsigned)).toBe('Rejected');
    const halfSigned = signedRequest(16);
    delete halfSigned.firmware.signature;
    expect(await kit.update(halfSigned)).toBe('Rejected');
    expect(kit.files.attempts).toEqual([]);
    expect(kit.sent).toEqual([]);
  });

  it('L02 (requireSignedFirmware false): an unsigned request installs without a signature check', async () => {
    const kit = makeFirmwareKit({ requireSignedFirmware: false });
    const unsigned = signedRequest(17);
    delete unsigned.firmware.signingCertificate;
    delete unsigned.firmware.signature;
    expect(await kit.update(unsigned)).toBe('Accepted');
    expect(kit.statuses()).toEqual(['Downloading#17', 'Downloaded#17', 'Installing#17', 'InstallRebooting#17']);
    expect(kit.verifier.signatureChecks).toEqual([]);
  });

  it('a lost FirmwareStatusNotification does not stop the update; the final one stays stored until delivered', async () => {
    const kit = makeFirmwareKit();
    kit.online = false;
    kit.install = () => Promise.resolve({ outcome: 'InstallationFailed' });
    await kit.update(signedRequest(18));
    expect(kit.installs).toHaveLength(1);
    expect(kit.store.load()?.status).toBe('InstallationFailed');
    kit.online = true;
    kit.updater.onRegistrationAccepted();
    await kit.settle();
    expect(kit.statuses()).toEqual(['InstallationFailed#18']);
    expect(kit.store.load()).toBeUndefined();
  });
});
