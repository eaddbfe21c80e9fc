import { randomBytes } from 'node:crypto';
import type {
  CertificateHashDataChainType,
  CertificateHashDataType,
  CertificateStorePort,
  CertificateTlsMaterial,
  ClockPort,
  DeleteCertificateResult,
  GetCertificateIdUseEnumType,
  HashAlgorithmEnumType,
  InstallCertificateUseEnumType,
  InstallRootCertificateOptions,
  InstallRootCertificateResult,
  InstallStationCertificateOptions,
  InstallStationCertificateResult,
  LoggerPort,
  StationCertificateStatus,
  StationCsrRequest,
} from '@evstation/core';
import { CertificateDirectory } from './certificate-directory.js';
import { allHashData, sameCertificateHashData } from './certificate-hash-data.js';
import { isValidAt } from './certificate-facts.js';
import {
  fileNames,
  pendingRecord,
  rootFileInfo,
  rootFileText,
  rootRecord,
  stationFileText,
  stationInfo,
  stationRecord,
  stationRecordOf,
  type PendingRecord,
  type RootRecord,
  type StationRecord,
} from './certificate-records.js';
import { CertificateStoreError } from './certificate-store-error.js';
import { generateCsr } from './csr-generator.js';
import { certificatePem } from './pem.js';
import { checkRootCertificate } from './root-certificate-check.js';
import { checkStationChain } from './station-chain-check.js';

/** Where and how a station keeps its certificates. */
export interface FileCertificateStoreOptions {
  /** This station's own directory; created with mode 0700, files 0600. */
  directory: string;
  /** Wall time for validity checks. */
  clock: Pick<ClockPort, 'now'>;
  logger?: LoggerPort;
  /** Pending CSR key pairs kept (every A02 resend makes one, and a late CertificateSigned may answer any); default 8. */
  maxPendingKeys?: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * CertificateStorePort on files (DESIGN §1, issue 7 §1): root certificates (M03-M05, with AdditionalRootCertificateCheck
 * and its fallback), the station certificate with its key, and pending CSR keys, parsed with @peculiar/x509 on Node's
 * WebCrypto. Everything is loaded at open, so the read methods are synchronous; changes are serialized.
 */
export class FileCertificateStore implements CertificateStorePort {
  private roots: RootRecord[] = [];
  private active: StationRecord | undefined;
  private next: StationRecord | undefined;
  private pending: PendingRecord[] = [];
  private pendingCounter = 0;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dir: CertificateDirectory,
    private readonly options: FileCertificateStoreOptions,
  ) {}

  /** Opens (or creates) the store; a file that cannot be parsed fails the open with a CertificateStoreError naming it. */
  static open(options: FileCertificateStoreOptions): FileCertificateStore {
    const store = new FileCertificateStore(CertificateDirectory.open(options.directory, options.logger), options);
    store.load();
    return store;
  }

  installRootCertificate(certificateType: InstallCertificateUseEnumType, pem: string, options: InstallRootCertificateOptions): Promise<InstallRootCertificateResult> {
    return this.serialize(async (): Promise<InstallRootCertificateResult> => {
      const currentCsmsRoots = this.csmsRoots().filter((r) => !r.fallback).map((r) => r.certificate);
      const check = await checkRootCertificate(pem, { certificateType, now: this.now(), currentCsmsRoots, additionalRootCertificateCheck: options.additionalRootCertificateCheck });
      if (!check.ok) return { status: 'Rejected', reason: check.reason, detail: check.detail };
      const { certificate, issuer, replaces } = check;
      const file = fileNames.root(certificateType, certificate);
      if (this.roots.some((r) => r.file === file)) return { status: 'Accepted', certificateEntries: this.roots.length };
      // M05.FR.09/11: the new CSMS root replaces every CSMS root; the one that signed it stays as the only fallback.
      const replaced = replaces === undefined ? [] : this.csmsRoots();
      const entries = this.roots.length - replaced.length + 1 + (replaces === undefined ? 0 : 1);
      if (options.maxEntries !== undefined && entries > options.maxEntries) {
        return { status: 'Rejected', reason: 'OutOfStorage', detail: `${entries} certificates would exceed the capacity of ${options.maxEntries} (CertificateEntries)` };
      }
      try {
        this.dir.write(file, rootFileText(certificate, issuer));
        const kept = this.roots.filter((r) => !replaced.includes(r));
        const signer = replaced.find((r) => r.certificate === replaces);
        if (signer !== undefined) {
          const fallbackFile = fileNames.root('CSMSRootCertificate', signer.certificate, true);
          this.dir.write(fallbackFile, rootFileText(signer.certificate, signer.issuer));
          for (const old of replaced) if (old.file !== fallbackFile) this.dir.remove(old.file);
          kept.push({ ...signer, file: fallbackFile, fallback: true });
        }
        this.roots = [...kept, { file, certificateType, fallback: false, certificate, issuer, hashes: allHashData(certificate, issuer) }];
      } catch (error) {
        return { status: 'Failed', detail: message(error) };
      }
      this.options.logger?.info({ certificateType, subject: certificate.subject, entries: this.roots.length }, 'Root certificate installed');
      return { status: 'Accepted', certificateEntries: this.roots.length };
    });
  }

