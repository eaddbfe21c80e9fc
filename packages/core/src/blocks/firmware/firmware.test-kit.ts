import { getValidator, type FirmwareStatusNotificationRequest, type UpdateFirmwareRequest } from '../../messages/index.js';
import type { FirmwareVerifierPort, VerificationResult } from '../../ports/firmware-verifier.port.js';
import type { SecurityEvent } from '../../ports/security-event.js';
import type { FirmwareStateStorePort } from '../../ports/storage/firmware-state-store.port.js';
import { InMemoryFirmwareStateStore } from '../../storage-memory/in-memory-firmware-state-store.js';
import { flushMicrotasks } from '../../testing/clock-driver.js';
import { FakeClock } from '../../testing/fake-clock.js';
import { FakeFileTransfer } from '../../testing/fake-file-transfer.js';
import { MemoryLogger } from '../../testing/memory-logger.js';
import { replyContext } from '../../testing/reply-context.js';
import { sha256Hex } from '../../testing/sha256.js';
import type { FirmwareInstallResult, FirmwareUpdaterDeps, FirmwareUpdaterOptions, InstalledFirmwareOutcome } from './firmware-updater-deps.js';
import { FirmwareUpdater } from './firmware-updater.js';
import { firmwareBlock } from './firmware.block.js';

export const NOW = new Date('2026-03-01T10:00:00.000Z');
export const FIRMWARE_URL = 'https://firmware.example.com/station-2.1.0.bin';
export const FIRMWARE_CONTENT = 'evstation firmware 2.1.0';
export const ROOT = '-----BEGIN CERTIFICATE-----\nMANUFACTURER-ROOT\n-----END CERTIFICATE-----\n';
export const SIGNING_CERTIFICATE = '-----BEGIN CERTIFICATE-----\nSIGNING\n-----END CERTIFICATE-----\n';
export const FOREIGN_CERTIFICATE = '-----BEGIN CERTIFICATE-----\nFOREIGN\n-----END CERTIFICATE-----\n';

const validResponse = getValidator('UpdateFirmware', 'response');
const validNotification = getValidator('FirmwareStatusNotification', 'request');

/** The signature the fake manufacturer makes over a file's SHA-256 (stands for RSA/ECDSA in core tests). */
export function fakeSignature(sha256: string): string {
  return btoa(`signed:${sha256}`);
}

/** SHA-256 hex of text, as the fake file server computes it. */
export function sha256Of(text: string): string {
  return sha256Hex(new TextEncoder().encode(text));
}

/**
 * A verifier that behaves like the real one over the fake PKI: a signing certificate is valid when it was issued by an
 * installed root (`issued`), a signature when it is fakeSignature() of the artifact's SHA-256.
 */
export class FakeFirmwareVerifier implements FirmwareVerifierPort {
  readonly issued = new Map<string, string>([[SIGNING_CERTIFICATE, ROOT]]);
  readonly signatureChecks: string[] = [];

  constructor(private readonly files: FakeFileTransfer) {}

  checkSigningCertificate(request: { signingCertificate: string; manufacturerRoots: readonly string[] }): Promise<VerificationResult> {
    const issuer = this.issued.get(request.signingCertificate);
    if (issuer === undefined || !request.manufacturerRoots.includes(issuer)) {
      return Promise.resolve({ valid: false, reason: 'signing certificate not issued by an installed ManufacturerRootCertificate' });
    }
    return Promise.resolve({ valid: true });
  }

  verifySignature(request: { artifact: string; signature: string }): Promise<VerificationResult> {
    this.signatureChecks.push(request.artifact);
    const content = this.files.artifacts.get(request.artifact);
    if (content === undefined) return Promise.resolve({ valid: false, reason: 'artifact missing' });
    const expected = fakeSignature(sha256Hex(content));
    return Promise.resolve(request.signature === expected ? { valid: true } : { valid: false, reason: 'signature does not match the firmware file' });
  }
}

/** A signed UpdateFirmwareRequest for the served firmware, retrieve time now. */
export function signedRequest(requestId: number, overrides: Partial<UpdateFirmwareRequest['firmware']> & Partial<Omit<UpdateFirmwareRequest, 'firmware'>> = {}): UpdateFirmwareRequest {
  const { retries, retryInterval, ...firmware } = overrides;
  return {
    requestId,
    ...(retries === undefined ? {} : { retries }),
    ...(retryInterval === undefined ? {} : { retryInterval }),
    firmware: {
      location: FIRMWARE_URL,
      retrieveDateTime: NOW.toISOString(),
      signingCertificate: SIGNING_CERTIFICATE,
      signature: fakeSignature(sha256Of(FIRMWARE_CONTENT)),
      ...firmware,
    },
  };
}

