import { pipeline } from 'node:stream/promises';
import type { DownloadedArtifact } from '@evstation/core';
import { Agent, request, type Dispatcher } from 'undici';
import { announcedSizeFailure, ArtifactSink } from './artifact-sink.js';
import type { ResolvedFileTransferConfig } from './file-transfer-config.js';
import { TransferFailure } from './transfer-failure.js';
import type { UploadSource } from './upload-source.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The failure kind of an HTTP status that is not a success (N01/L01 status mapping). */
export function httpStatusFailure(status: number, operation: 'download' | 'upload'): TransferFailure {
  const text = `HTTP ${status} on ${operation}`;
  if (status === 401 || status === 403) return new TransferFailure('permission-denied', text);
  if (status === 404 || status === 410) return new TransferFailure('not-found', text);
  if (status === 413) return new TransferFailure('too-large', text);
  if (status === 400) return new TransferFailure('bad-location', text);
  if (status === 405 || status === 501) return new TransferFailure('protocol-unsupported', text);
  return new TransferFailure('server-error', text);
}

/**
 * The URL without its user information, and the Basic Authorization header it stood for (undici ignores credentials
 * in a URL; curl sends them this way). The header only goes to the URL's own origin.
 */
export function withBasicAuth(url: URL): { target: URL; authorization?: string } {
  if (url.username === '' && url.password === '') return { target: url };
  const target = new URL(url);
  target.username = '';
  target.password = '';
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { target, authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}` };
}

/** Drains and drops a body we do not use, so the connection can be reused. */
async function discardBody(body: Dispatcher.ResponseData['body']): Promise<void> {
  await body.dump().catch(() => undefined);
}

/**
 * HTTP(S) transfers with undici 7: one Agent with the configured CA list (Node's roots when none), connect timeout,
 * and headers/body idle timeouts. Downloads follow at most `maxRedirects` redirects and never from https to http.
 * Uploads are an HTTP PUT of the raw file to the location (the file name appended when it ends with '/'), as
 * everest-core's uploader does with `curl -T` (ADR 0003); no redirect is followed for an upload.
 */
export class HttpTransfer {
  private readonly agent: Agent;

  constructor(private readonly config: ResolvedFileTransferConfig) {
    this.agent = new Agent({
      connect: { timeout: config.connectTimeoutMs, ...(config.caCertificates === undefined ? {} : { ca: [...config.caCertificates] }) },
      headersTimeout: config.idleTimeoutMs,
      bodyTimeout: config.idleTimeoutMs,
    });
  }

  /** Downloads `url` into a new artifact of at most `maxBytes`. */
  async download(url: URL, maxBytes: number, signal: AbortSignal): Promise<DownloadedArtifact> {
    const { target, authorization } = withBasicAuth(url);
    let current = target;
    for (let redirects = 0; ; redirects += 1) {
      const sameOrigin = current.origin === target.origin;
      const headers = { accept: '*/*', ...(authorization !== undefined && sameOrigin ? { authorization } : {}) };
      const response = await request(current, { dispatcher: this.agent, method: 'GET', signal, headers });
      if (REDIRECTS.has(response.statusCode)) {
        await discardBody(response.body);
        current = this.redirectTarget(current, response, redirects);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        await discardBody(response.body);
        throw httpStatusFailure(response.statusCode, 'download');
      }
      const tooLarge = announcedSizeFailure(Number(response.headers['content-length']), maxBytes);
      if (tooLarge !== undefined) {
        await discardBody(response.body);
        throw tooLarge;
      }
      return ArtifactSink.receive(this.config.downloadDirectory, current, maxBytes, (sink) => pipeline(response.body, sink, { signal }));
    }
  }

  /** PUTs the content to `target`; any 2xx is success. */
  async upload(url: URL, source: UploadSource, signal: AbortSignal): Promise<void> {
    const { target, authorization } = withBasicAuth(url);
    const response = await request(target, {
      dispatcher: this.agent,
      method: 'PUT',
      signal,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(source.size),
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: source.body(),
    });
    await discardBody(response.body);
    if (response.statusCode < 200 || response.statusCode > 299) throw httpStatusFailure(response.statusCode, 'upload');
  }

  /** Releases the connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private redirectTarget(from: URL, response: Dispatcher.ResponseData, redirects: number): URL {
    if (redirects >= this.config.maxRedirects) throw new TransferFailure('server-error', `More than ${this.config.maxRedirects} redirects`);
    const location = response.headers.location;
    if (typeof location !== 'string' || location === '') throw new TransferFailure('server-error', `HTTP ${response.statusCode} without a Location`);
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      throw new TransferFailure('server-error', `HTTP ${response.statusCode} with an unusable Location`);
    }
    // Never downgrade: a firmware fetched over TLS must not come from a plain-text source.
    const allowed = from.protocol === 'https:' ? next.protocol === 'https:' : next.protocol === 'http:' || next.protocol === 'https:';
    if (!allowed) throw new TransferFailure('server-error', `Redirect from ${from.protocol} to ${next.protocol} refused`);
    return next;
  }
}
