import type { CertificateInfoPort } from '../../ports/certificate-store.port.js';
import type { ClockPort, TimerHandle } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { CertificateSigning } from './certificate-signing.js';
import { isSecureConnection } from './secure-connection.js';

/** What A03 needs. */
export interface CertificateRenewalDeps {
  clock: ClockPort;
  logger: LoggerPort;
  store: Pick<CertificateInfoPort, 'stationCertificateStatus'>;
  signing: Pick<CertificateSigning, 'start' | 'inProgress' | 'noticeActivation'>;
  securityProfile: () => SecurityProfile;
  /** Whether a SignCertificateRequest can be sent now (connected and Accepted). */
  canSend: () => boolean;
}

/** When and how often the station certificate is checked. */
export interface CertificateRenewalOptions {
  /** Renew when fewer days than this remain (libocpp: 30). */
  thresholdDays?: number;
  /** Seconds between checks (default 12 h). */
  checkIntervalS?: number;
}

const DAY_MS = 86_400_000;

/**
 * A03 Update Charging Station Certificate initiated by the Charging Station: at start and then every 12 hours, when
 * fewer than 30 days remain on the newest station certificate, a signing round starts on its own. The same check
 * notices a future certificate that became active, so security profile 3 reconnects with it.
 */
export class CertificateRenewal {
  private timer: TimerHandle | undefined;

  constructor(
    private readonly deps: CertificateRenewalDeps,
    private readonly options: CertificateRenewalOptions = {},
  ) {}

  /** Checks now and schedules the periodic check. */
  start(): void {
    this.stop();
    this.check();
  }

  /** Stops the periodic check. */
  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** One check (also to call after BootNotification Accepted, when sending became possible). */
  check(): void {
    this.timer?.cancel();
    this.timer = this.deps.clock.setTimeout(() => this.check(), (this.options.checkIntervalS ?? 43_200) * 1000);
    this.deps.signing.noticeActivation();
    if (!isSecureConnection(this.deps.securityProfile()) || !this.deps.canSend() || this.deps.signing.inProgress) return;
    const { active, next } = this.deps.store.stationCertificateStatus();
    const newest = next ?? active;
    if (newest === undefined) return;
    const remainingMs = newest.validTo.getTime() - this.deps.clock.now().getTime();
    if (remainingMs >= (this.options.thresholdDays ?? 30) * DAY_MS) return;
    this.deps.logger.info({ validTo: newest.validTo.toISOString(), daysLeft: Math.floor(remainingMs / DAY_MS) }, 'Station certificate expires soon; requesting a new one (A03)');
    this.deps.signing.start('Renewal');
  }
}
