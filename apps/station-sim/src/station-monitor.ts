import type { SimulatedEvse } from '@evstation/adapters-hw';
import type { ClockPort, TimerHandle, TransactionEventRequest } from '@evstation/core';
import type { StationHost, StationObserver } from '@evstation/wiring';
import type { EventHub } from './event-hub.js';
import { MessageLog } from './message-log.js';
import { stationView } from './station-view.js';

/** What a StationMonitor needs. */
export interface StationMonitorDeps {
  clock: ClockPort;
  hub: EventHub;
  csmsUrl: string;
  /** Frames kept in the message log. */
  messageLog: number;
  /** Shortest gap between two `station` events of this station, ms (default 150). */
  throttleMs?: number;
}

/**
 * One simulated station as the control API sees it (issue 6 §2): it observes the ChargePoint's callbacks, keeps the
 * message log, remembers each transaction's meter reading at its start (its energy so far), and tells the event hub
 * when the station changed (throttled, and only while somebody listens).
 */
export class StationMonitor {
  readonly log: MessageLog;
  readonly observer: StationObserver;
  private station: { host: StationHost; evses: readonly SimulatedEvse[] } | undefined;
  private readonly startEnergyWh = new Map<string, number>();
  private pending: TimerHandle | undefined;

  constructor(private readonly deps: StationMonitorDeps) {
    this.log = new MessageLog(deps.messageLog);
    const changed = (): void => this.changed();
    this.observer = {
      ocppMessages: (record) => {
        const entry = this.log.record(record, deps.clock.now());
        const id = this.station?.host.identity;
        if (deps.hub.active && id !== undefined) deps.hub.publish({ type: 'message', station: id, entry });
        this.changed();
      },
      transactionEvent: (request) => this.transactionEvent(request),
      connectionStateChanged: changed,
      bootNotification: changed,
      authorizationChanged: changed,
      connectorEffectiveOperativeStatusChanged: changed,
    };
  }

  /** Connects the monitor to the station it observes (resolved after the monitor was bound). */
  attach(station: { host: StationHost; evses: readonly SimulatedEvse[] }): void {
    this.station = station;
    station.host.onStateChange(() => this.changed());
  }

  get csmsUrl(): string {
    return this.deps.csmsUrl;
  }

  /** Energy delivered in a transaction so far (Wh), from the EVSE's meter at its start; undefined when unknown. */
  transactionEnergyWh(transactionId: string, evseId: number): number | undefined {
    const start = this.startEnergyWh.get(transactionId);
    const evse = this.station?.evses[evseId - 1];
    return start === undefined || evse === undefined ? undefined : evse.meter.energyImportWh() - start;
  }

  /** Something changed that the dashboard shows (a control action, a frame, a state change). */
  changed(): void {
    if (!this.deps.hub.active || this.pending !== undefined || this.station === undefined) return;
    this.pending = this.deps.clock.setTimeout(() => {
      this.pending = undefined;
      if (this.deps.hub.active) this.deps.hub.publish({ type: 'station', station: stationView(this) });
    }, this.deps.throttleMs ?? 150);
  }

  /** The observed station; throws before attach (a wiring mistake). */
  get target(): { host: StationHost; evses: readonly SimulatedEvse[] } {
    if (this.station === undefined) throw new Error('StationMonitor.attach() was not called');
    return this.station;
  }

  /** Stops the pending event timer. */
  stop(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }

  private transactionEvent(request: TransactionEventRequest): void {
    const { transactionId } = request.transactionInfo;
    const evse = request.evse === undefined ? undefined : this.station?.evses[request.evse.id - 1];
    if (request.eventType === 'Started' && evse !== undefined) this.startEnergyWh.set(transactionId, evse.meter.energyImportWh());
    if (request.eventType === 'Ended') this.startEnergyWh.delete(transactionId);
    this.changed();
  }
}
