import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, type GetLogRequest, type GetLogResponse } from '@evstation/core';
import { startTestFtpFileServer, startTestHttpFileServer, unusedPort, type TestFtpFileServer, type TestHttpFileServer } from '@evstation/adapters-transport/testing';
import { advanceQuietly } from '../support/quiet-clock.js';
import { ManagedStation } from '../support/managed-station.js';
import { flushStation, notificationStatuses, waitUntil } from '../support/ocpp-frames.js';
import type { StrictCsms } from '../support/strict-csms.js';

/*
 * Block N Retrieve Log Information (N01) cases of OCTT Part 6 (Core), with the real ChargePoint against a strict CSMS:
 * logs go through NodeFileTransfer to a local FTP server (ftp-srv, with credentials in the URL) or as an HTTP PUT to a
 * local HTTP server (ADR 0003). The DiagnosticsLog comes from the station (callback getLogRequest); the SecurityLog is
 * the station's own security log in SQLite. retryInterval runs on a FakeClock.
 *
 * Not here: TC_N_34 Rejected is a CSMS-only case (Part 5); TC_F_15/16 (TriggerMessage LogStatusNotification) are in
 * tc-f-trigger-management.test.ts.
 */
const DIAGNOSTICS = 'charger diagnostics: contactor cycles 1204, last fault none\n';

/** The LogStatusNotifications the CSMS received since `since`, as `status#requestId`. */
function logStatuses(csms: StrictCsms, since = 0): string[] {
  return notificationStatuses(csms, 'LogStatusNotification', since);
}

async function waitForLogStatus(csms: StrictCsms, status: string, since: number): Promise<void> {
  await waitUntil(() => logStatuses(csms, since).includes(status), `LogStatusNotification ${status}`);
}

describe('Block N GetLog against a strict CSMS (SQLite file, real FTP and HTTP, FakeClock)', () => {
  let ftp: TestFtpFileServer;
  let http: TestHttpFileServer;
  let clock: FakeClock;
  let managed: ManagedStation;

  beforeAll(async () => {
    ftp = await startTestFtpFileServer();
    http = await startTestHttpFileServer();
  });
  afterAll(async () => {
    await http.close();
    await ftp.close();
  });

  beforeEach(async () => {
    clock = new FakeClock(new Date());
    managed = await ManagedStation.booted({ clock, callbacks: { getLogRequest: () => ({ content: { text: DIAGNOSTICS } }) } });
  });
  afterEach(async () => {
    await managed.dispose();
  });

  async function getLog(request: GetLogRequest): Promise<GetLogResponse> {
    return (await managed.client.call('GetLog', request)) as GetLogResponse;
  }

  it('TC_N_25_CS Retrieve Log Information - Diagnostics Log - Success', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    const answer = await getLog({ logType: 'DiagnosticsLog', requestId: 25, log: { remoteLocation: ftp.url('/') } });
    expect(answer).toEqual({ status: 'Accepted', filename: expect.stringMatching(/^DiagnosticsLog-25-\d{8}T\d{6}Z\.log$/) as string });
    await waitForLogStatus(csms, 'Uploaded#25', since);
    expect(logStatuses(csms, since)).toEqual(['Uploading#25', 'Uploaded#25']);
    // The file the CSMS was told about is on its server, with the station's log in it.
    expect(readFileSync(join(ftp.root, answer.filename ?? ''), 'utf8')).toBe(DIAGNOSTICS);
    expect(csms.violations).toEqual([]);
  });

  it('TC_N_26_CS Retrieve Log Information - Diagnostics Log - Upload failed', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    const nobody = `http://127.0.0.1:${await unusedPort()}/upload/`;
    expect((await getLog({ logType: 'DiagnosticsLog', requestId: 26, retries: 1, retryInterval: 20, log: { remoteLocation: nobody } })).status).toBe('Accepted');
    await waitForLogStatus(csms, 'Uploading#26', since);
    await waitUntil(() => managed.station.logger.entries.some((e) => e.message === 'Log upload failed'), 'the first attempt to fail');
    // The retry waits retryInterval; until then only Uploading was reported.
    await advanceQuietly(clock, managed.station.frames, 19_000);
    expect(logStatuses(csms, since)).toEqual(['Uploading#26']);
    await advanceQuietly(clock, managed.station.frames, 1000);
    await waitForLogStatus(csms, 'UploadFailure#26', since);
    await flushStation(csms, managed.client);
    expect(logStatuses(csms, since)).toEqual(['Uploading#26', 'UploadFailure#26']);
    expect(csms.violations).toEqual([]);
  });

  it('TC_N_35_CS Retrieve Log Information - Security Log - Success', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    const answer = await getLog({ logType: 'SecurityLog', requestId: 35, log: { remoteLocation: http.url('/upload/logs/') } });
    expect(answer).toEqual({ status: 'Accepted', filename: expect.stringMatching(/^SecurityLog-35-/) as string });
    await waitForLogStatus(csms, 'Uploaded#35', since);
    expect(logStatuses(csms, since)).toEqual(['Uploading#35', 'Uploaded#35']);
    const put = http.requests.find((r) => r.method === 'PUT' && r.path === `/upload/logs/${answer.filename ?? ''}`);
    // The station's security log: at least the StartupOfTheDevice of this boot.
    expect(put?.body.toString('utf8')).toMatch(/^# Security log, start \.\. now, \d+ entries\n.* StartupOfTheDevice critical/);
    expect(csms.violations).toEqual([]);
  });

  it('TC_N_36_CS Retrieve Log Information - Second Request', async () => {
    const { csms } = managed;
    const since = csms.ledger.length;
    // The first upload never gets an answer from its server.
    const first = await getLog({ logType: 'DiagnosticsLog', requestId: 361, log: { remoteLocation: http.url('/hang/') } });
    expect(first.status).toBe('Accepted');
    await waitForLogStatus(csms, 'Uploading#361', since);
    await http.waitFor(`/hang/${first.filename ?? ''}`);
    const second = await getLog({ logType: 'SecurityLog', requestId: 362, log: { remoteLocation: http.url('/upload/') } });
    expect(second.status).toBe('AcceptedCanceled');
    await waitForLogStatus(csms, 'Uploaded#362', since);
    await flushStation(csms, managed.client);
    expect(logStatuses(csms, since)).toEqual(['Uploading#361', 'AcceptedCanceled#361', 'Uploading#362', 'Uploaded#362']);
    expect(csms.violations).toEqual([]);
  });
});
