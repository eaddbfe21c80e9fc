import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { UploadContent } from '@evstation/core';
import { TransferFailure } from './transfer-failure.js';

/** Upload content ready to send: its size and a fresh body per attempt. */
export interface UploadSource {
  size: number;
  body(): Buffer | Readable;
}

/** Turns the port's UploadContent into bytes or a file stream; a station file that cannot be read fails with io. */
export async function uploadSourceOf(content: UploadContent): Promise<UploadSource> {
  if ('text' in content) {
    const bytes = Buffer.from(content.text, 'utf8');
    return { size: bytes.length, body: () => bytes };
  }
  if ('bytes' in content) {
    const bytes = Buffer.from(content.bytes.buffer, content.bytes.byteOffset, content.bytes.byteLength);
    return { size: bytes.length, body: () => bytes };
  }
  const { path } = content;
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error(`${path} is not a file`);
    size = info.size;
  } catch (error) {
    throw new TransferFailure('io', `Cannot read the log file: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { size, body: () => createReadStream(path) };
}