  getInstalledCertificateIds(certificateTypes?: readonly GetCertificateIdUseEnumType[], hashAlgorithm: HashAlgorithmEnumType = 'SHA256'): CertificateHashDataChainType[] {
    const wanted = certificateTypes === undefined || certificateTypes.length === 0 ? undefined : new Set<string>(certificateTypes);
    return this.roots
      .filter((r) => wanted === undefined || wanted.has(r.certificateType))
      .map((r) => ({ certificateType: r.certificateType, certificateHashData: { ...r.hashes[hashAlgorithm] } }));
  }

  deleteCertificate(certificateHashData: CertificateHashDataType): Promise<DeleteCertificateResult> {
    return this.serialize((): DeleteCertificateResult => {
      const names = (hashes: Record<HashAlgorithmEnumType, CertificateHashDataType>) => sameCertificateHashData(hashes[certificateHashData.hashAlgorithm], certificateHashData);
      if ([this.active, this.next].some((s) => s !== undefined && names(s.hashes))) {
        return { status: 'Failed', reason: 'StationCertificate', detail: 'The ChargingStationCertificate cannot be deleted' };
      }
      const matches = this.roots.filter((r) => names(r.hashes));
      if (matches.length === 0) return { status: 'NotFound' };
      try {
        for (const match of matches) this.dir.remove(match.file);
      } catch (error) {
        return { status: 'Failed', reason: 'InternalError', detail: message(error) };
      } finally {
        this.roots = this.roots.filter((r) => !matches.includes(r) || this.exists(r.file));
      }
      this.options.logger?.info({ deleted: matches.map((m) => m.certificateType), entries: this.roots.length }, 'Certificate deleted');
      return { status: 'Accepted', certificateEntries: this.roots.length };
    });
  }

  certificateEntries(): number {
    return this.roots.length;
  }

  rootCertificates(certificateType: InstallCertificateUseEnumType): string[] {
    return this.roots.filter((r) => r.certificateType === certificateType).map((r) => certificatePem(r.certificate));
  }

  generateCsr(request: StationCsrRequest): Promise<string> {
    return this.serialize(async () => {
      const generated = await generateCsr(request);
      // Time, then a counter, so file names sort in creation order even within one millisecond.
      const id = `${this.now().getTime().toString(36).padStart(9, '0')}-${(this.pendingCounter++).toString(36).padStart(4, '0')}-${randomBytes(3).toString('hex')}`;
      const file = fileNames.pending(id);
      this.dir.write(file, `${generated.csrPem.trim()}\n${generated.privateKeyPem.trim()}\n`);
      this.pending.push({ file, id, commonName: request.commonName, organizationName: request.organizationName, spki: generated.spki, privateKeyPem: generated.privateKeyPem });
      const limit = Math.max(1, this.options.maxPendingKeys ?? 8);
      while (this.pending.length > limit) this.dir.remove(this.pending.shift()!.file);
      this.options.logger?.info({ commonName: request.commonName, keyType: request.keyType ?? 'ECDSA-P256' }, 'New key pair and CSR generated');
      return generated.csrPem;
    });
  }

