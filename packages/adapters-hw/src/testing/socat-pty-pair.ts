import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** The message every socat-dependent test fails with when socat is absent (never a silent skip). */
export const SOCAT_REQUIRED = 'socat is required: apt-get install -y socat';

/** Throws SOCAT_REQUIRED when socat cannot be run. */
export function requireSocat(): void {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) throw new Error(SOCAT_REQUIRED);
}

/** Two connected pseudo-terminals: what one end writes, the other reads (a null-modem cable in software). */
export interface PtyPair {
  a: string;
  b: string;
  /** Kills socat (like pulling the USB adapter) and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and resolves once both ends exist and data flows (hardware.md
 * 2.2). With `links`, socat also makes stable symlinks to the ends, so a new pair can stand in for a replugged device.
 */
export async function openPtyPair(links?: { a: string; b: string }): Promise<PtyPair> {
  requireSocat();
  const end = (link: string | undefined): string => `pty,raw,echo=0${link === undefined ? '' : `,link=${link}`}`;
  const child: ChildProcess = spawn('socat', ['-d', '-d', end(links?.a), end(links?.b)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const paths: string[] = [];
    let stderr = '';
    child.once('error', (error) => reject(error));
    child.once('exit', (code) => reject(new Error(`socat exited (${code}) before the pty pair was ready: ${stderr}`)));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      for (const match of chunk.matchAll(/PTY is (\S+)/g)) if (match[1] !== undefined) paths.push(match[1]);
      const [a, b] = paths;
      if (stderr.includes('starting data transfer loop') && a !== undefined && b !== undefined) resolve({ a: links?.a ?? a, b: links?.b ?? b, stop });
    });
  });
}
