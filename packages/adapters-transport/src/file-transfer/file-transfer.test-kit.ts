import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@evstation/core/testing';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTestPki, type TestPki } from '../testing/test-pki.js';
import type { FileTransferConfig } from './file-transfer-config.js';
import { NodeFileTransfer } from './node-file-transfer.js';

/** What {@link useFileTransferKit} gives a NodeFileTransfer test file (tests only). */
export interface FileTransferKit {
  /** The file's test PKI (server certificates for HTTPS and FTPS), made once by openssl. */
  readonly pki: TestPki;
  /** Runs `cleanup` after the current test, latest first. */
  defer(cleanup: () => Promise<void> | void): void;
  /** A NodeFileTransfer downloading into a fresh directory, closed and removed after the test. */
  transfer(config?: Partial<FileTransferConfig>): {
    adapter: NodeFileTransfer;
    logger: MemoryLogger;
    downloadDirectory: string;
    /** The files left in the download directory (none when it was never created). */
    leftovers(): string[];
  };
}

/** Registers the shared hooks of a NodeFileTransfer test file; `defaults` apply to every adapter it makes (tests only). */
export function useFileTransferKit(defaults: Partial<FileTransferConfig> = {}): FileTransferKit {
  let pki: TestPki | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  beforeAll(() => {
    pki = createTestPki();
  });
  afterAll(() => pki?.cleanup());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    get pki(): TestPki {
      if (pki === undefined) throw new Error('the test PKI exists only while the tests run');
      return pki;
    },
    defer: (cleanup) => void cleanups.push(cleanup),
    transfer: (config = {}) => {
      const dir = mkdtempSync(join(tmpdir(), 'evstation-downloads-'));
      const downloadDirectory = join(dir, 'firmware');
      const logger = new MemoryLogger();
      const adapter = new NodeFileTransfer({ logger }, { downloadDirectory, ...defaults, ...config });
      cleanups.push(async () => {
        await adapter.close();
        rmSync(dir, { recursive: true, force: true });
      });
      const leftovers = (): string[] => {
        try {
          return readdirSync(downloadDirectory);
        } catch {
          return [];
        }
      };
      return { adapter, logger, downloadDirectory, leftovers };
    },
  };
}
