import type {
  DownloadedArtifact,
  DownloadRequest,
  FileTransferOutcome,
  FileTransferPort,
  FileTransferProtocol,
  LoggerPort,
  UploadReceipt,
  UploadRequest,
} from '@evstation/core';
import { redactSecretsOf, redactUrl } from '@evstation/core';
import { discardArtifact } from './artifact-sink.js';
import { abortSignalOf } from './cancel-bridge.js';
import { resolveFileTransferConfig, type FileTransferConfig, type ResolvedFileTransferConfig } from './file-transfer-config.js';
import { FtpTransfer } from './ftp-transfer.js';
import { HttpTransfer } from './http-transfer.js';
import { classifyError, TransferFailure } from './transfer-failure.js';
import { uploadSourceOf } from './upload-source.js';

const PROTOCOL_OF: Readonly<Record<string, FileTransferProtocol>> = { 'http:': 'HTTP', 'https:': 'HTTPS', 'ftp:': 'FTP', 'ftps:': 'FTPS', 'sftp:': 'SFTP' };

/** What NodeFileTransfer needs besides its settings. */
export interface NodeFileTransferDeps {
  logger: LoggerPort;
}

/**
 * The FileTransferPort for firmware (L01) and logs (N01) over HTTP(S) (undici) and FTP/FTPS (basic-ftp). Every failure
 * becomes a classified outcome whose message has the URL's credentials redacted; nothing here throws for a transfer.
 */
export class NodeFileTransfer implements FileTransferPort {
  readonly protocols: readonly FileTransferProtocol[];
  private readonly config: ResolvedFileTransferConfig;
  private readonly http: HttpTransfer;
  private readonly ftp: FtpTransfer;

  constructor(
    private readonly deps: NodeFileTransferDeps,
    config: FileTransferConfig,
  ) {
    this.config = resolveFileTransferConfig(config);
    this.protocols = this.config.protocols;
    this.http = new HttpTransfer(this.config);
    this.ftp = new FtpTransfer(this.config);
  }

  download(request: DownloadRequest): Promise<FileTransferOutcome<DownloadedArtifact>> {
    const maxBytes = Math.min(request.maxBytes ?? this.config.maxDownloadBytes, this.config.maxDownloadBytes);
    return this.transfer('download', request.url, request.cancel, async (url, signal) =>
      url.protocol.startsWith('ftp') ? this.ftp.download(url, maxBytes, signal) : this.http.download(url, maxBytes, signal),
    );
  }

  upload(request: UploadRequest): Promise<FileTransferOutcome<UploadReceipt>> {
    const target = request.url.endsWith('/') ? `${request.url}${encodeURIComponent(request.fileName)}` : request.url;
    return this.transfer('upload', target, request.cancel, async (url, signal) => {
      const source = await uploadSourceOf(request.content);
      if (url.protocol.startsWith('ftp')) await this.ftp.upload(url, source, signal);
      else await this.http.upload(url, source, signal);
      return { location: redactUrl(target), sizeBytes: source.size };
    });
  }

  async discard(handle: string): Promise<void> {
    await discardArtifact(this.config.downloadDirectory, handle);
  }

  /** Closes pooled HTTP connections (station shutdown). */
  async close(): Promise<void> {
    await this.http.close();
  }

  private async transfer<T>(
    operation: 'download' | 'upload',
    location: string,
    cancel: DownloadRequest['cancel'],
    work: (url: URL, signal: AbortSignal) => Promise<T>,
  ): Promise<FileTransferOutcome<T>> {
    const abort = abortSignalOf(cancel);
    try {
      const url = this.parse(location);
      return { ok: true, value: await work(url, abort.signal) };
    } catch (error) {
      const failure = classifyError(error, abort.signal.aborted);
      const message = redactSecretsOf(location, failure.message);
      this.deps.logger.debug({ operation, location: redactUrl(location), kind: failure.kind, message }, 'File transfer failed');
      return { ok: false, error: { kind: failure.kind, message } };
    } finally {
      abort.dispose();
    }
  }

  private parse(location: string): URL {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new TransferFailure('bad-location', `Not a URL: ${redactUrl(location)}`);
    }
    const protocol = PROTOCOL_OF[url.protocol];
    if (protocol === undefined || !this.protocols.includes(protocol)) {
      throw new TransferFailure('protocol-unsupported', `Protocol ${url.protocol.replace(/:$/, '')} is not supported (served: ${this.protocols.join(', ')})`);
    }
    if (url.hostname === '') throw new TransferFailure('bad-location', 'The location names no host');
    return url;
  }
}
