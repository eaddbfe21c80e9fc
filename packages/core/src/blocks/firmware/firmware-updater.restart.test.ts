import { describe, expect, it } from 'vitest';
import { FIRMWARE_URL, makeFirmwareKit, NOW, signedRequest } from './firmware.test-kit.js';

describe('L01 firmware update state across restarts (FirmwareStateStorePort)', () => {
  it('the accepted request is stored before the answer; an interrupted download resumes once the boot is Accepted', async () => {
    const before = makeFirmwareKit();
    before.files.hold(FIRMWARE_URL);
    const decision = await before.updater.updateFirmware(signedRequest(1));
    expect(decision.response).toEqual({ status: 'Accepted' });
    expect(before.store.load()).toMatchObject({ request: { requestId: 1 }, status: 'Idle' });
    decision.start?.();
    await before.settle();
    expect(before.store.load()?.status).toBe('Downloading');
    const after = makeFirmwareKit({}, before.store);
    expect(after.updater.bootReason()).toBeUndefined();
    after.updater.start();
    await after.settle();
    expect(after.files.attempts).toEqual([]);
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.statuses()).toEqual(['Downloading#1', 'Downloaded#1', 'SignatureVerified#1', 'Installing#1', 'InstallRebooting#1']);
  });

  it('a downloaded artifact from before the restart is discarded and downloaded again', async () => {
    const before = makeFirmwareKit();
    before.transactions = 1;
    await before.update(signedRequest(2));
    const stored = before.store.load();
    expect(stored?.status).toBe('InstallScheduled');
    expect(stored?.artifact?.sizeBytes).toBeGreaterThan(0);
    before.store.save({ ...stored!, artifact: { ...stored!.artifact!, handle: 'left-over' } });
    const after = makeFirmwareKit({}, before.store);
    after.files.artifacts.set('left-over', new Uint8Array([1]));
    after.updater.start();
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.files.artifacts.has('left-over')).toBe(false);
    expect(after.files.attempts).toHaveLength(1);
    expect(after.statuses().at(-1)).toBe('InstallRebooting#2');
  });

  it('a scheduled download keeps its retrieveDateTime after a restart', async () => {
    const before = makeFirmwareKit();
    await before.update(signedRequest(3, { retrieveDateTime: new Date(NOW.getTime() + 3600_000).toISOString() }));
    const after = makeFirmwareKit({}, before.store);
    after.updater.start();
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.statuses()).toEqual(['DownloadScheduled#3']);
    await after.clock.advance(3600_000);
    await after.settle();
    expect(after.files.attempts).toHaveLength(1);
  });

  it('after the reboot the station may find the new firmware broken: InstallVerificationFailed, no FirmwareUpdated', async () => {
    const before = makeFirmwareKit();
    await before.update(signedRequest(4));
    const after = makeFirmwareKit({}, before.store);
    after.verifyInstalled = 'InstallVerificationFailed';
    after.updater.start();
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.events).toEqual([]);
    expect(after.statuses()).toEqual(['InstallVerificationFailed#4']);
  });

  it('a restart during Installing (no reboot announced) concludes InstallationFailed when the station cannot tell', async () => {
    const before = makeFirmwareKit();
    before.install = () => new Promise(() => undefined);
    await before.update(signedRequest(5));
    expect(before.store.load()?.status).toBe('Installing');
    const after = makeFirmwareKit({}, before.store, { verifyCallback: false });
    expect(after.updater.bootReason()).toBeUndefined();
    after.updater.start();
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.statuses()).toEqual(['InstallationFailed#5']);
    expect(after.events).toEqual([]);
  });

  it('Installed stays stored (and FirmwareUpdated is not raised twice) until delivered, across further restarts', async () => {
    const before = makeFirmwareKit();
    await before.update(signedRequest(6));
    const first = makeFirmwareKit({}, before.store);
    first.online = false;
    first.updater.start();
    first.updater.onRegistrationAccepted();
    await first.settle();
    expect(first.events.map((e) => e.type)).toEqual(['FirmwareUpdated']);
    expect(first.store.load()?.status).toBe('Installed');
    const second = makeFirmwareKit({}, before.store);
    expect(second.updater.bootReason()).toBeUndefined();
    second.updater.start();
    second.updater.onRegistrationAccepted();
    await second.settle();
    expect(second.events).toEqual([]);
    expect(second.statuses()).toEqual(['Installed#6']);
    expect(second.store.load()).toBeUndefined();
  });

  it('stop() halts timers and transfers but keeps the stored update for the next start', async () => {
    const kit = makeFirmwareKit();
    kit.files.hold(FIRMWARE_URL);
    await kit.update(signedRequest(7));
    kit.updater.stop();
    await kit.settle();
    expect(kit.files.inFlight()).toBe(0);
    expect(kit.store.load()?.request.requestId).toBe(7);
    expect(kit.clock.pendingTimers()).toBe(0);
  });
});

describe('L01 final status delivery after reconnects', () => {
  it('onRegistrationAccepted twice while the first delivery is in flight sends Installed once', async () => {
    const before = makeFirmwareKit();
    await before.update(signedRequest(8));
    const after = makeFirmwareKit({}, before.store);
    after.updater.start();
    after.updater.onRegistrationAccepted();
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.statuses()).toEqual(['Installed#8']);
    after.updater.onRegistrationAccepted();
    await after.settle();
    expect(after.statuses()).toEqual(['Installed#8']);
  });
});
