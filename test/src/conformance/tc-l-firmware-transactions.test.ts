import { describe, expect, it } from 'vitest';
import { firmwareStatuses, updateFirmware, waitForFirmwareStatus, waitForSecurityEvent } from '../support/firmware-site.js';
import { firmwareStationPerTest } from '../support/managed-station.js';
import { flushStation, stationCalls, statusNotifications, waitUntil } from '../support/ocpp-frames.js';
import { TokenDirectory, tokens } from '../support/token-csms.js';
import { energyTransferStarted, setVariables } from '../support/charging-session.js';
import { transactionEvents, waitForEvent } from '../support/transaction-events.js';

/*
 * Block L with transactions (L01.FR.06/07/12, ChargingStation.AllowNewSessionsPendingFirmwareUpdate), with the real
 * ChargePoint, NodeFileTransfer, NodeFirmwareVerifier and SQLite against a strict CSMS. This station downloads and
 * verifies firmware while transactions run (PICS AQ-7) and installs it only once none runs (NOT C-43), so:
 * - TC_L_14_CS and TC_L_15_CS apply and are below;
 * - TC_L_12_CS and TC_L_13_CS do not: they are for a station unable to *download* during a transaction (NOT AQ-7) and
 *   expect DownloadScheduled until the transaction ended; this one reports Downloading at once;
 * - TC_L_16_CS does not: it is for a station that installs during a transaction (C-43).
 */
describe('Block L firmware update with transactions against a strict CSMS (SQLite file, real HTTP)', () => {
  const env = firmwareStationPerTest(() => ({ handlers: new TokenDirectory().handlers() }));

  /** Reusable states StopAuthorized + EVDisconnected: the driver's card ends the transaction, the cable comes out. */
  async function endSession(evseId: number, idToken: typeof tokens.valid, transactionId: string): Promise<void> {
    const since = env.managed.csms.ledger.length;
    const presented = await env.managed.station.chargePoint.presentIdToken(idToken, { evseId });
    expect(presented.outcome).toBe('stopped');
    env.managed.station.chargePoint.onSessionFinished(evseId, 1);
    await waitForEvent(env.managed.csms, `Ended ${transactionId}`, (e) => e.eventType === 'Ended' && e.transactionInfo.transactionId === transactionId, since);
  }

  /** The update requested during the transaction goes as far as it may: downloaded, verified, InstallScheduled. */
  async function updateDuringTransaction(requestId: number): Promise<number> {
    const since = env.managed.csms.ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(requestId))).toEqual({ status: 'Accepted' });
    await waitForFirmwareStatus(env.managed.csms, `InstallScheduled#${requestId}`, since);
    await flushStation(env.managed.csms, env.managed.client);
    expect(firmwareStatuses(env.managed.csms, since)).toEqual([`Downloading#${requestId}`, `Downloaded#${requestId}`, `SignatureVerified#${requestId}`, `InstallScheduled#${requestId}`]);
    expect(env.managed.installer.calls).toEqual([]);
    return since;
  }

  /** Installing follows the end of the last transaction, then the reboot and Installed. */
  async function expectInstallation(requestId: number, since: number): Promise<void> {
    await waitForFirmwareStatus(env.managed.csms, `InstallRebooting#${requestId}`, since);
    expect(firmwareStatuses(env.managed.csms, since).slice(-2)).toEqual([`Installing#${requestId}`, `InstallRebooting#${requestId}`]);
    expect(env.managed.station.chargePoint.activeTransactions()).toEqual([]);
    const { since: rebooted } = await env.managed.reboot();
    expect(stationCalls(env.managed.csms, 'BootNotification', rebooted)).toEqual([expect.objectContaining({ reason: 'FirmwareUpdate' })]);
    await waitForFirmwareStatus(env.managed.csms, `Installed#${requestId}`, rebooted);
    await waitForSecurityEvent(env.managed.csms, 'FirmwareUpdated', rebooted);
  }

  it('TC_L_14_CS Secure Firmware Update - Unable to install and activate firmware with ongoing transaction - AllowNewSessionsPendingFirmwareUpdate is true', async () => {
    const { csms } = env.managed;
    await setVariables(env.managed.client, { 'ChargingStation.AllowNewSessionsPendingFirmwareUpdate': 'true' });
    const first = await energyTransferStarted(csms, env.managed.station.chargePoint, 1, tokens.valid);
    const since = await updateDuringTransaction(141);
    // New sessions are allowed meanwhile: EVSE 2 stays Available and takes one.
    expect(statusNotifications(csms, since).filter((s) => s.evseId === 2)).toEqual([]);
    const second = await energyTransferStarted(csms, env.managed.station.chargePoint, 2, tokens.valid2);
    await endSession(1, tokens.valid, first);
    await flushStation(csms, env.managed.client);
    expect(env.managed.installer.calls).toEqual([]);
    expect(firmwareStatuses(csms, since).at(-1)).toBe('InstallScheduled#141');
    await endSession(2, tokens.valid2, second);
    await expectInstallation(141, since);
    expect(transactionEvents(csms, since).filter((e) => e.eventType === 'Ended').map((e) => e.transactionInfo.transactionId)).toEqual([first, second]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_L_15_CS Secure Firmware Update - Unable to install and activate firmware with ongoing transaction - AllowNewSessionsPendingFirmwareUpdate is false', async () => {
    const { csms } = env.managed;
    await setVariables(env.managed.client, { 'ChargingStation.AllowNewSessionsPendingFirmwareUpdate': 'false' });
    const transactionId = await energyTransferStarted(csms, env.managed.station.chargePoint, 1, tokens.valid);
    const since = await updateDuringTransaction(151);
    // L01.FR.07: no new session while the installation waits: the idle EVSE goes Unavailable, the busy one stays.
    await waitUntil(() => statusNotifications(csms, since).some((s) => s.evseId === 2), 'EVSE 2 reported');
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' }]);
    const refused = await env.managed.station.chargePoint.presentIdToken(tokens.valid2, { evseId: 2 });
    expect(refused.outcome).not.toBe('started');
    await endSession(1, tokens.valid, transactionId);
    await waitForFirmwareStatus(csms, 'Installing#151', since);
    // The EVSE whose transaction ended is not offered again before the installation: unplugged, it goes Unavailable.
    expect(statusNotifications(csms, since)).toEqual([
      { evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' },
      { evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' },
    ]);
    await expectInstallation(151, since);
    expect(transactionEvents(csms, since).filter((e) => e.eventType === 'Started')).toEqual([]);
    expect(csms.violations).toEqual([]);
  });
});
