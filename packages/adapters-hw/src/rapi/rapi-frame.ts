/** A decoded RAPI line, in either direction (OpenEVSE rapi_proc.h, RAPI 5). */
export interface RapiFrame {
  /** The two-letter command, `OK`/`NK` for replies, or an async code such as `AT`. */
  head: string;
  params: string[];
  /** The `:ss` sequence id echoed in replies (v3.0.0+). */
  sequenceId?: number;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

/** The preferred RAPI checksum: XOR of every character before `^`, as two hex digits (`$GS` -> `30`). */
export function rapiXorChecksum(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i += 1) sum ^= text.charCodeAt(i) & 0xff;
  return hex2(sum);
}

/** The legacy RAPI checksum: 8-bit sum of every character before `*` (`$FE` -> `AF`). */
export function rapiSumChecksum(text: string): string {
  let sum = 0;
  for (let i = 0; i < text.length; i += 1) sum = (sum + text.charCodeAt(i)) & 0xff;
  return hex2(sum);
}

/** Encodes one frame with the XOR checksum and, when given, a sequence id (1-255): `$SC 16 V :2A^xx\r`. */
export function encodeRapiFrame(head: string, params: readonly (string | number)[] = [], sequenceId?: number): string {
  const parts = [`$${head}`, ...params.map(String)];
  if (sequenceId !== undefined) parts.push(`:${hex2(sequenceId)}`);
  const body = parts.join(' ');
  return `${body}^${rapiXorChecksum(body)}\r`;
}

/**
 * Decodes one line (without its CR). Verifies the `^` XOR or legacy `*` sum checksum when present; a line without a
 * checksum is accepted (pre-2.0 firmware). Returns a reason string for anything that is not a valid frame.
 */
export function parseRapiFrame(line: string): RapiFrame | string {
  const start = line.lastIndexOf('$');
  if (start < 0) return 'no $ start';
  let body = line.slice(start).trimEnd();
  const marker = body.length - 3;
  const mark = body.charAt(marker);
  if (mark === '^' || mark === '*') {
    const text = body.slice(0, marker);
    const expected = mark === '^' ? rapiXorChecksum(text) : rapiSumChecksum(text);
    if (body.slice(marker + 1).toUpperCase() !== expected) return `bad checksum in ${JSON.stringify(line)}`;
    body = text;
  }
  const tokens = body.slice(1).split(' ').filter((t) => t !== '');
  const head = tokens.shift();
  if (head === undefined || !/^[A-Z0-9]{2}$/.test(head)) return `bad command in ${JSON.stringify(line)}`;
  const frame: RapiFrame = { head, params: tokens };
  const last = tokens.at(-1);
  if (last !== undefined && /^:[0-9A-Fa-f]{2}$/.test(last)) {
    frame.sequenceId = Number.parseInt(last.slice(1), 16);
    frame.params = tokens.slice(0, -1);
  }
  return frame;
}
