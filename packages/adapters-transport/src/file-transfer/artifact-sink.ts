import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { DownloadedArtifact } from '@evstation/core';
import { TransferFailure } from './transfer-failure.js';

/** The extension of the remote file name kept on the artifact (".bin", ".tar.gz" → ".gz"), if it looks harmless. */
function extensionOf(url: URL): string {
  const ext = extname(decodeURIComponent(url.pathname));
  return /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext : '.bin';
}

/** The failure of a download whose announced size (Content-Length, FTP SIZE) exceeds the cap, known before writing. */
export function announcedSizeFailure(announced: number | undefined, maxBytes: number): TransferFailure | undefined {
  if (announced === undefined || !Number.isFinite(announced) || announced <= maxBytes) return undefined;
  return new TransferFailure('too-large', `Download of ${announced} bytes exceeds the limit of ${maxBytes} bytes`);
}

/**
 * A downloaded artifact being written: a new file (mode 0600) in the download directory, hashed (SHA-256) and counted
 * as it is written, failing with too-large past the cap. `receive()` runs one download into it.
 */
export class ArtifactSink extends Writable {
  private readonly hash = createHash('sha256');
  private size = 0;

  private constructor(
    readonly path: string,
    private readonly file: WriteStream,
    private readonly maxBytes: number,
  ) {
    super();
  }

  /**
   * Writes one download (HTTP or FTP) through `fill` into a new artifact file for `url` in `directory` and describes it;
   * the partial file is deleted when anything fails.
   */
  static async receive(directory: string, url: URL, maxBytes: number, fill: (sink: Writable) => Promise<unknown>): Promise<DownloadedArtifact> {
    const sink = await ArtifactSink.open(directory, url, maxBytes);
    try {
      await fill(sink);
      return await sink.complete();
    } catch (error) {
      await sink.abandon();
      throw error;
    }
  }

  /** Opens a new artifact file for `url` in `directory` (created 0700 when missing). */
  private static async open(directory: string, url: URL, maxBytes: number): Promise<ArtifactSink> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const path = resolve(directory, `firmware-${randomUUID()}${extensionOf(url)}`);
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await new Promise<void>((ready, fail) => file.once('open', () => ready()).once('error', fail));
    return new ArtifactSink(path, file, maxBytes);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new TransferFailure('too-large', `Download exceeds the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    this.file.write(chunk, (error) => callback(error ?? null));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.file.end(() => callback());
  }

  /** Waits until everything is on disk and describes the artifact. */
  private async complete(): Promise<DownloadedArtifact> {
    if (!this.writableFinished) await finished(this);
    await finished(this.file);
    return { handle: this.path, sizeBytes: this.size, sha256: this.hash.digest('hex') };
  }

  /** Closes and deletes the partial file. */
  private async abandon(): Promise<void> {
    this.destroy();
    this.file.destroy();
    await finished(this.file).catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
  }
}

/** Deletes an artifact written by ArtifactSink; a handle outside the download directory or already gone is ignored. */
export async function discardArtifact(directory: string, handle: string): Promise<void> {
  const root = resolve(directory) + sep;
  const target = resolve(handle);
  if (!target.startsWith(root)) return;
  await unlink(target).catch(() => undefined);
}