/** Everything a FirmwareUpdater test observes and drives. */
export interface FirmwareKit {
  clock: FakeClock;
  logger: MemoryLogger;
  files: FakeFileTransfer;
  verifier: FakeFirmwareVerifier;
  store: FirmwareStateStorePort;
  updater: FirmwareUpdater;
  /** FirmwareStatusNotifications the CSMS received. */
  sent: FirmwareStatusNotificationRequest[];
  /** Statuses only, `status#requestId`. */
  statuses(): string[];
  events: SecurityEvent[];
  holds: boolean[];
  reboots: number;
  installs: string[];
  /** Whether the CSMS link delivers notifications. */
  online: boolean;
  transactions: number;
  allowNewSessions: boolean;
  /** The next installer answer; a function to control timing. */
  install: () => Promise<FirmwareInstallResult>;
  verifyInstalled: InstalledFirmwareOutcome | undefined;
  /** UpdateFirmware as the CSMS sends it: response checked against the schema, the start run after the reply. */
  update(request: UpdateFirmwareRequest): Promise<string>;
  /** Lets the async work of the updater run (transfers and sends are promises, not timers). */
  settle(): Promise<void>;
}

/** A FirmwareUpdater over fakes that behave: a file server with the firmware, the fake PKI, an in-memory store. */
export function makeFirmwareKit(
  options: FirmwareUpdaterOptions = {},
  store: FirmwareStateStorePort = new InMemoryFirmwareStateStore(),
  station: { verifyCallback?: boolean } = {},
): FirmwareKit {
  const clock = new FakeClock(NOW);
  const logger = new MemoryLogger();
  const files = new FakeFileTransfer().serve(FIRMWARE_URL, FIRMWARE_CONTENT);
  const verifier = new FakeFirmwareVerifier(files);
  const kit = {
    clock,
    logger,
    files,
    verifier,
    store,
    sent: [] as FirmwareStatusNotificationRequest[],
    events: [] as SecurityEvent[],
    holds: [] as boolean[],
    reboots: 0,
    installs: [] as string[],
    online: true,
    transactions: 0,
    allowNewSessions: false,
    install: (): Promise<FirmwareInstallResult> => Promise.resolve({ outcome: 'RebootRequired' }),
    verifyInstalled: undefined as InstalledFirmwareOutcome | undefined,
  } as FirmwareKit;
  const deps: FirmwareUpdaterDeps = {
    clock,
    logger,
    store,
    fileTransfer: files,
    verifier,
    manufacturerRootCertificates: () => [ROOT],
    sendFirmwareStatusNotification: (request) => {
      const errors = validNotification(request);
      if (errors !== undefined) return Promise.reject(new Error(`invalid FirmwareStatusNotification: ${JSON.stringify(errors)}`));
      if (!kit.online) return Promise.reject(new Error('offline'));
      kit.sent.push(request);
      return Promise.resolve({});
    },
    raise: (type, techInfo) => void kit.events.push({ type, ...(techInfo === undefined ? {} : { techInfo }) }),
    hasActiveTransactions: () => kit.transactions > 0,
    allowNewSessionsPendingFirmwareUpdate: () => kit.allowNewSessions,
    holdEvsesForFirmware: (hold) => void kit.holds.push(hold),
    installFirmware: ({ artifact }) => {
      kit.installs.push(artifact.handle);
      return kit.install();
    },
    reboot: () => void (kit.reboots += 1),
    ...(station.verifyCallback === false ? {} : { verifyInstalledFirmware: () => kit.verifyInstalled ?? 'Installed' }),
  };
  kit.updater = new FirmwareUpdater(deps, options);
  kit.statuses = () => kit.sent.map((r) => (r.requestId === undefined ? r.status : `${r.status}#${r.requestId}`));
  kit.settle = () => flushMicrotasks(200);
  const block = firmwareBlock({ updater: kit.updater });
  kit.update = async (request) => {
    const context = replyContext(`csms-${request.requestId}`);
    const response = await block.handlers.UpdateFirmware!(request, context);
    const errors = validResponse(response);
    if (errors !== undefined) throw new Error(`invalid UpdateFirmwareResponse: ${JSON.stringify(errors)}`);
    context.flush();
    await kit.settle();
    return response.status;
  };
  return kit;
}
