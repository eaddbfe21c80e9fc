import type {
  DownloadedArtifact,
  DownloadRequest,
  FileTransferErrorKind,
  FileTransferOutcome,
  FileTransferPort,
  FileTransferProtocol,
  UploadContent,
  UploadReceipt,
  UploadRequest,
  CancelSignal,
} from '../ports/file-transfer.port.js';
import { redactUrl } from '../file-transfer/redact-url.js';
import { sha256Hex } from './sha256.js';

/** One upload the fake server received. */
export interface ReceivedUpload {
  /** The target URL (the file name appended when the location ends with '/'). */
  url: string;
  fileName: string;
  /** The content as text (UTF-8), or the local path for path uploads. */
  content: string;
}

interface Held {
  url: string;
  release: () => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isCancelled(cancel: CancelSignal | undefined): boolean {
  return cancel?.cancelled === true;
}

function targetOf(request: UploadRequest): string {
  return request.url.endsWith('/') ? `${request.url}${request.fileName}` : request.url;
}

function textOf(content: UploadContent): string {
  if ('text' in content) return content.text;
  if ('bytes' in content) return decoder.decode(content.bytes);
  return content.path;
}

/**
 * A FileTransferPort that behaves like a file server the test controls (serialport's binding-mock is the model):
 * `serve` files, script failures with `failNext`, keep transfers in flight with `hold` until `release` or a cancel.
 */
export class FakeFileTransfer implements FileTransferPort {
  readonly protocols: readonly FileTransferProtocol[] = ['HTTP', 'HTTPS', 'FTP', 'FTPS'];
  /** Uploads received, in order. */
  readonly uploads: ReceivedUpload[] = [];
  /** Every transfer started, in order. */
  readonly attempts: { operation: 'download' | 'upload'; url: string }[] = [];
  /** Local artifacts by handle (deleted by discard). */
  readonly artifacts = new Map<string, Uint8Array>();
  private readonly files = new Map<string, Uint8Array>();
  private readonly failures = new Map<string, FileTransferErrorKind[]>();
  private readonly holds = new Set<string>();
  private readonly held: Held[] = [];
  private nextHandle = 1;

  /** Makes `url` downloadable with this content. */
  serve(url: string, content: string | Uint8Array): this {
    this.files.set(url, typeof content === 'string' ? encoder.encode(content) : content);
    return this;
  }

  /** The next transfers to `url` fail with these kinds, one per attempt. */
  failNext(url: string, ...kinds: FileTransferErrorKind[]): this {
    this.failures.set(url, [...(this.failures.get(url) ?? []), ...kinds]);
    return this;
  }

  /** Transfers to `url` stay in flight until `release(url)` (or their cancel). */
  hold(url: string): this {
    this.holds.add(url);
    return this;
  }

  /** Lets the held transfers to `url` finish, and no longer holds new ones. */
  release(url: string): void {
    this.holds.delete(url);
    for (const entry of this.held.filter((h) => h.url === url)) entry.release();
  }

  /** Transfers currently held in flight. */
  inFlight(): number {
    return this.held.length;
  }

  async download(request: DownloadRequest): Promise<FileTransferOutcome<DownloadedArtifact>> {
    this.attempts.push({ operation: 'download', url: request.url });
    const blocked = await this.gate(request.url, request.cancel);
    if (blocked !== undefined) return blocked;
    const content = this.files.get(request.url);
    if (content === undefined) return this.failure('not-found', request.url);
    if (request.maxBytes !== undefined && content.length > request.maxBytes) return this.failure('too-large', request.url);
    const handle = `fake-artifact-${this.nextHandle++}`;
    this.artifacts.set(handle, content);
    return { ok: true, value: { handle, sizeBytes: content.length, sha256: sha256Hex(content) } };
  }

  async upload(request: UploadRequest): Promise<FileTransferOutcome<UploadReceipt>> {
    this.attempts.push({ operation: 'upload', url: request.url });
    const blocked = await this.gate(request.url, request.cancel);
    if (blocked !== undefined) return blocked;
    const content = textOf(request.content);
    this.uploads.push({ url: targetOf(request), fileName: request.fileName, content });
    return { ok: true, value: { location: redactUrl(targetOf(request)), sizeBytes: encoder.encode(content).length } };
  }

  discard(handle: string): Promise<void> {
    this.artifacts.delete(handle);
    return Promise.resolve();
  }

  /** Applies holds, cancels and scripted failures; undefined lets the transfer go on. */
  private async gate(url: string, cancel: CancelSignal | undefined): Promise<FileTransferOutcome<never> | undefined> {
    if (isCancelled(cancel)) return this.failure('cancelled', url);
    if (this.holds.has(url)) {
      let settle: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (settle = resolve));
      const entry: Held = { url, release: () => settle() };
      this.held.push(entry);
      const off = cancel?.onCancel(() => settle());
      await finished;
      off?.();
      this.held.splice(this.held.indexOf(entry), 1);
      if (isCancelled(cancel)) return this.failure('cancelled', url);
    }
    const kind = this.failures.get(url)?.shift();
    return kind === undefined ? undefined : this.failure(kind, url);
  }

  private failure(kind: FileTransferErrorKind, url: string): FileTransferOutcome<never> {
    return { ok: false, error: { kind, message: `${kind} (fake) for ${redactUrl(url)}` } };
  }
}