  installStationCertificate(chainPem: string, options: InstallStationCertificateOptions): Promise<InstallStationCertificateResult> {
    return this.serialize(async (): Promise<InstallStationCertificateResult> => {
      const now = this.now();
      const roots = this.csmsRoots().map((r) => r.certificate);
      const check = await checkStationChain(chainPem, { now, pendingKeys: this.pending, csmsRoots: roots, ...(options.maxChainSize === undefined ? {} : { maxChainSize: options.maxChainSize }) });
      if (!check.ok) return { status: 'Rejected', reason: check.reason, detail: check.detail };
      // The validity window as a reopened store computes it again from the file (stationRecord).
      const verified = stationRecordOf(fileNames.stationActive, check.certificates, check.key.privateKeyPem, roots);
      const { validFrom, validTo } = verified;
      const active = validFrom.getTime() <= now.getTime();
      const record = active ? verified : { ...verified, file: fileNames.stationNext };
      try {
        this.dir.write(record.file, stationFileText(check.certificates, check.key.privateKeyPem));
        if (active && this.next !== undefined) this.dir.remove(this.next.file);
        for (const key of this.pending) this.dir.remove(key.file);
      } catch (error) {
        return { status: 'Failed', detail: message(error) };
      }
      this.pending = [];
      if (active) [this.active, this.next] = [record, undefined];
      else this.next = record;
      this.options.logger?.info({ subject: check.certificates[0]!.subject, validFrom: validFrom.toISOString(), active }, 'Station certificate installed');
      return { status: 'Accepted', validFrom, validTo, active };
    });
  }

  stationCertificateStatus(): StationCertificateStatus {
    this.promoteNext();
    return {
      ...(this.active === undefined ? {} : { active: stationInfo(this.active) }),
      ...(this.next === undefined ? {} : { next: stationInfo(this.next) }),
    };
  }

  hasValidCsmsRootCertificate(): boolean {
    const now = this.now();
    return this.csmsRoots().some((r) => isValidAt(r.certificate, now));
  }

  tlsMaterial(): CertificateTlsMaterial {
    this.promoteNext();
    const csms = this.csmsRoots();
    return {
      csmsRootCertificates: csms.filter((r) => !r.fallback).map((r) => certificatePem(r.certificate)),
      fallbackCsmsRootCertificates: csms.filter((r) => r.fallback).map((r) => certificatePem(r.certificate)),
      ...(this.active === undefined ? {} : { clientCertificateChain: this.active.certificates.map(certificatePem).join(''), clientPrivateKey: this.active.privateKeyPem }),
    };
  }

  csmsConnectionSucceeded(usedFallback: boolean): Promise<void> {
    return this.serialize(() => {
      const fallbacks = this.roots.filter((r) => r.fallback);
      if (usedFallback || fallbacks.length === 0) return;
      try {
        for (const fallback of fallbacks) this.dir.remove(fallback.file);
        this.roots = this.roots.filter((r) => !r.fallback);
        this.options.logger?.info({ removed: fallbacks.length }, 'Connected with the new CSMS root certificate; fallback root deleted (M05.FR.12)');
      } catch (error) {
        this.options.logger?.error({ err: message(error) }, 'Could not delete the fallback CSMS root certificate');
      }
    });
  }

  private load(): void {
    const names = this.dir.names();
    for (const name of names) {
      const info = rootFileInfo(name);
      if (info !== undefined) this.roots.push(this.parse(name, (text) => rootRecord(name, text, info)));
    }
    for (const name of names) {
      if (name === fileNames.stationActive) this.active = this.parse(name, (text) => stationRecord(name, text, this.roots));
      else if (name === fileNames.stationNext) this.next = this.parse(name, (text) => stationRecord(name, text, this.roots));
      else if (fileNames.isPending(name)) this.pending.push(this.parse(name, (text) => pendingRecord(name, text)));
      else if (rootFileInfo(name) === undefined) this.options.logger?.warn({ file: this.dir.file(name) }, 'Unknown file in the certificate store ignored');
    }
  }

  private parse<T>(name: string, parser: (text: string) => T): T {
    const text = this.dir.read(name);
    try {
      return parser(text);
    } catch (error) {
      throw new CertificateStoreError(`Certificate store file ${this.dir.file(name)} is corrupt: ${message(error)}`, this.dir.file(name));
    }
  }

  /** A02.FR.08: a certificate accepted before its validity began replaces the active one once it is valid. */
  private promoteNext(): void {
    const next = this.next;
    if (next === undefined || next.validFrom.getTime() > this.now().getTime()) return;
    try {
      this.dir.rename(next.file, fileNames.stationActive);
    } catch (error) {
      this.options.logger?.error({ err: message(error) }, 'Could not activate the next station certificate');
      return;
    }
    [this.active, this.next] = [{ ...next, file: fileNames.stationActive }, undefined];
    this.options.logger?.info({ subject: next.certificates[0]!.subject }, 'Station certificate now valid and active');
  }

  private csmsRoots(): RootRecord[] {
    return this.roots.filter((r) => r.certificateType === 'CSMSRootCertificate');
  }

  private exists(file: string): boolean {
    return this.dir.names().includes(file);
  }

  private now(): Date {
    return this.options.clock.now();
  }

  /** Runs changes one at a time, so two InstallCertificates never race on the same files. */
  private serialize<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
