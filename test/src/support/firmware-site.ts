import { createHash } from 'node:crypto';
import type { SecurityEventNotificationRequest, UpdateFirmwareRequest, UpdateFirmwareResponse } from '@evstation/core';
import { createFirmwareSigningPki, startTestHttpFileServer, type FirmwareSigningPki, type TestHttpFileServer } from '@evstation/adapters-transport/testing';
import { notificationStatuses, stationCalls, waitUntil } from './ocpp-frames.js';
import type { CsmsClient, StrictCsms } from './strict-csms.js';

/** The firmware image the cases install. */
export const FIRMWARE = Buffer.from('evstation conformance firmware 9.9.9\n'.repeat(4096));

/**
 * The manufacturer's side of L01: an openssl-made signing PKI and a local HTTP server with the image signed by a
 * certificate of the manufacturer root (what OCTT's <Configured firmware_location> and signature stand for).
 */
export class FirmwareSite {
  readonly sha256 = createHash('sha256').update(FIRMWARE).digest('hex');

  private constructor(
    readonly pki: FirmwareSigningPki,
    readonly http: TestHttpFileServer,
    readonly signature: string,
  ) {}

  static async start(): Promise<FirmwareSite> {
    const pki = createFirmwareSigningPki();
    const http = await startTestHttpFileServer();
    http.files.set('firmware.bin', FIRMWARE);
    return new FirmwareSite(pki, http, pki.sign(pki.firmwareFile('firmware.bin', FIRMWARE), pki.ecSigner));
  }

  /** A signed UpdateFirmwareRequest for the image, retrievable now; `firmware` and the rest override. */
  request(requestId: number, firmware: Partial<UpdateFirmwareRequest['firmware']> = {}, rest: Partial<Omit<UpdateFirmwareRequest, 'firmware' | 'requestId'>> = {}): UpdateFirmwareRequest {
    return {
      requestId,
      retries: 0,
      ...rest,
      firmware: {
        location: this.http.url('/files/firmware.bin'),
        retrieveDateTime: new Date(Date.now() - 60_000).toISOString(),
        signingCertificate: this.pki.ecSigner.cert,
        signature: this.signature,
        ...firmware,
      },
    };
  }

  /** GET requests the server received for the image. */
  downloads(): number {
    return this.http.requests.filter((r) => r.method === 'GET' && r.path === '/files/firmware.bin').length;
  }

  async close(): Promise<void> {
    await this.http.close();
    this.pki.cleanup();
  }
}

/** The CSMS sends UpdateFirmware and gets the station's answer. */
export async function updateFirmware(client: CsmsClient, request: UpdateFirmwareRequest): Promise<UpdateFirmwareResponse> {
  return (await client.call('UpdateFirmware', request)) as UpdateFirmwareResponse;
}

/** The FirmwareStatusNotifications the CSMS received since `since`, as `status#requestId` (requestId omitted when absent). */
export function firmwareStatuses(csms: StrictCsms, since = 0): string[] {
  return notificationStatuses(csms, 'FirmwareStatusNotification', since);
}

/** Waits until a FirmwareStatusNotification `status#requestId` (or bare `status`) arrived since `since`. */
export async function waitForFirmwareStatus(csms: StrictCsms, status: string, since = 0): Promise<void> {
  await waitUntil(() => firmwareStatuses(csms, since).includes(status), `FirmwareStatusNotification ${status}`);
}

/** The types of the SecurityEventNotifications the CSMS received since `since`. */
export function securityEventTypes(csms: StrictCsms, since = 0): string[] {
  return stationCalls<SecurityEventNotificationRequest>(csms, 'SecurityEventNotification', since).map((e) => e.type);
}

/** Waits until a SecurityEventNotification of `type` arrived since `since`. */
export async function waitForSecurityEvent(csms: StrictCsms, type: string, since = 0): Promise<void> {
  await waitUntil(() => securityEventTypes(csms, since).includes(type), `SecurityEventNotification ${type}`);
}
