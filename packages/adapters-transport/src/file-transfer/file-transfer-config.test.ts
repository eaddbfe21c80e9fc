import { describe, expect, it } from 'vitest';
import { TransportConfigError } from '../transport-config-error.js';
import { resolveFileTransferConfig } from './file-transfer-config.js';
import { ftpReplyFailure } from './ftp-transfer.js';
import { httpStatusFailure } from './http-transfer.js';
import { classifyError } from './transfer-failure.js';

describe('resolveFileTransferConfig', () => {
  it('applies the defaults', () => {
    expect(resolveFileTransferConfig({ downloadDirectory: '/var/lib/evstation/firmware' })).toEqual({
      downloadDirectory: '/var/lib/evstation/firmware',
      protocols: ['HTTP', 'HTTPS', 'FTP', 'FTPS'],
      connectTimeoutMs: 30_000,
      idleTimeoutMs: 60_000,
      maxDownloadBytes: 512 * 1024 * 1024,
      maxRedirects: 5,
    });
  });

  it('refuses bad settings with a clear error naming the field', () => {
    expect(() => resolveFileTransferConfig({ downloadDirectory: '' })).toThrow(new TransportConfigError('File transfer: downloadDirectory is required'));
    expect(() => resolveFileTransferConfig({ downloadDirectory: '/d', protocols: ['SFTP'] })).toThrow(/not served by this adapter: SFTP/);
    expect(() => resolveFileTransferConfig({ downloadDirectory: '/d', idleTimeoutMs: 0 })).toThrow(/idleTimeoutMs must be a positive integer/);
    expect(() => resolveFileTransferConfig({ downloadDirectory: '/d', maxRedirects: -1 })).toThrow(/maxRedirects/);
    expect(() => resolveFileTransferConfig({ downloadDirectory: '/d', caCertificates: ['not pem'] })).toThrow(/PEM/);
    expect(resolveFileTransferConfig({ downloadDirectory: '/d', maxRedirects: 0 }).maxRedirects).toBe(0);
  });
});

describe('failure classification (library errors never cross the port)', () => {
  it('HTTP statuses', () => {
    expect([401, 403, 404, 410, 413, 400, 405, 501, 500, 302].map((s) => httpStatusFailure(s, 'upload').kind)).toEqual([
      'permission-denied',
      'permission-denied',
      'not-found',
      'not-found',
      'too-large',
      'bad-location',
      'protocol-unsupported',
      'protocol-unsupported',
      'server-error',
      'server-error',
    ]);
  });

  it('FTP replies: 550 is not-found on download, permission-denied on upload', () => {
    expect(ftpReplyFailure(550, 'x', 'download').kind).toBe('not-found');
    expect(ftpReplyFailure(550, 'x', 'upload').kind).toBe('permission-denied');
    expect([530, 552, 502, 421, 451].map((c) => ftpReplyFailure(c, 'x', 'download').kind)).toEqual(['permission-denied', 'too-large', 'protocol-unsupported', 'network', 'server-error']);
  });

  it('system and undici errors, through cause', () => {
    const coded = (code: string): Error => Object.assign(new Error(code), { code });
    expect(classifyError(coded('ECONNREFUSED'), false).kind).toBe('network');
    expect(classifyError(new Error('wrapped', { cause: coded('UND_ERR_HEADERS_TIMEOUT') }), false).kind).toBe('timeout');
    expect(classifyError(coded('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), false).kind).toBe('network');
    expect(classifyError(coded('ENOSPC'), false).kind).toBe('io');
    expect(classifyError(coded('UND_ERR_ABORTED'), true)).toMatchObject({ kind: 'cancelled', message: 'Transfer cancelled' });
  });
});
