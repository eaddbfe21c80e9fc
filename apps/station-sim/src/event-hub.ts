import type { MessageLogEntry } from './message-log.js';
import type { StationView } from './station-view.js';

/** What the `GET /api/events` websocket streams (issue 6 §2): each OCPP frame, and a station's new state. */
export type SimEvent = { type: 'message'; station: string; entry: MessageLogEntry } | { type: 'station'; station: StationView };

/** Fans events out to the dashboard's websockets; with nobody listening, nothing is built at all. */
export class EventHub {
  private readonly listeners = new Set<(event: SimEvent) => void>();

  /** Whether anyone listens (monitors skip building events when not). */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: SimEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
