import type { GetLogRequest, UploadLogStatusEnumType } from '../../messages/index.js';
import type { FileTransferErrorKind, UploadContent } from '../../ports/file-transfer.port.js';
import { CancelSource } from '../../file-transfer/cancel-source.js';
import { redactUrl } from '../../file-transfer/redact-url.js';
import { waitUnlessCancelled } from '../../file-transfer/wait-unless-cancelled.js';
import type { LogUploaderDeps, LogUploaderOptions } from './log-uploader-deps.js';

/** The final LogStatusNotification status for a transfer failure (N01; the statuses follow everest-core's curl mapping). */
export function uploadFailureStatus(kind: FileTransferErrorKind): UploadLogStatusEnumType {
  if (kind === 'permission-denied') return 'PermissionDenied';
  if (kind === 'bad-location') return 'BadMessage';
  if (kind === 'protocol-unsupported') return 'NotSupportedOperation';
  return 'UploadFailure';
}

/** Failures another attempt cannot fix. */
const FINAL_KINDS: ReadonlySet<FileTransferErrorKind> = new Set<FileTransferErrorKind>(['bad-location', 'protocol-unsupported']);

/**
 * One N01 log upload: Uploading, the transfer with retries every retryInterval, then Uploaded or the failure status
 * (TC_N_26 UploadFailure); cancelled by a newer GetLog (TC_N_36), after which it reports nothing more.
 */
export class LogUpload {
  private readonly cancelSource = new CancelSource();
  private done = false;

  constructor(
    private readonly deps: LogUploaderDeps,
    private readonly options: LogUploaderOptions,
    readonly request: GetLogRequest,
    private readonly file: { fileName: string; content: UploadContent },
    private readonly report: (status: UploadLogStatusEnumType, requestId: number) => void,
    private readonly onFinished: (upload: LogUpload) => void,
  ) {}

  /** Whether the upload still runs (TriggerMessage answers Uploading then). */
  get active(): boolean {
    return !this.done;
  }

  /** Runs the upload (after the GetLogResponse went out). */
  start(): void {
    this.execute().catch((error: unknown) => {
      this.deps.logger.error({ err: error, requestId: this.request.requestId }, 'Log upload stopped by an unexpected error');
      this.finish('UploadFailure');
    });
  }

  /** Stops the transfer and any retry wait; nothing more is reported for this request. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    // Ends the transfer and a retry wait (waitUnlessCancelled cancels its timer).
    this.cancelSource.cancel();
  }

  private async execute(): Promise<void> {
    const { requestId, log } = this.request;
    const attempts = 1 + Math.max(0, this.request.retries ?? this.options.defaultRetries ?? 1);
    const intervalMs = Math.max(0, this.request.retryInterval ?? this.options.defaultRetryIntervalS ?? 30) * 1000;
    this.report('Uploading', requestId);
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.deps.fileTransfer.upload({ url: log.remoteLocation, ...this.file, cancel: this.cancelSource.signal });
      if (this.done) return;
      if (outcome.ok) {
        this.deps.logger.info({ requestId, location: outcome.value.location, sizeBytes: outcome.value.sizeBytes }, 'Log uploaded');
        this.finish('Uploaded');
        return;
      }
      const { kind, message } = outcome.error;
      this.deps.logger.warn({ requestId, attempt, attempts, kind, message, location: redactUrl(log.remoteLocation) }, 'Log upload failed');
      if (attempt >= attempts || FINAL_KINDS.has(kind)) {
        this.finish(uploadFailureStatus(kind));
        return;
      }
      const goOn = await waitUnlessCancelled(this.cancelSource.signal, (fire) => this.deps.clock.setTimeout(fire, intervalMs));
      if (!goOn || this.done) return;
    }
  }

  private finish(status: UploadLogStatusEnumType): void {
    if (this.done) return;
    this.done = true;
    this.onFinished(this);
    this.report(status, this.request.requestId);
  }
}
