import type { TransportConnectionOptions, TransportEvents, TransportPort } from '../ports/transport.port.js';

/**
 * A transport the test plays the CSMS side of: it records every frame the station sends and lets the test
 * open/close the link and deliver frames (serialport's binding-mock is the model).
 */
export class FakeTransport implements TransportPort {
  /** Frames the station sent, in order. */
  readonly sent: string[] = [];
  /** The options of the last connect() call. */
  options: TransportConnectionOptions | undefined;
  private events: TransportEvents | undefined;
  private open = false;
  private readonly listeners: ((text: string) => void)[] = [];

  connect(options: TransportConnectionOptions, events: TransportEvents): void {
    this.options = options;
    this.events = events;
  }

  send(text: string): boolean {
    if (!this.open) return false;
    this.sent.push(text);
    for (const listener of this.listeners) listener(text);
    return true;
  }

  disconnect(): Promise<void> {
    if (this.open) this.closeLink('closed-locally');
    this.events = undefined;
    return Promise.resolve();
  }

  isConnected(): boolean {
    return this.open;
  }

  /** Test side: the CSMS accepts the connection. */
  acceptConnection(): void {
    if (this.events === undefined) throw new Error('FakeTransport: connect() was not called');
    this.open = true;
    this.events.onConnected();
  }

  /** Test side: the link drops. */
  closeLink(reason: 'closed-by-csms' | 'closed-locally' | 'network-error' = 'closed-by-csms'): void {
    this.open = false;
    this.events?.onDisconnected({ reason });
  }

  /** Test side: the CSMS sends a frame (a string as is, anything else JSON-encoded). */
  deliver(frame: unknown): void {
    if (this.events === undefined || !this.open) throw new Error('FakeTransport: no open connection');
    this.events.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sent frames decoded as JSON. */
  sentFrames(): unknown[] {
    return this.sent.map((text) => JSON.parse(text) as unknown);
  }

  /** Resolves with the next frame the station sends. */
  nextSent(): Promise<unknown> {
    return new Promise((resolve) => {
      const listener = (text: string): void => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(JSON.parse(text) as unknown);
      };
      this.listeners.push(listener);
    });
  }
}
