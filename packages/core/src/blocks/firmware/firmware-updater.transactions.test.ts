import { describe, expect, it } from 'vitest';
import { makeFirmwareKit, signedRequest } from './firmware.test-kit.js';

describe('L01 installation with transactions running (TC_L_12-16)', () => {
  it('AllowNewSessionsPendingFirmwareUpdate false: InstallScheduled, idle EVSEs Unavailable, install once the last transaction ended', async () => {
    const kit = makeFirmwareKit();
    kit.transactions = 2;
    await kit.update(signedRequest(1));
    expect(kit.statuses()).toEqual(['Downloading#1', 'Downloaded#1', 'SignatureVerified#1', 'InstallScheduled#1']);
    expect(kit.holds).toEqual([true]);
    expect(kit.updater.statusNotification()).toEqual({ status: 'InstallScheduled', requestId: 1 });
    kit.transactions = 1;
    kit.updater.transactionsChanged();
    await kit.settle();
    expect(kit.installs).toEqual([]);
    kit.transactions = 0;
    kit.updater.transactionsChanged();
    await kit.settle();
    expect(kit.statuses().slice(4)).toEqual(['Installing#1', 'InstallRebooting#1']);
    expect(kit.holds).toEqual([true]);
  });

  it('AllowNewSessionsPendingFirmwareUpdate true: idle EVSEs stay available while waiting, held only for the installation', async () => {
    const kit = makeFirmwareKit();
    kit.allowNewSessions = true;
    kit.transactions = 1;
    await kit.update(signedRequest(2));
    expect(kit.statuses().at(-1)).toBe('InstallScheduled#2');
    expect(kit.holds).toEqual([]);
    // A new session started meanwhile: the installation keeps waiting.
    kit.transactions = 1;
    kit.updater.transactionsChanged();
    await kit.settle();
    expect(kit.installs).toEqual([]);
    kit.transactions = 0;
    kit.updater.transactionsChanged();
    await kit.settle();
    expect(kit.holds).toEqual([true]);
    expect(kit.statuses().slice(-2)).toEqual(['Installing#2', 'InstallRebooting#2']);
  });

  it('installDateTime reached with a transaction running: one InstallScheduled, then wait for the transaction', async () => {
    const kit = makeFirmwareKit();
    kit.transactions = 1;
    await kit.update(signedRequest(3, { installDateTime: new Date(kit.clock.now().getTime() + 60_000).toISOString() }));
    await kit.clock.advance(60_000);
    await kit.settle();
    expect(kit.statuses()).toEqual(['Downloading#3', 'Downloaded#3', 'SignatureVerified#3', 'InstallScheduled#3']);
    expect(kit.holds).toEqual([true]);
    kit.transactions = 0;
    kit.updater.transactionsChanged();
    await kit.settle();
    expect(kit.statuses().at(-1)).toBe('InstallRebooting#3');
  });

  it('without transactions the installation starts at once and holds the EVSEs while it runs', async () => {
    const kit = makeFirmwareKit();
    await kit.update(signedRequest(4));
    expect(kit.statuses()).not.toContain('InstallScheduled#4');
    expect(kit.holds).toEqual([true]);
  });
});
