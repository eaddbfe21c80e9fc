import { describe, expect, it } from 'vitest';
import type { GetLogRequest } from '../../messages/index.js';
import { LOG_SERVER, makeLogKit } from './log-uploader.test-kit.js';

const diagnostics = (requestId: number, extra: Partial<GetLogRequest> = {}): GetLogRequest => ({
  requestId,
  logType: 'DiagnosticsLog',
  log: { remoteLocation: LOG_SERVER },
  ...extra,
});

describe('N01 GetLog', () => {
  it('TC_N_25_CS DiagnosticsLog: Accepted with the file name, Uploading, the file on the server, Uploaded', async () => {
    const kit = makeLogKit();
    const response = await kit.getLog(diagnostics(1, { log: { remoteLocation: LOG_SERVER, oldestTimestamp: '2026-02-01T00:00:00.000Z' } }));
    expect(response).toEqual({ status: 'Accepted', filename: 'DiagnosticsLog-1-20260301T100000Z.log' });
    expect(kit.queries).toEqual([{ requestId: 1, oldestTimestamp: '2026-02-01T00:00:00.000Z' }]);
    expect(kit.files.uploads).toEqual([{ url: `${LOG_SERVER}DiagnosticsLog-1-20260301T100000Z.log`, fileName: 'DiagnosticsLog-1-20260301T100000Z.log', content: 'diagnostics of the station\n' }]);
    expect(kit.statuses()).toEqual(['Uploading#1', 'Uploaded#1']);
  });

  it('TC_N_35_CS SecurityLog: the entries within oldestTimestamp..latestTimestamp, oldest first', async () => {
    const kit = makeLogKit();
    kit.securityLog.append({ type: 'StartupOfTheDevice', timestamp: '2026-02-27T08:00:00.000Z', critical: true }, 100);
    kit.securityLog.append({ type: 'SettingSystemTime', timestamp: '2026-02-28T09:00:00.000Z', critical: true, techInfo: 'Clock set' }, 100);
    kit.securityLog.append({ type: 'InvalidMessages', timestamp: '2026-03-01T09:00:00.000Z', critical: false }, 100);
    const response = await kit.getLog({
      requestId: 2,
      logType: 'SecurityLog',
      log: { remoteLocation: 'https://logs.example.com/put/security.log', oldestTimestamp: '2026-02-28T00:00:00.000Z', latestTimestamp: '2026-03-01T09:30:00.000Z' },
    });
    expect(response).toEqual({ status: 'Accepted', filename: 'SecurityLog-2-20260301T100000Z.log' });
    expect(kit.files.uploads[0]?.url).toBe('https://logs.example.com/put/security.log');
    expect(kit.files.uploads[0]?.content).toBe(
      [
        '# Security log, 2026-02-28T00:00:00.000Z .. 2026-03-01T09:30:00.000Z, 2 entries',
        '2026-02-28T09:00:00.000Z SettingSystemTime critical "Clock set"',
        '2026-03-01T09:00:00.000Z InvalidMessages',
        '',
      ].join('\n'),
    );
    expect(kit.statuses()).toEqual(['Uploading#2', 'Uploaded#2']);
  });

  it('TC_N_26_CS UploadFailure: retries attempts retryInterval apart, then UploadFailure', async () => {
    const kit = makeLogKit();
    kit.files.failNext(LOG_SERVER, 'network', 'network', 'timeout');
    await kit.getLog(diagnostics(3, { retries: 2, retryInterval: 20 }));
    expect(kit.files.attempts).toHaveLength(1);
    await kit.clock.advance(19_999);
    expect(kit.files.attempts).toHaveLength(1);
    await kit.clock.advance(1);
    await kit.settle();
    expect(kit.files.attempts).toHaveLength(2);
    await kit.clock.advance(20_000);
    await kit.settle();
    expect(kit.files.attempts).toHaveLength(3);
    expect(kit.statuses()).toEqual(['Uploading#3', 'UploadFailure#3']);
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('maps refusals to their LogStatusNotification: PermissionDenied, BadMessage, NotSupportedOperation (no retry for the last two)', async () => {
    const kit = makeLogKit({ defaultRetries: 0 });
    kit.files.failNext(LOG_SERVER, 'permission-denied', 'bad-location', 'protocol-unsupported');
    await kit.getLog(diagnostics(4));
    await kit.getLog(diagnostics(5, { retries: 3 }));
    await kit.getLog(diagnostics(6, { retries: 3 }));
    expect(kit.statuses()).toEqual(['Uploading#4', 'PermissionDenied#4', 'Uploading#5', 'BadMessage#5', 'Uploading#6', 'NotSupportedOperation#6']);
  });

  it('TC_N_36_CS a second GetLog cancels the running upload: AcceptedCanceled for the first, then the second uploads', async () => {
    const kit = makeLogKit();
    kit.files.hold(LOG_SERVER);
    expect((await kit.getLog(diagnostics(7))).status).toBe('Accepted');
    expect(kit.files.inFlight()).toBe(1);
    const second = await kit.getLog({ requestId: 8, logType: 'SecurityLog', log: { remoteLocation: 'https://logs.example.com/second/' } });
    expect(second).toEqual({ status: 'AcceptedCanceled', filename: 'SecurityLog-8-20260301T100000Z.log' });
    expect(kit.files.inFlight()).toBe(0);
    expect(kit.statuses()).toEqual(['Uploading#7', 'AcceptedCanceled#7', 'Uploading#8', 'Uploaded#8']);
    expect(kit.files.uploads.map((u) => u.fileName)).toEqual(['SecurityLog-8-20260301T100000Z.log']);
  });

  it('a GetLog cancels an upload waiting for its retry: the retry never happens', async () => {
    const kit = makeLogKit();
    kit.files.failNext(LOG_SERVER, 'network');
    await kit.getLog(diagnostics(9, { retries: 1, retryInterval: 60 }));
    expect((await kit.getLog(diagnostics(10))).status).toBe('AcceptedCanceled');
    await kit.clock.advance(60_000);
    await kit.settle();
    expect(kit.files.attempts.map((a) => a.url)).toEqual([LOG_SERVER, LOG_SERVER]);
    expect(kit.statuses()).toEqual(['Uploading#9', 'AcceptedCanceled#9', 'Uploading#10', 'Uploaded#10']);
  });

  it('DiagnosticsLog without a station provider is Rejected; an empty diagnostics log gives no filename and no upload', async () => {
    const without = makeLogKit({}, { diagnostics: false });
    expect((await without.getLog(diagnostics(11))).status).toBe('Rejected');
    const kit = makeLogKit();
    kit.state.diagnostics = undefined;
    expect(await kit.getLog(diagnostics(12))).toEqual({ status: 'Accepted' });
    expect(kit.files.attempts).toEqual([]);
  });

  it('a station file (path) is uploaded as given, with the station file name', async () => {
    const kit = makeLogKit();
    kit.state.diagnostics = { content: { path: '/var/log/evstation/diag.tar.gz' }, fileName: 'diag.tar.gz' };
    expect(await kit.getLog(diagnostics(13))).toEqual({ status: 'Accepted', filename: 'diag.tar.gz' });
    expect(kit.files.uploads).toEqual([{ url: `${LOG_SERVER}diag.tar.gz`, fileName: 'diag.tar.gz', content: '/var/log/evstation/diag.tar.gz' }]);
  });

  it('stop() cancels the running upload and its retry timer; nothing more is reported', async () => {
    const kit = makeLogKit();
    kit.files.hold(LOG_SERVER);
    await kit.getLog(diagnostics(16));
    kit.uploader.stop();
    await kit.settle();
    expect(kit.files.inFlight()).toBe(0);
    expect(kit.statuses()).toEqual(['Uploading#16']);
    expect(kit.uploader.statusNotification()).toEqual({ status: 'Idle' });
    expect(kit.clock.pendingTimers()).toBe(0);
  });

  it('credentials of log.remoteLocation never reach the log lines', async () => {
    const kit = makeLogKit({ defaultRetries: 0 });
    kit.files.failNext(LOG_SERVER, 'network');
    await kit.getLog(diagnostics(14));
    expect(kit.logger.text()).toContain('logs.example.com');
    expect(kit.logger.text()).not.toContain('Secret-Log-Pw');
  });
});

describe('F06 TriggerMessage LogStatusNotification', () => {
  it('TC_F_15_CS idle: Accepted, then Idle without requestId', async () => {
    const kit = makeLogKit();
    expect(await kit.triggerLogStatus()).toEqual({ status: 'Accepted' });
    expect(kit.sent).toEqual([{ status: 'Idle' }]);
  });

  it('TC_F_16_CS uploading: Uploading with the requestId of the running upload; Idle again once it finished', async () => {
    const kit = makeLogKit();
    kit.files.hold(LOG_SERVER);
    await kit.getLog(diagnostics(15));
    await kit.triggerLogStatus();
    expect(kit.sent.at(-1)).toEqual({ status: 'Uploading', requestId: 15 });
    kit.files.release(LOG_SERVER);
    await kit.settle();
    await kit.triggerLogStatus();
    expect(kit.statuses()).toEqual(['Uploading#15', 'Uploading#15', 'Uploaded#15', 'Idle']);
  });
});
