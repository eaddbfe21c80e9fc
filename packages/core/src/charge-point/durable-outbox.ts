import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { MessageQueueStorePort, QueuedMessageKind } from '../ports/storage/message-queue-store.port.js';
import { CallErrorResponse } from '../rpc/rpc-error.js';
import { InvalidResponseError, OutgoingPayloadError } from '../rpc/call-errors.js';

/** Sends one queued message; resolves when the CSMS answered with a CALLRESULT. */
export type QueuedSend = (action: string, payload: unknown) => Promise<unknown>;

/**
 * Messages that must not be lost (DESIGN rule 6): written to the store before the first send, sent in order
 * one at a time while the station is connected and Accepted, deleted only when the CSMS answers.
 * A CALLERROR or invalid answer discards the message (logged); a timeout or lost link keeps it for later.
 */
export class DurableOutbox {
  private draining = false;
  private retryTimer: TimerHandle | undefined;

  constructor(
    private readonly deps: {
      store: MessageQueueStorePort;
      clock: ClockPort;
      logger: LoggerPort;
      send: QueuedSend;
      isReady: () => boolean;
      /** Wait before trying again after a timeout, in ms. */
      retryDelayMs: () => number;
    },
  ) {}

  /** Persists a message, then tries to send. */
  enqueue(kind: QueuedMessageKind, action: string, payload: unknown, createdAt: Date): void {
    this.deps.store.enqueue({ kind, action, createdAt: createdAt.toISOString() }, () => payload);
    this.kick();
  }

  /** Number of messages waiting. */
  size(): number {
    return this.deps.store.count();
  }

  /** Starts draining if the station is ready and nothing is draining yet. */
  kick(): void {
    if (this.draining || !this.deps.isReady()) return;
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.draining = true;
    void this.drain().finally(() => {
      this.draining = false;
    });
  }

  /** Stops retry timers (ChargePoint.stop). */
  stop(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
  }

  private async drain(): Promise<void> {
    while (this.deps.isReady()) {
      const [next] = this.deps.store.peek(1);
      if (next === undefined) return;
      this.deps.store.setAttempts(next.id, next.attempts + 1);
      try {
        await this.deps.send(next.action, next.payload);
        this.deps.store.remove(next.id);
      } catch (error) {
        if (error instanceof CallErrorResponse || error instanceof InvalidResponseError || error instanceof OutgoingPayloadError) {
          this.deps.logger.warn({ action: next.action, id: next.id, err: error }, 'Queued message refused; discarded');
          this.deps.store.remove(next.id);
          continue;
        }
        this.deps.logger.info({ action: next.action, id: next.id, reason: (error as Error).message }, 'Queued message not delivered yet');
        if (this.deps.isReady()) this.retryTimer = this.deps.clock.setTimeout(() => this.kick(), this.deps.retryDelayMs());
        return;
      }
    }
  }
}
