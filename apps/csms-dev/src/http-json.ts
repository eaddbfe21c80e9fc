import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the HTTP API refuses; becomes `status` with `{ error: message }` (plus `details` when given). */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Request bodies are OCPP payloads or a policy: 1 MiB is far above any of them (OCPP-J frames are bounded alike). */
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body; an empty body reads as `{}` (many CSMS->CS requests have no required field). */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}

/** Sends an HttpError as `{ error, details? }`. */
export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, error.details === undefined ? { error: error.message } : { error: error.message, details: error.details });
}
