import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClockPort, DownloadedArtifact, FirmwareInstallOutcome, FirmwareInstallResult, LoggerPort, UpdateFirmwareRequest } from '@evstation/core';
import { silentLogger } from '@evstation/core/testing';
import { FileCertificateStore, NodeFirmwareVerifier } from '@evstation/adapters-storage';
import { NodeFileTransfer } from '@evstation/adapters-transport';
import type { StationOptions } from './station-harness.js';

/**
 * One station's management ports on real adapters (DESIGN §8: real peers): a FileCertificateStore in its own directory,
 * NodeFileTransfer downloading into another, NodeFirmwareVerifier. `open` gives fresh adapters over the same
 * directories, as a restarted station process would have.
 */
export class ManagementPorts {
  readonly root = mkdtempSync(join(tmpdir(), 'evstation-management-'));
  readonly certificateDirectory = join(this.root, 'certificates');
  readonly downloadDirectory = join(this.root, 'downloads');
  private readonly transfers: NodeFileTransfer[] = [];

  /** The ports for `startStation({ deps })`. */
  open(clock: ClockPort, logger: LoggerPort = silentLogger): Required<NonNullable<StationOptions['deps']>> {
    const fileTransfer = new NodeFileTransfer({ logger }, { downloadDirectory: this.downloadDirectory, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 });
    this.transfers.push(fileTransfer);
    return {
      certificates: FileCertificateStore.open({ directory: this.certificateDirectory, clock, logger }),
      fileTransfer,
      firmwareVerifier: new NodeFirmwareVerifier(),
    };
  }

  /** Installs the ManufacturerRootCertificate the firmware signing certificates must chain to (M05, L01.FR.22). */
  async trustManufacturer(clock: ClockPort, rootPem: string): Promise<void> {
    const store = FileCertificateStore.open({ directory: this.certificateDirectory, clock });
    const result = await store.installRootCertificate('ManufacturerRootCertificate', rootPem, { additionalRootCertificateCheck: false });
    if (result.status !== 'Accepted') throw new Error(`ManufacturerRootCertificate not installed: ${JSON.stringify(result)}`);
  }

  async dispose(): Promise<void> {
    for (const transfer of this.transfers.splice(0)) await transfer.close();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** What the station's installer saw: the request and the SHA-256 of the artifact file it was handed. */
export interface InstallCall {
  request: UpdateFirmwareRequest;
  artifact: DownloadedArtifact;
  fileSha256: string;
}

/**
 * The station side of L01 (callback updateFirmwareRequest): reads the verified artifact from disk and answers
 * `outcome`; `hold()` keeps the next installation running until `release()` (TC_L_11: an installation in progress).
 */
export class FirmwareInstaller {
  readonly calls: InstallCall[] = [];
  outcome: FirmwareInstallOutcome = 'RebootRequired';
  private gate: { promise: Promise<void>; open: () => void } | undefined;

  /** Pass as `callbacks.updateFirmwareRequest`. */
  readonly updateFirmwareRequest = async (update: { artifact: DownloadedArtifact; request: UpdateFirmwareRequest }): Promise<FirmwareInstallResult> => {
    const fileSha256 = createHash('sha256').update(readFileSync(update.artifact.handle)).digest('hex');
    this.calls.push({ request: update.request, artifact: update.artifact, fileSha256 });
    if (this.gate !== undefined) await this.gate.promise;
    return { outcome: this.outcome };
  };

  /** The next installation waits until `release`. */
  hold(): void {
    let open: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
  }

  /** Lets a held installation finish with `outcome`. */
  release(outcome: FirmwareInstallOutcome): void {
    this.outcome = outcome;
    this.gate?.open();
    this.gate = undefined;
  }
}
