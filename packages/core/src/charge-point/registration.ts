import type { BootNotificationResponse, BootReasonEnumType, ChargingStationType, RegistrationStatusEnumType } from '../messages/index.js';
import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';

/** Where the station stands with the CSMS (B01-B03); Unregistered until the first BootNotification answer. */
export type RegistrationStatus = 'Unregistered' | RegistrationStatusEnumType;

/** Wait before resending a BootNotification that got no usable answer. */
const BOOT_RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * B01-B03: sends BootNotification on connect until the CSMS answers Accepted; on Pending or Rejected it waits
 * `interval` seconds (B02.FR.01, B03.FR.01) and tries again. After Accepted, a reconnect sends no new
 * BootNotification (Part 4 §5.3) unless `bootDataChanged()` is called.
 */
export class Registration {
  private current: RegistrationStatus = 'Unregistered';
  private retryTimer: TimerHandle | undefined;
  private inFlight = false;
  /** Monotonic time before which no BootNotification may be sent (the interval of a Pending/Rejected answer). */
  private notBeforeMs = 0;

  constructor(
    private readonly deps: {
      clock: ClockPort;
      logger: LoggerPort;
      sendBootNotification: (request: { reason: BootReasonEnumType; chargingStation: ChargingStationType }) => Promise<BootNotificationResponse>;
      onResponse: (response: BootNotificationResponse, previous: RegistrationStatus) => void;
      isConnected: () => boolean;
    },
    private readonly chargingStation: ChargingStationType,
    private reason: BootReasonEnumType,
  ) {}

  /** The current registration status. */
  get status(): RegistrationStatus {
    return this.current;
  }

  /** The link is up: boot unless already Accepted; after Pending/Rejected not before their interval (B02.FR.01, B03.FR.01). */
  onConnected(): void {
    if (this.current === 'Accepted') return;
    const waitMs = this.notBeforeMs - this.deps.clock.monotonicMs();
    if (waitMs > 0) this.retryIn(waitMs);
    else this.boot();
  }

  /** The link is down: a pending retry waits for the next connection. */
  onDisconnected(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
  }

  /** The reason the next BootNotification gives (start-up: PowerUp, RemoteReset, FirmwareUpdate...). */
  setReason(reason: BootReasonEnumType): void {
    this.reason = reason;
  }

  /** Sends a BootNotification now (TriggerMessage BootNotification, F06). */
  trigger(reason: BootReasonEnumType = 'Triggered'): void {
    this.reason = reason;
    this.notBeforeMs = 0;
    this.boot();
  }

  /** Stops retry timers. */
  stop(): void {
    this.onDisconnected();
  }

  private boot(): void {
    if (this.inFlight || !this.deps.isConnected()) return;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.inFlight = true;
    this.deps
      .sendBootNotification({ reason: this.reason, chargingStation: this.chargingStation })
      .then((response) => {
        const previous = this.current;
        this.current = response.status;
        this.deps.logger.info({ status: response.status, interval: response.interval }, 'BootNotification answered');
        this.deps.onResponse(response, previous);
        if (response.status !== 'Accepted') this.retryIn(response.interval > 0 ? response.interval * 1000 : BOOT_RETRY_AFTER_FAILURE_MS);
      })
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'BootNotification failed; will retry');
        this.retryIn(BOOT_RETRY_AFTER_FAILURE_MS);
      })
      .finally(() => {
        this.inFlight = false;
      });
  }

  private retryIn(ms: number): void {
    this.notBeforeMs = this.deps.clock.monotonicMs() + ms;
    if (!this.deps.isConnected()) return;
    this.retryTimer?.cancel();
    this.retryTimer = this.deps.clock.setTimeout(() => this.boot(), ms);
  }
}
