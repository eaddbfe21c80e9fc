import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';

/** A local FTP(S) server (ftp-srv) over a temporary directory, for transfer tests (DESIGN §8: real peers). */
export interface TestFtpFileServer {
  /** The directory served as the users' root; files written by uploads land here. */
  readonly root: string;
  readonly port: number;
  /** ftp(s)://user:password@127.0.0.1:port/<path> with the test user, or anonymous when `credentials` is false. */
  url(path: string, credentials?: { user: string; password: string } | false): string;
  /** Login attempts seen (user names only). */
  readonly logins: string[];
  /** Resolves once a download of a file named stall.bin sent its first 64 KiB (the rest never comes). */
  stalled(): Promise<void>;
  close(): Promise<void>;
}

/** The test user of the FTP server. */
export const FTP_USER = { user: 'station', password: 'Ftp-Secret-Pw-4711' } as const;

const noop = (): void => undefined;
/** ftp-srv logs through bunyan; the tests keep it quiet without depending on bunyan. */
const quietLog = { child: () => quietLog, trace: noop, debug: noop, info: noop, warn: noop, error: noop, fatal: noop };

/**
 * The served directory, except that a file named stall.bin sends 64 KiB and then nothing (cancel tests), and a store
 * into a missing directory is refused up front (ftp-srv 4.6.3 would leave an unhandled rejection behind).
 */
class StallingFileSystem extends FileSystem {
  constructor(
    connection: FtpConnection,
    private readonly rootDir: string,
    private readonly onStall: () => void,
  ) {
    super(connection, { root: rootDir, cwd: '/' });
  }

  override write(fileName: string, options?: { append?: boolean; start?: unknown }): unknown {
    const target = join(this.rootDir, fileName.startsWith('/') ? fileName : join(this.currentDirectory(), fileName));
    if (!existsSync(dirname(target))) throw new Error('No such directory');
    return super.write(fileName, options);
  }

  override read(fileName: string, options?: { start?: unknown }): Promise<unknown> {
    if (!fileName.endsWith('stall.bin')) return super.read(fileName, options);
    let sent = false;
    const stream = new Readable({
      read: () => {
        if (sent) return;
        sent = true;
        stream.push(Buffer.alloc(64 * 1024, 0x63));
        setImmediate(this.onStall);
      },
    });
    return Promise.resolve({ stream, clientPath: fileName });
  }
}

/**
 * Starts ftp-srv on 127.0.0.1 with passive ports in 30000-30999; only FTP_USER may log in. With `tls`, explicit FTPS
 * (AUTH TLS) is offered with that certificate.
 */
export async function startTestFtpFileServer(options: { tls?: { cert: string; key: string } } = {}): Promise<TestFtpFileServer> {
  const root = mkdtempSync(join(tmpdir(), 'evstation-ftp-'));
  const logins: string[] = [];
  let stall: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (stall = resolve));
  const server = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: 30_000,
    pasv_max: 30_999,
    log: quietLog,
    greeting: 'evstation test FTP',
    ...(options.tls === undefined ? {} : { tls: { cert: options.tls.cert, key: options.tls.key } }),
  });
  server.on('login', ({ connection, username, password }, resolve, reject) => {
    logins.push(username);
    if (username === FTP_USER.user && password === FTP_USER.password) resolve({ fs: new StallingFileSystem(connection, root, () => stall()) });
    else reject(new Error('Login incorrect'));
  });
  await server.listen();
  const { port } = (Reflect.get(server, 'server') as Server).address() as AddressInfo;
  const scheme = options.tls === undefined ? 'ftp' : 'ftps';
  return {
    root,
    port,
    logins,
    stalled: () => stalled,
    url: (path, credentials = FTP_USER) =>
      `${scheme}://${credentials === false ? '' : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`}127.0.0.1:${port}${path}`,
    close: async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
