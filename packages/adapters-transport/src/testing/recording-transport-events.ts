import type { DisconnectReason, SecurityEvent, TransportEvents } from '@evstation/core';
import { AsyncQueue } from './async-queue.js';

/** The argument of `TransportEvents.onDisconnected`. */
export interface DisconnectInfo {
  reason: DisconnectReason;
  code?: number;
  detail?: string;
}

/** TransportEvents that record everything, so tests can await each event in order. */
export class RecordingTransportEvents implements TransportEvents {
  readonly connected = new AsyncQueue<true>('onConnected');
  readonly messages = new AsyncQueue<string>('onMessage');
  readonly disconnects = new AsyncQueue<DisconnectInfo>('onDisconnected');
  readonly securityEvents = new AsyncQueue<SecurityEvent>('onSecurityEvent');

  onConnected(): void {
    this.connected.push(true);
  }

  onMessage(text: string): void {
    this.messages.push(text);
  }

  onDisconnected(info: DisconnectInfo): void {
    this.disconnects.push(info);
  }

  onSecurityEvent(event: SecurityEvent): void {
    this.securityEvents.push(event);
  }
}
