import type { LogStatusNotificationRequest } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { FileTransferPort, UploadContent } from '../../ports/file-transfer.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityLogStorePort } from '../../ports/storage/security-log-store.port.js';

/** What GetLog(DiagnosticsLog) asks of the station: the requested window and the request id. */
export interface DiagnosticsLogQuery {
  requestId: number;
  oldestTimestamp?: string;
  latestTimestamp?: string;
}

/** The station's diagnostics log: the content (bytes, text or a file it wrote) and optionally its file name. */
export interface DiagnosticsLogFile {
  content: UploadContent;
  fileName?: string;
}

/** What the N01 LogUploader needs (DESIGN rule 3: one deps object). */
export interface LogUploaderDeps {
  clock: ClockPort;
  logger: LoggerPort;
  fileTransfer: FileTransferPort;
  /** The local security log (A04), served for logType SecurityLog. */
  securityLog: SecurityLogStorePort;
  /**
   * The DiagnosticsLog (DESIGN callback getLogRequest); undefined when there is no logging information in the window
   * (the answer then has no filename). Without it, GetLog DiagnosticsLog is Rejected.
   */
  diagnosticsLog?(query: DiagnosticsLogQuery): Promise<DiagnosticsLogFile | undefined> | DiagnosticsLogFile | undefined;
  /** Sends one LogStatusNotification; rejects when it could not be delivered. */
  sendLogStatusNotification(request: LogStatusNotificationRequest): Promise<unknown>;
}

/** Settings of the LogUploader. */
export interface LogUploaderOptions {
  /** Upload retries when GetLog gives none (default 1). */
  defaultRetries?: number;
  /** Seconds between attempts when GetLog gives no retryInterval (default 30). */
  defaultRetryIntervalS?: number;
}
