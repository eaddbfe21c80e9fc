import { Readable } from 'node:stream';
import type { DownloadedArtifact } from '@evstation/core';
import { Client, FTPError } from 'basic-ftp';
import { announcedSizeFailure, ArtifactSink } from './artifact-sink.js';
import type { ResolvedFileTransferConfig } from './file-transfer-config.js';
import { classifyError, TransferFailure } from './transfer-failure.js';
import type { UploadSource } from './upload-source.js';

/** The failure kind of an FTP error reply (RFC 959 codes; ftp-srv answers 551 for a missing file). */
export function ftpReplyFailure(code: number, message: string, operation: 'download' | 'upload'): TransferFailure {
  const text = `FTP ${code} on ${operation}: ${message}`;
  if (code === 530 || code === 532) return new TransferFailure('permission-denied', text);
  if (code === 550 || code === 551 || code === 553) return new TransferFailure(operation === 'download' ? 'not-found' : 'permission-denied', text);
  if (code === 552) return new TransferFailure('too-large', text);
  if (code === 500 || code === 501 || code === 502 || code === 504) return new TransferFailure('protocol-unsupported', text);
  if (code === 421 || code === 425 || code === 426) return new TransferFailure('network', text);
  return new TransferFailure('server-error', text);
}

/** The remote path of an ftp(s) URL, relative to the login directory as RFC 1738 (and curl) read it. */
function remotePathOf(url: URL): string {
  const path = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) throw new TransferFailure('bad-location', 'The FTP location names no file');
  return path;
}

/**
 * FTP and FTPS (explicit TLS, AUTH TLS) transfers with basic-ftp: credentials from the URL (anonymous without), passive
 * mode, the configured CA list for FTPS, the idle timeout on control and data connections; a cancel closes the client.
 */
export class FtpTransfer {
  constructor(private readonly config: ResolvedFileTransferConfig) {}

  /** Downloads the file into a new artifact of at most `maxBytes`. */
  async download(url: URL, maxBytes: number, signal: AbortSignal): Promise<DownloadedArtifact> {
    const path = remotePathOf(url);
    return this.session(url, signal, 'download', async (client) => {
      const tooLarge = announcedSizeFailure(await client.size(path).catch(() => undefined), maxBytes);
      if (tooLarge !== undefined) throw tooLarge;
      return ArtifactSink.receive(this.config.downloadDirectory, url, maxBytes, (sink) => client.downloadTo(sink, path));
    });
  }

  /** Stores the content at the URL's path (STOR). */
  async upload(target: URL, source: UploadSource, signal: AbortSignal): Promise<void> {
    const path = remotePathOf(target);
    await this.session(target, signal, 'upload', async (client) => {
      const body = source.body();
      await client.uploadFrom(Buffer.isBuffer(body) ? Readable.from([body]) : body, path);
    });
  }

  private async session<T>(url: URL, signal: AbortSignal, operation: 'download' | 'upload', work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client(this.config.idleTimeoutMs);
    const onAbort = (): void => client.close();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal.aborted) throw new TransferFailure('cancelled', 'Transfer cancelled');
      await this.connect(client, url);
      return await work(client);
    } catch (error) {
      if (error instanceof FTPError) throw ftpReplyFailure(error.code, error.message, operation);
      throw classifyError(error, signal.aborted);
    } finally {
      signal.removeEventListener('abort', onAbort);
      client.close();
    }
  }

  private async connect(client: Client, url: URL): Promise<void> {
    const secure = url.protocol === 'ftps:';
    const connected = client.access({
      host: url.hostname,
      port: url.port === '' ? 21 : Number(url.port),
      user: url.username === '' ? 'anonymous' : decodeURIComponent(url.username),
      password: url.password === '' ? 'anonymous@' : decodeURIComponent(url.password),
      secure,
      ...(secure
        ? { secureOptions: { servername: url.hostname, minVersion: 'TLSv1.2' as const, ...(this.config.caCertificates === undefined ? {} : { ca: [...this.config.caCertificates] }) } }
        : {}),
    });
    connected.catch(() => undefined);
    // basic-ftp's timeout starts with the first command; bound the TCP connect as well.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        client.close();
        reject(new TransferFailure('timeout', `No FTP connection within ${this.config.connectTimeoutMs} ms`));
      }, this.config.connectTimeoutMs);
    });
    try {
      await Promise.race([connected, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
