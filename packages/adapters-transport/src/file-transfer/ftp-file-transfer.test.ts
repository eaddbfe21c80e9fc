import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancelSource } from '@evstation/core';
import { describe, expect, it } from 'vitest';
import { unusedPort } from '../testing/test-csms.js';
import { FTP_USER, startTestFtpFileServer, type TestFtpFileServer } from '../testing/test-ftp-file-server.js';
import { useFileTransferKit } from './file-transfer.test-kit.js';

const FIRMWARE = Buffer.from('ftp firmware image '.repeat(5000));

const kit = useFileTransferKit({ idleTimeoutMs: 5_000, connectTimeoutMs: 5_000 });
const transfer = kit.transfer;

async function server(tls = false): Promise<TestFtpFileServer> {
  const started = await startTestFtpFileServer(tls ? { tls: kit.pki.server } : {});
  writeFileSync(join(started.root, 'fw.bin'), FIRMWARE);
  mkdirSync(join(started.root, 'logs'));
  kit.defer(() => started.close());
  return started;
}

describe('NodeFileTransfer over FTP (basic-ftp against ftp-srv)', () => {
  it('downloads with the URL credentials, size and SHA-256', async () => {
    const ftp = await server();
    const { adapter } = transfer();
    const outcome = await adapter.download({ url: ftp.url('/fw.bin') });
    expect(outcome).toMatchObject({ ok: true, value: { sizeBytes: FIRMWARE.length, sha256: createHash('sha256').update(FIRMWARE).digest('hex') } });
    if (outcome.ok) expect(readFileSync(outcome.value.handle)).toEqual(FIRMWARE);
    expect(ftp.logins).toEqual([FTP_USER.user]);
  });

  it('a missing file is not-found; a location without a file name is bad-location', async () => {
    const ftp = await server();
    const { adapter, leftovers } = transfer();
    expect(await adapter.download({ url: ftp.url('/missing.bin') })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await adapter.download({ url: ftp.url('/logs/') })).toMatchObject({ ok: false, error: { kind: 'bad-location' } });
    expect(leftovers()).toEqual([]);
  });

  it('a wrong password is permission-denied, and the password appears nowhere', async () => {
    const ftp = await server();
    const { adapter, logger } = transfer();
    const outcome = await adapter.download({ url: ftp.url('/fw.bin', { user: FTP_USER.user, password: 'Wrong-Pw-123' }) });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'permission-denied', message: expect.stringContaining('530') } });
    expect(JSON.stringify(outcome)).not.toContain('Wrong-Pw-123');
    expect(logger.text()).not.toContain('Wrong-Pw-123');
    const anonymous = await adapter.download({ url: ftp.url('/fw.bin', false) });
    expect(anonymous).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
  });

  it('the download cap is enforced before the transfer (SIZE) and nothing is written', async () => {
    const ftp = await server();
    const { adapter, leftovers } = transfer({ maxDownloadBytes: 1000 });
    expect(await adapter.download({ url: ftp.url('/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(leftovers()).toEqual([]);
  });

  it('the cap also holds while receiving when the server announces no size', async () => {
    const ftp = await server();
    const { adapter, leftovers } = transfer({ maxDownloadBytes: 10_000 });
    const outcome = await adapter.download({ url: ftp.url('/stall.bin') });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(leftovers()).toEqual([]);
  });

  it('cancel mid-transfer closes the connection; the partial file is deleted', async () => {
    const ftp = await server();
    const { adapter, leftovers } = transfer();
    const cancel = new CancelSource();
    const pending = adapter.download({ url: ftp.url('/stall.bin'), cancel: cancel.signal });
    await ftp.stalled();
    cancel.cancel();
    expect(await pending).toEqual({ ok: false, error: { kind: 'cancelled', message: 'Transfer cancelled' } });
    expect(leftovers()).toEqual([]);
  });

  it('a stalled transfer fails with timeout after idleTimeoutMs', async () => {
    const ftp = await server();
    const { adapter } = transfer({ idleTimeoutMs: 400 });
    expect(await adapter.download({ url: ftp.url('/stall.bin') })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('a refused connection is network', async () => {
    const { adapter } = transfer();
    expect(await adapter.download({ url: `ftp://127.0.0.1:${await unusedPort()}/fw.bin` })).toMatchObject({ ok: false, error: { kind: 'network' } });
  });

  it('N01: uploads to a directory URL (file name appended) and to a file URL', async () => {
    const ftp = await server();
    const { adapter } = transfer();
    expect(await adapter.upload({ url: ftp.url('/logs/'), fileName: 'SecurityLog-1.log', content: { text: 'security log\n' } })).toEqual({
      ok: true,
      value: { location: `ftp://***@127.0.0.1:${ftp.port}/logs/SecurityLog-1.log`, sizeBytes: 13 },
    });
    expect(readFileSync(join(ftp.root, 'logs', 'SecurityLog-1.log'), 'utf8')).toBe('security log\n');
    await adapter.upload({ url: ftp.url('/diag.bin'), fileName: 'x', content: { bytes: new Uint8Array([9, 8, 7]) } });
    expect([...readFileSync(join(ftp.root, 'diag.bin'))]).toEqual([9, 8, 7]);
  });

  it('N01: an upload into a directory that does not exist is refused (PermissionDenied)', async () => {
    const ftp = await server();
    const { adapter } = transfer();
    expect(await adapter.upload({ url: ftp.url('/nowhere/'), fileName: 'a.log', content: { text: 'x' } })).toMatchObject({ ok: false, error: { kind: 'permission-denied' } });
  });
});

describe('NodeFileTransfer over FTPS (explicit TLS)', () => {
  it('downloads and uploads over AUTH TLS with the configured CA list', async () => {
    const ftps = await server(true);
    const { adapter } = transfer({ caCertificates: [kit.pki.csmsRoot.cert] });
    expect(await adapter.download({ url: ftps.url('/fw.bin') })).toMatchObject({ ok: true, value: { sizeBytes: FIRMWARE.length } });
    expect(await adapter.upload({ url: ftps.url('/logs/'), fileName: 'a.log', content: { text: 'over tls' } })).toMatchObject({ ok: true });
    expect(readFileSync(join(ftps.root, 'logs', 'a.log'), 'utf8')).toBe('over tls');
  });

  it("refuses a server whose CA is not trusted (Node's default roots): network, no login sent", async () => {
    const ftps = await server(true);
    const { adapter } = transfer();
    expect(await adapter.download({ url: ftps.url('/fw.bin') })).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(ftps.logins).toEqual([]);
  });
});
