import { describe, expect, it } from 'vitest';
import type { StationCertificateInfo } from '../../ports/certificate-store.port.js';
import { CertificateRenewal } from './certificate-renewal.js';
import { makeSigning } from './certificates.test-kit.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A station certificate ending `msFromNow` after the kit's clock. */
function certificate(now: Date, msFromNow: number, serialNumber = 'a1'): StationCertificateInfo {
  return { subject: 'O=CSO, CN=EVS-SN-000123', serialNumber, validFrom: new Date(now.getTime() - DAY_MS), validTo: new Date(now.getTime() + msFromNow) };
}

function makeRenewal(options: { profile?: 0 | 1 | 2 | 3; canSend?: () => boolean } = {}) {
  const kit = makeSigning({ profile: options.profile ?? 3 });
  const renewal = new CertificateRenewal({
    clock: kit.clock,
    logger: kit.logger,
    store: kit.store,
    signing: kit.signing,
    securityProfile: () => (options.profile ?? 3),
    canSend: options.canSend ?? (() => true),
  });
  return { ...kit, renewal };
}

describe('A03 CertificateRenewal', () => {
  it('requests a new certificate on its own once fewer than 30 days remain, checking every 12 hours', async () => {
    const kit = makeRenewal();
    kit.store.stationStatus = { active: certificate(kit.clock.now(), 40 * DAY_MS + HOUR_MS) };
    kit.renewal.start();
    await kit.clock.advance(10 * DAY_MS);
    expect(kit.csms.requests).toEqual([]);
    await kit.clock.advance(12 * HOUR_MS);
    expect(kit.csms.requests).toEqual([{ csr: expect.stringContaining('CSR1'), certificateType: 'ChargingStationCertificate' }]);
    kit.renewal.stop();
  });

  it('at start, a certificate with fewer than 30 days left (or expired) is renewed at once', async () => {
    for (const left of [29 * DAY_MS, -DAY_MS]) {
      const kit = makeRenewal();
      kit.store.stationStatus = { active: certificate(kit.clock.now(), left) };
      kit.renewal.start();
      await kit.clock.advance(0);
      expect(kit.csms.requests).toHaveLength(1);
      kit.renewal.stop();
    }
  });

  it('does not renew without a certificate, without TLS, while offline, during a round, or when the next certificate lasts', async () => {
    const none = makeRenewal();
    none.renewal.start();
    const insecure = makeRenewal({ profile: 1 });
    insecure.store.stationStatus = { active: certificate(insecure.clock.now(), DAY_MS) };
    insecure.renewal.start();
    const covered = makeRenewal();
    covered.store.stationStatus = { active: certificate(covered.clock.now(), DAY_MS), next: certificate(covered.clock.now(), 300 * DAY_MS, 'b2') };
    covered.renewal.start();
    for (const kit of [none, insecure, covered]) {
      await kit.clock.advance(0);
      expect(kit.csms.requests).toEqual([]);
      kit.renewal.stop();
    }

    let online = false;
    const offline = makeRenewal({ canSend: () => online });
    offline.store.stationStatus = { active: certificate(offline.clock.now(), DAY_MS) };
    offline.renewal.start();
    await offline.clock.advance(0);
    expect(offline.csms.requests).toEqual([]);
    online = true;
    offline.renewal.check();
    await offline.clock.advance(0);
    expect(offline.csms.requests).toHaveLength(1);
    offline.renewal.check();
    await offline.clock.advance(0);
    expect(offline.csms.requests).toHaveLength(1);
    offline.renewal.stop();
  });

  it('notices a certificate that became active without a timer (after a restart) and reconnects under profile 3', () => {
    const kit = makeRenewal({ profile: 3 });
    kit.store.stationStatus = { active: certificate(kit.clock.now(), 300 * DAY_MS, 'new-serial') };
    kit.renewal.start();
    expect(kit.state.reconnects).toBe(1);
    expect(kit.events.map((e) => e.type)).toEqual(['ReconfigurationOfSecurityParameters']);
    kit.renewal.check();
    expect(kit.state.reconnects).toBe(1);
    kit.renewal.stop();
  });
});
