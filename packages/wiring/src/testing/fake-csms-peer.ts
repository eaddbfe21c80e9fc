import type { FakeClock, FakeTransport } from '@evstation/core/testing';

type Frame = [number, string, ...unknown[]];

/** A station CALL the peer saw. */
export interface SeenCall {
  action: string;
  payload: Record<string, unknown>;
  /** Index of the boot (transport) it came on, 0 first. */
  boot: number;
}

/**
 * The CSMS side of the FakeTransports a fakeTransportModule creates (one per boot): accepts each connection, answers
 * every station CALL with a valid response (BootNotification Accepted, Authorize Accepted, the rest empty) and keeps
 * what it saw. `run(ms)` moves the fake clock in steps, answering as it goes.
 */
export class FakeCsmsPeer {
  readonly calls: SeenCall[] = [];
  private readonly answered = new WeakMap<FakeTransport, number>();

  constructor(
    private readonly clock: FakeClock,
    private readonly transports: readonly FakeTransport[],
  ) {}

  /** The payloads of one action, in order. */
  callsOf(action: string): Record<string, unknown>[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.payload);
  }

  /** Accepts and answers until nothing is left to do now (no clock movement). */
  async pump(): Promise<void> {
    for (let round = 0; round < 200; round += 1) {
      await flush();
      if (!this.step()) return;
    }
  }

  /** Moves the clock `ms` in steps of `stepMs`, answering everything on the way. */
  async run(ms: number, stepMs = 50): Promise<void> {
    await this.pump();
    for (let moved = 0; moved < ms; moved += stepMs) {
      await this.clock.advance(Math.min(stepMs, ms - moved));
      await this.pump();
    }
  }

  private step(): boolean {
    let acted = false;
    this.transports.forEach((transport, boot) => {
      if (transport.options !== undefined && !transport.isConnected() && !this.answered.has(transport)) {
        this.answered.set(transport, 0);
        try {
          transport.acceptConnection();
          acted = true;
        } catch {
          // disconnected before it was accepted (a stopped boot)
        }
      }
      if (!transport.isConnected()) return;
      const frames = transport.sentFrames() as Frame[];
      for (let index = this.answered.get(transport) ?? 0; index < frames.length; index += 1) {
        this.answered.set(transport, index + 1);
        const frame = frames[index];
        if (frame?.[0] !== 2) continue;
        const action = String(frame[2]);
        const payload = (frame[3] ?? {}) as Record<string, unknown>;
        this.calls.push({ action, payload, boot });
        transport.deliver([3, frame[1], this.response(action)]);
        acted = true;
      }
    });
    return acted;
  }

  private response(action: string): unknown {
    const currentTime = this.clock.now().toISOString();
    if (action === 'BootNotification') return { currentTime, interval: 300, status: 'Accepted' };
    if (action === 'Heartbeat') return { currentTime };
    if (action === 'Authorize') return { idTokenInfo: { status: 'Accepted' } };
    return {};
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}
