import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelSource } from '@evstation/core';
import { describe, expect, it } from 'vitest';
import { unusedPort } from '../testing/test-csms.js';
import { startTestHttpFileServer, type TestHttpFileServer } from '../testing/test-http-file-server.js';
import { useFileTransferKit } from './file-transfer.test-kit.js';

const FIRMWARE = Buffer.from('evstation firmware image '.repeat(4000));
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const kit = useFileTransferKit();
const transfer = kit.transfer;

async function server(tls = false): Promise<TestHttpFileServer> {
  const started = await startTestHttpFileServer(tls ? { tls: kit.pki.server } : {});
  started.files.set('fw.bin', FIRMWARE);
  kit.defer(() => started.close());
  return started;
}

describe('NodeFileTransfer over HTTP (L01 firmware download)', () => {
  it('downloads into a 0600 file in a 0700 directory, with size and SHA-256', async () => {
    const http = await server();
    const { adapter, downloadDirectory } = transfer();
    const outcome = await adapter.download({ url: http.url('/files/fw.bin') });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value).toEqual({ handle: expect.stringMatching(/firmware-[0-9a-f-]+\.bin$/), sizeBytes: FIRMWARE.length, sha256: sha256(FIRMWARE) });
    expect(readFileSync(outcome.value.handle)).toEqual(FIRMWARE);
    expect(statSync(outcome.value.handle).mode & 0o777).toBe(0o600);
    expect(statSync(downloadDirectory).mode & 0o777).toBe(0o700);
    await adapter.discard(outcome.value.handle);
    expect(() => statSync(outcome.value.handle)).toThrow();
  });

  it('HTTP 404 is not-found, 403 and 401 are permission-denied, nothing is left on disk', async () => {
    const http = await server();
    const { adapter, leftovers } = transfer();
    expect(await adapter.download({ url: http.url('/files/missing.bin') })).toEqual({ ok: false, error: { kind: 'not-found', message: 'HTTP 404 on download' } });
    expect(await adapter.download({ url: http.url('/forbidden/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    expect(await adapter.download({ url: http.url('/unauthorized/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    expect(leftovers()).toEqual([]);
  });

  it('a refused connection is network', async () => {
    const { adapter } = transfer();
    const port = await unusedPort();
    expect(await adapter.download({ url: `http://127.0.0.1:${port}/fw.bin` })).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringContaining('ECONNREFUSED') } });
  });

  it('a server that never answers fails with timeout after idleTimeoutMs', async () => {
    const http = await server();
    const { adapter } = transfer({ idleTimeoutMs: 300 });
    expect(await adapter.download({ url: http.url('/hang/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('cancel mid-transfer: the half-received file is deleted and the outcome is cancelled', async () => {
    const http = await server();
    const { adapter, leftovers, downloadDirectory } = transfer();
    mkdirSync(downloadDirectory, { recursive: true, mode: 0o700 });
    // Cancel once the artifact file exists, so there is a partial file to delete.
    const fileCreated = new Promise<void>((resolve) => {
      const watcher = watch(downloadDirectory, () => {
        watcher.close();
        resolve();
      });
    });
    const cancel = new CancelSource();
    const pending = adapter.download({ url: http.url('/slow/200000'), cancel: cancel.signal });
    await fileCreated;
    cancel.cancel();
    expect(await pending).toEqual({ ok: false, error: { kind: 'cancelled', message: 'Transfer cancelled' } });
    expect(leftovers()).toEqual([]);
  });

  it('size cap: a larger Content-Length is refused before writing; a stream without length is cut at the cap', async () => {
    const http = await server();
    const { adapter, leftovers } = transfer({ maxDownloadBytes: 50_000 });
    expect(await adapter.download({ url: http.url('/files/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(await adapter.download({ url: http.url('/stream/80000') })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(leftovers()).toEqual([]);
    // A request may ask for less than the adapter's cap, never for more.
    expect(await adapter.download({ url: http.url('/stream/30000'), maxBytes: 20_000 })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(await adapter.download({ url: http.url('/stream/30000'), maxBytes: 10_000_000 })).toMatchObject({ ok: true, value: { sizeBytes: 30_000 } });
  });

  it('follows up to maxRedirects redirects, not more, and never from https to http', async () => {
    const http = await server();
    const { adapter } = transfer({ maxRedirects: 3 });
    expect(await adapter.download({ url: http.url('/redirect/3/files/fw.bin') })).toMatchObject({ ok: true, value: { sizeBytes: FIRMWARE.length } });
    expect(await adapter.download({ url: http.url('/redirect/4/files/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'server-error', message: 'More than 3 redirects' } });
    const https = await server(true);
    const secure = transfer({ caCertificates: [kit.pki.csmsRoot.cert] });
    expect(await secure.adapter.download({ url: https.url('/to-http/files/fw.bin') })).toMatchObject({ ok: false, error: { message: 'Redirect from https: to http: refused' } });
  });

  it('sends URL credentials as Basic auth, and never shows them in an error or a log line', async () => {
    const http = await server();
    const { adapter, logger } = transfer();
    const url = http.url('/forbidden/fw.bin').replace('://', '://station:Http-Secret-99@');
    const outcome = await adapter.download({ url });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    expect(http.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('station:Http-Secret-99').toString('base64')}`);
    expect(JSON.stringify(outcome)).not.toContain('Http-Secret-99');
    expect(logger.text()).toContain('/forbidden/fw.bin');
    expect(logger.text()).not.toContain('Http-Secret-99');
    const refused = await adapter.download({ url: `http://station:Http-Secret-99@127.0.0.1:${await unusedPort()}/x` });
    expect(JSON.stringify(refused)).not.toContain('Http-Secret-99');
  });

  it('bad locations: not a URL, no host, a scheme not served', async () => {
    const { adapter } = transfer({ protocols: ['HTTPS'] });
    expect(await adapter.download({ url: 'not a url' })).toMatchObject({ ok: false, error: { kind: 'bad-location' } });
    expect(await adapter.download({ url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'protocol-unsupported' } });
    expect(await adapter.download({ url: 'http://127.0.0.1/fw.bin' })).toMatchObject({ ok: false, error: { kind: 'protocol-unsupported' } });
    expect(await adapter.download({ url: 'sftp://host/fw.bin' })).toMatchObject({ ok: false, error: { kind: 'protocol-unsupported' } });
    expect(adapter.protocols).toEqual(['HTTPS']);
  });

  it('discard ignores handles outside the download directory', async () => {
    const { adapter } = transfer();
    const outside = join(mkdtempSync(join(tmpdir(), 'evstation-outside-')), 'keep.txt');
    writeFileSync(outside, 'keep');
    await adapter.discard(outside);
    expect(readFileSync(outside, 'utf8')).toBe('keep');
    rmSync(outside);
  });
});

describe('NodeFileTransfer over HTTPS', () => {
  it('trusts the configured CA list', async () => {
    const https = await server(true);
    const { adapter } = transfer({ caCertificates: [kit.pki.csmsRoot.cert] });
    expect(await adapter.download({ url: https.url('/files/fw.bin') })).toMatchObject({ ok: true, value: { sha256: sha256(FIRMWARE) } });
  });

  it("with Node's default roots a private CA is not trusted: network, nothing written", async () => {
    const https = await server(true);
    const { adapter, leftovers } = transfer();
    expect(await adapter.download({ url: https.url('/files/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(leftovers()).toEqual([]);
  });

  it('a server certificate from another CA is refused', async () => {
    const started = await startTestHttpFileServer({ tls: kit.pki.unknownCaServer });
    kit.defer(() => started.close());
    started.files.set('fw.bin', FIRMWARE);
    const { adapter } = transfer({ caCertificates: [kit.pki.csmsRoot.cert] });
    expect(await adapter.download({ url: started.url('/files/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});

describe('NodeFileTransfer HTTP upload (N01 log)', () => {
  it('PUTs the raw file to the location, the file name appended to a directory URL', async () => {
    const http = await server();
    const { adapter } = transfer();
    const outcome = await adapter.upload({ url: http.url('/upload/logs/'), fileName: 'SecurityLog 1.log', content: { text: 'line 1\nline 2\n' } });
    expect(outcome).toEqual({ ok: true, value: { location: http.url('/upload/logs/SecurityLog%201.log'), sizeBytes: 14 } });
    const put = http.requests.at(-1)!;
    expect([put.method, put.path, put.body.toString(), put.headers['content-type']]).toEqual(['PUT', '/upload/logs/SecurityLog 1.log', 'line 1\nline 2\n', 'application/octet-stream']);
  });

  it('uploads bytes and a station file as given, to a full file URL', async () => {
    const http = await server();
    const { adapter } = transfer();
    const file = join(mkdtempSync(join(tmpdir(), 'evstation-log-')), 'diag.tar.gz');
    writeFileSync(file, FIRMWARE);
    expect(await adapter.upload({ url: http.url('/upload/diag.tar.gz'), fileName: 'ignored', content: { path: file } })).toMatchObject({ ok: true, value: { sizeBytes: FIRMWARE.length } });
    expect(http.requests.at(-1)?.body).toEqual(FIRMWARE);
    await adapter.upload({ url: http.url('/upload/raw.bin'), fileName: 'raw.bin', content: { bytes: new Uint8Array([1, 2, 3]) } });
    expect([...(http.requests.at(-1)?.body ?? [])]).toEqual([1, 2, 3]);
    rmSync(file);
  });

  it('403 is permission-denied, 405 protocol-unsupported (NotSupportedOperation), a missing station file io', async () => {
    const http = await server();
    const { adapter } = transfer();
    const text = { text: 'x' };
    expect(await adapter.upload({ url: http.url('/forbidden/'), fileName: 'a.log', content: text })).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
    expect(await adapter.upload({ url: http.url('/no-put/a.log'), fileName: 'a.log', content: text })).toMatchObject({ ok: false, error: { kind: 'protocol-unsupported' } });
    expect(await adapter.upload({ url: http.url('/upload/a.log'), fileName: 'a.log', content: { path: '/nonexistent/evstation.log' } })).toMatchObject({ ok: false, error: { kind: 'io' } });
  });

  it('an upload to a server that never answers times out; a cancel ends it at once', async () => {
    const http = await server();
    const { adapter } = transfer({ idleTimeoutMs: 300 });
    expect(await adapter.upload({ url: http.url('/hang/a.log'), fileName: 'a.log', content: { text: 'x' } })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    const slow = transfer({ idleTimeoutMs: 60_000 });
    const cancel = new CancelSource();
    const pending = slow.adapter.upload({ url: http.url('/hang/b.log'), fileName: 'b.log', content: { text: 'x' }, cancel: cancel.signal });
    await http.waitFor('/hang/b.log');
    cancel.cancel();
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});
