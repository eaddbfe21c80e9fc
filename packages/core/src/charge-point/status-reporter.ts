import type { ConnectorStatusEnumType } from '../messages/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { DeviceModel } from '../device-model/index.js';
import type { Availability, ConnectorRef } from '../blocks/availability/availability.js';

/**
 * G01/B04: sends StatusNotification when a connector's status changes while the station is online and
 * Accepted; after the first Accepted it reports every connector; after a reconnect it reports every connector
 * when the station was offline longer than OfflineThreshold, otherwise only those that changed (B04.FR.01/02).
 */
export class StatusReporter {
  private offlineSinceMs: number | undefined;

  constructor(
    private readonly deps: {
      clock: ClockPort;
      logger: LoggerPort;
      deviceModel: DeviceModel;
      availability: Availability;
      canSend: () => boolean;
      send: (request: { timestamp: string; connectorStatus: ConnectorStatusEnumType; evseId: number; connectorId: number }) => Promise<unknown>;
    },
  ) {}

  /** A connector's status changed. */
  statusChanged(connector: ConnectorRef, status: ConnectorStatusEnumType): void {
    if (this.deps.canSend()) this.report(connector, status);
  }

  /** The link dropped: remember since when (monotonic, immune to clock changes). */
  wentOffline(): void {
    this.offlineSinceMs ??= this.deps.clock.monotonicMs();
  }

  /** First Accepted after boot: every connector. */
  reportAll(): void {
    this.offlineSinceMs = undefined;
    for (const connector of this.deps.availability.connectors()) this.report(connector, this.deps.availability.status(connector));
  }

  /** Back online and Accepted: B04 decides between all connectors and the changed ones. */
  cameBackOnline(): void {
    const since = this.offlineSinceMs;
    this.offlineSinceMs = undefined;
    const thresholdS = this.deps.deviceModel.get('OCPPCommCtrlr', 'OfflineThreshold') ?? 0;
    const offlineS = since === undefined ? 0 : (this.deps.clock.monotonicMs() - since) / 1000;
    const all = offlineS > thresholdS;
    for (const connector of this.deps.availability.connectors()) {
      const status = this.deps.availability.status(connector);
      if (all || status !== this.deps.availability.lastReported(connector)) this.report(connector, status);
    }
  }

  private report(connector: ConnectorRef, status: ConnectorStatusEnumType): void {
    this.deps
      .send({ timestamp: this.deps.clock.now().toISOString(), connectorStatus: status, ...connector })
      .then(() => this.deps.availability.markReported(connector, status))
      .catch((error: unknown) => this.deps.logger.info({ ...connector, status, err: error }, 'StatusNotification not delivered'));
  }
}
