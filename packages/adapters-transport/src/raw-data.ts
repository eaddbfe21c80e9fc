import type { RawData } from 'ws';

/** A ws message payload as UTF-8 text (ws hands over a Buffer, an ArrayBuffer or fragments). */
export function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
