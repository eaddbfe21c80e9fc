import type { GetLogRequest, GetLogResponse, LogStatusNotificationRequest, UploadLogStatusEnumType } from '../../messages/index.js';
import type { UploadContent } from '../../ports/file-transfer.port.js';
import { logFileName, securityLogFile } from './log-file.js';
import { LogUpload } from './log-upload.js';
import type { LogUploaderDeps, LogUploaderOptions } from './log-uploader-deps.js';

/** The answer to GetLog and the upload to start once it was sent (CallContext.afterReply). */
export interface GetLogDecision {
  response: GetLogResponse;
  start?: () => void;
}

/**
 * N01 Retrieve Log Information: gathers the DiagnosticsLog (from the station) or the SecurityLog (from the security
 * log store, within oldest/latestTimestamp), uploads it to log.remoteLocation through the FileTransferPort and reports
 * LogStatusNotification with the requestId. A second GetLog cancels the first (AcceptedCanceled, TC_N_36).
 */
export class LogUploader {
  private current: LogUpload | undefined;
  /** Notifications go out one at a time and in order (AcceptedCanceled of the old request before Uploading of the new). */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: LogUploaderDeps,
    private readonly options: LogUploaderOptions = {},
  ) {}

  /** N01 GetLog: Accepted (AcceptedCanceled when it replaces a running upload) with the file name, or Rejected. */
  async getLog(request: GetLogRequest): Promise<GetLogDecision> {
    const file = await this.fileFor(request);
    if (file === 'unsupported') {
      return { response: { status: 'Rejected', statusInfo: { reasonCode: 'UnsupportedLogType', additionalInfo: `${request.logType} is not available on this station` } } };
    }
    const previous = this.current?.active === true ? this.current : undefined;
    previous?.cancel();
    const status = previous === undefined ? 'Accepted' : 'AcceptedCanceled';
    if (file === undefined) {
      this.current = undefined;
      return { response: { status }, ...(previous === undefined ? {} : { start: () => this.notify('AcceptedCanceled', previous.request.requestId) }) };
    }
    const upload = new LogUpload(this.deps, this.options, request, file, (s, id) => this.notify(s, id), (finished) => {
      if (this.current === finished) this.current = undefined;
    });
    this.current = upload;
    const start = (): void => {
      if (previous !== undefined) this.notify('AcceptedCanceled', previous.request.requestId);
      upload.start();
    };
    return { response: { status, filename: file.fileName }, start };
  }

  /** F06 TriggerMessage LogStatusNotification (TC_F_15/16): Uploading with the requestId while an upload runs, else Idle. */
  statusNotification(): LogStatusNotificationRequest {
    const upload = this.current;
    return upload?.active === true ? { status: 'Uploading', requestId: upload.request.requestId } : { status: 'Idle' };
  }

  /** Stops the running upload (ChargePoint.stop). */
  stop(): void {
    this.current?.cancel();
    this.current = undefined;
  }

  private async fileFor(request: GetLogRequest): Promise<{ fileName: string; content: UploadContent } | undefined | 'unsupported'> {
    const { oldestTimestamp, latestTimestamp } = request.log;
    const range = { ...(oldestTimestamp === undefined ? {} : { oldestTimestamp }), ...(latestTimestamp === undefined ? {} : { latestTimestamp }) };
    const fileName = logFileName(request.logType, request.requestId, this.deps.clock.now());
    if (request.logType === 'SecurityLog') {
      const entries = this.deps.securityLog.list({ ...(oldestTimestamp === undefined ? {} : { from: oldestTimestamp }), ...(latestTimestamp === undefined ? {} : { to: latestTimestamp }) });
      return { fileName, content: { text: securityLogFile(entries, range) } };
    }
    if (this.deps.diagnosticsLog === undefined) return 'unsupported';
    let diagnostics;
    try {
      diagnostics = await this.deps.diagnosticsLog({ requestId: request.requestId, ...range });
    } catch (error) {
      this.deps.logger.error({ err: error, requestId: request.requestId }, 'The station could not provide its diagnostics log');
      return 'unsupported';
    }
    if (diagnostics === undefined) return undefined;
    return { fileName: (diagnostics.fileName ?? fileName).slice(0, 255), content: diagnostics.content };
  }

  private notify(status: UploadLogStatusEnumType, requestId: number): void {
    this.chain = this.chain
      .then(() => this.deps.sendLogStatusNotification({ status, requestId }))
      .catch((error: unknown) => this.deps.logger.warn({ err: error, status, requestId }, 'LogStatusNotification not delivered'));
  }
}
