import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerPort } from '@evstation/core';
import { CertificateStoreError } from './certificate-store-error.js';

/** Owner-only modes: nobody else on the device may read a private key or swap a trust anchor. */
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;
const TEMP_SUFFIX = '.tmp';

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * One station's certificate directory (mode 0700) of PEM files (mode 0600), each written whole through a temporary
 * file, fsync and rename, so a crash leaves either the old or the new file, never half of one.
 */
export class CertificateDirectory {
  private constructor(
    readonly path: string,
    private readonly logger: LoggerPort | undefined,
  ) {}

  /** Creates the directory if needed, forces its mode to 0700 and the files' to 0600, and drops leftover temporary files. */
  static open(path: string, logger?: LoggerPort): CertificateDirectory {
    try {
      mkdirSync(path, { recursive: true, mode: DIRECTORY_MODE });
      chmodSync(path, DIRECTORY_MODE);
    } catch (error) {
      throw new CertificateStoreError(`Cannot open certificate store directory ${path}: ${reason(error)}`, path);
    }
    const directory = new CertificateDirectory(path, logger);
    for (const name of directory.rawNames()) {
      const file = join(path, name);
      if (name.endsWith(TEMP_SUFFIX)) rmSync(file, { force: true });
      else directory.tightenMode(file);
    }
    return directory;
  }

  /** The file names in the directory (temporary files excluded). */
  names(): string[] {
    return this.rawNames().filter((n) => !n.endsWith(TEMP_SUFFIX));
  }

  /** The full path of a file. */
  file(name: string): string {
    return join(this.path, name);
  }

  /** Reads a file as text; the error names the file. */
  read(name: string): string {
    try {
      return readFileSync(this.file(name), 'utf8');
    } catch (error) {
      throw new CertificateStoreError(`Cannot read certificate store file ${this.file(name)}: ${reason(error)}`, this.file(name));
    }
  }

  /** Writes a file atomically with mode 0600. */
  write(name: string, content: string): void {
    const target = this.file(name);
    const temp = `${target}.${process.pid}${TEMP_SUFFIX}`;
    try {
      writeFileSync(temp, content, { mode: FILE_MODE, flush: true });
      renameSync(temp, target);
      this.syncDirectory();
    } catch (error) {
      rmSync(temp, { force: true });
      throw new CertificateStoreError(`Cannot write certificate store file ${target}: ${reason(error)}`, target);
    }
  }

  /** Renames a file (e.g. a root becoming the fallback). */
  rename(from: string, to: string): void {
    try {
      renameSync(this.file(from), this.file(to));
      this.syncDirectory();
    } catch (error) {
      throw new CertificateStoreError(`Cannot rename certificate store file ${this.file(from)}: ${reason(error)}`, this.file(from));
    }
  }

  /** Deletes a file; a missing file is fine. */
  remove(name: string): void {
    try {
      rmSync(this.file(name), { force: true });
      this.syncDirectory();
    } catch (error) {
      throw new CertificateStoreError(`Cannot delete certificate store file ${this.file(name)}: ${reason(error)}`, this.file(name));
    }
  }

  private rawNames(): string[] {
    try {
      return readdirSync(this.path).sort();
    } catch (error) {
      throw new CertificateStoreError(`Cannot list certificate store directory ${this.path}: ${reason(error)}`, this.path);
    }
  }

  private tightenMode(file: string): void {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    chmodSync(file, FILE_MODE);
    this.logger?.warn({ file, mode: mode.toString(8) }, 'Certificate store file was readable by others; mode set to 0600');
  }

  /** Makes the rename itself durable. */
  private syncDirectory(): void {
    const fd = openSync(this.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
