import { describe, expect, it } from 'vitest';
import type { FirmwareStatusNotificationRequest, GetLogResponse, LogStatusNotificationRequest, TriggerMessageRequest } from '@evstation/core';
import { updateFirmware, waitForFirmwareStatus } from '../support/firmware-site.js';
import { firmwareStationPerTest } from '../support/managed-station.js';
import { flushStation, stationCalls, waitForCalls } from '../support/ocpp-frames.js';

/*
 * Block F TriggerMessage (F06) for the management blocks' notifications, OCTT Part 6 (Core): TC_F_15/16
 * LogStatusNotification and TC_F_17/18/19 FirmwareStatusNotification, with the real ChargePoint against a strict CSMS.
 * "Busy" is real: an upload the HTTP server never answers, a firmware download the server stalls half-way.
 */
describe('Block F TriggerMessage LogStatusNotification / FirmwareStatusNotification against a strict CSMS (SQLite file, real HTTP)', () => {
  const env = firmwareStationPerTest(() => ({ callbacks: { getLogRequest: () => ({ content: { text: 'diagnostics\n' } }) } }));

  /** TriggerMessage, its answer, and the one triggered notification it brings. */
  async function trigger<T>(request: TriggerMessageRequest): Promise<{ status: string; sent: T[] }> {
    const { csms, client } = env.managed;
    const action = request.requestedMessage;
    const since = csms.ledger.length;
    const { status } = (await client.call('TriggerMessage', request)) as { status: string };
    if (status === 'Accepted') await waitForCalls(csms, action, 1, since);
    await flushStation(csms, client);
    return { status, sent: stationCalls<T>(csms, action, since) };
  }

  it('TC_F_15_CS Trigger message - LogStatusNotification - Idle', async () => {
    const answer = await trigger<LogStatusNotificationRequest>({ requestedMessage: 'LogStatusNotification' });
    expect(answer).toEqual({ status: 'Accepted', sent: [{ status: 'Idle' }] });
    expect(env.managed.csms.violations).toEqual([]);
  });

  it('TC_F_16_CS Trigger message - LogStatusNotification - Uploading', async () => {
    const log = (await env.managed.client.call('GetLog', { logType: 'DiagnosticsLog', requestId: 16, log: { remoteLocation: env.site.http.url('/hang/') } })) as GetLogResponse;
    expect(log.status).toBe('Accepted');
    // The server has the upload and never answers it: the station is uploading.
    await env.site.http.waitFor(`/hang/${log.filename ?? ''}`);
    const answer = await trigger<LogStatusNotificationRequest>({ requestedMessage: 'LogStatusNotification' });
    expect(answer).toEqual({ status: 'Accepted', sent: [{ status: 'Uploading', requestId: 16 }] });
    expect(env.managed.csms.violations).toEqual([]);
  });

  it('TC_F_17_CS Trigger message - FirmwareStatusNotification - Specific EVSE not relevant', async () => {
    // F06: an evse in a request for a station-wide message is not relevant; it is ignored, not refused.
    const answer = await trigger<FirmwareStatusNotificationRequest>({ requestedMessage: 'FirmwareStatusNotification', evse: { id: 1 } });
    expect(answer).toEqual({ status: 'Accepted', sent: [{ status: 'Idle' }] });
    expect(env.managed.csms.violations).toEqual([]);
  });

  it('TC_F_18_CS Trigger message - FirmwareStatusNotification - Idle', async () => {
    const answer = await trigger<FirmwareStatusNotificationRequest>({ requestedMessage: 'FirmwareStatusNotification' });
    expect(answer).toEqual({ status: 'Accepted', sent: [{ status: 'Idle' }] });
    expect(env.managed.csms.violations).toEqual([]);
  });

  it('TC_F_19_CS Trigger message - FirmwareStatusNotification - Downloading', async () => {
    const since = env.managed.csms.ledger.length;
    expect(await updateFirmware(env.managed.client, env.site.request(19, { location: env.site.http.url('/slow/300000') }))).toEqual({ status: 'Accepted' });
    await env.site.http.waitFor('/slow/300000');
    await waitForFirmwareStatus(env.managed.csms, 'Downloading#19', since);
    const answer = await trigger<FirmwareStatusNotificationRequest>({ requestedMessage: 'FirmwareStatusNotification' });
    expect(answer).toEqual({ status: 'Accepted', sent: [{ status: 'Downloading', requestId: 19 }] });
    expect(env.managed.csms.violations).toEqual([]);
  });
});
