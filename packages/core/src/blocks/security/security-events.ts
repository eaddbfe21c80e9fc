import type { SecurityEventNotificationRequest } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityEvent, SecurityEventType } from '../../ports/security-event.js';
import type { SecurityLogStorePort } from '../../ports/storage/security-log-store.port.js';
import { DEFAULT_SECURITY_EVENT_CRITICALITY } from './security-event-criticality.js';

/** Where critical events go to be delivered durably (the ChargePoint's durable outbox). */
export interface SecurityEventSink {
  enqueueDurable(action: 'SecurityEventNotification', payload: SecurityEventNotificationRequest): void;
}

/** Options of the security event handling. */
export interface SecurityEventsOptions {
  /** Local security log size; the oldest entries are dropped beyond it. */
  maxLogEntries?: number;
  /** Per-event criticality overrides. */
  criticality?: Partial<Record<SecurityEventType, boolean>>;
}

/**
 * A04: every security event goes to the local security log; critical ones are also queued durably as
 * SecurityEventNotification, which survives restarts and outages (A04.FR.02/04).
 */
export class SecurityEvents {
  private readonly criticality: Record<SecurityEventType, boolean>;

  constructor(
    private readonly deps: {
      clock: ClockPort;
      logger: LoggerPort;
      securityLog: SecurityLogStorePort;
      sink: SecurityEventSink;
      onRaised?: (event: SecurityEvent & { timestamp: Date; critical: boolean }) => void;
    },
    private readonly options: SecurityEventsOptions = {},
  ) {
    this.criticality = { ...DEFAULT_SECURITY_EVENT_CRITICALITY, ...options.criticality };
  }

  /** Records one event; techInfo is cut to the 255 characters the schema allows. */
  raise(type: SecurityEventType, techInfo?: string): void {
    const timestamp = this.deps.clock.now();
    const critical = this.criticality[type];
    const info = techInfo === undefined ? undefined : techInfo.slice(0, 255);
    this.deps.securityLog.append(
      { type, timestamp: timestamp.toISOString(), critical, ...(info === undefined ? {} : { techInfo: info }) },
      this.options.maxLogEntries ?? 10_000,
    );
    this.deps.logger.info({ type, critical }, 'Security event');
    if (critical) {
      this.deps.sink.enqueueDurable('SecurityEventNotification', { type, timestamp: timestamp.toISOString(), ...(info === undefined ? {} : { techInfo: info }) });
    }
    this.deps.onRaised?.({ type, timestamp, critical, ...(info === undefined ? {} : { techInfo: info }) });
  }
}
