import { describe, expect, it } from 'vitest';
import type { FirmwareStateStorePort, FirmwareUpdateRecord } from '../../ports/storage/firmware-state-store.port.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

/** A record with every optional field set (signed request, retries, artifact). */
export const fullFirmwareUpdateRecord: FirmwareUpdateRecord = {
  request: {
    requestId: 42,
    retries: 3,
    retryInterval: 30,
    firmware: {
      location: 'https://firmware.example.com/station-2.1.0.bin',
      retrieveDateTime: '2026-03-01T10:00:00.000Z',
      installDateTime: '2026-03-01T12:00:00.000Z',
      signingCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      signature: 'c2lnbmF0dXJl',
      customData: { vendorId: 'com.example', note: 'kept' },
    },
  },
  status: 'InstallRebooting',
  artifact: { handle: '/var/lib/evstation/firmware/fw-42.bin', sizeBytes: 1_048_576, sha256: 'ab'.repeat(32) },
  updatedAt: '2026-03-01T12:00:05.000Z',
};

/** A record with only the required fields. */
export const minimalFirmwareUpdateRecord: FirmwareUpdateRecord = {
  request: { requestId: 7, firmware: { location: 'ftp://files.example.com/fw.bin', retrieveDateTime: '2026-03-01T10:00:00.000Z' } },
  status: 'DownloadScheduled',
  updatedAt: '2026-03-01T09:00:00.000Z',
};

/** The behaviour every FirmwareStateStorePort must show (L01: the update in progress survives the install reboot). */
export function firmwareStateStoreContract(name: string, makeStore: StoreContractFactory<FirmwareStateStorePort>): void {
  describe(`${name} (FirmwareStateStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      expect(session.open().load()).toBeUndefined();
    });

    it('round-trips a full record across a restart, without adding fields', () => {
      session.open().save(fullFirmwareUpdateRecord);
      expect(session.restart().load()).toStrictEqual(fullFirmwareUpdateRecord);
    });

    it('round-trips a minimal record without inventing the optional fields', () => {
      session.open().save(minimalFirmwareUpdateRecord);
      const loaded = session.restart().load();
      expect(loaded).toStrictEqual(minimalFirmwareUpdateRecord);
      expect(loaded !== undefined && 'artifact' in loaded).toBe(false);
    });

    it('keeps only the latest record, and clear() forgets it across a restart', () => {
      const store = session.open();
      store.save(minimalFirmwareUpdateRecord);
      store.save(fullFirmwareUpdateRecord);
      expect(session.restart().load()).toStrictEqual(fullFirmwareUpdateRecord);
      session.restart().clear();
      expect(session.restart().load()).toBeUndefined();
      session.restart().clear();
      expect(session.restart().load()).toBeUndefined();
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const record = structuredClone(fullFirmwareUpdateRecord);
      store.save(record);
      record.status = 'Idle';
      record.request.firmware.location = 'https://changed-input';
      const out = store.load();
      out!.artifact!.sizeBytes = 1;
      expect(store.load()).toStrictEqual(fullFirmwareUpdateRecord);
    });
  });
}
