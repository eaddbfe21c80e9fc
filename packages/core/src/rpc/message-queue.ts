import type { ClockPort, TimerHandle } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { MessageQueueStorePort, QueuedMessage, QueuedMessageKind } from '../ports/storage/message-queue-store.port.js';
import { CallTimeoutError, InvalidResponseError, NotConnectedError, OutgoingPayloadError } from './call-errors.js';
import { CallErrorResponse } from './rpc-error.js';

/** The settings that shape the queue, read from the device model each time they are needed. */
export interface MessageQueueSettings {
  /** OCPPCommCtrlr.MessageAttempts[TransactionEvent] (E13). */
  transactionAttempts: number;
  /** OCPPCommCtrlr.MessageAttemptInterval[TransactionEvent] in seconds (E13). */
  transactionAttemptIntervalS: number;
  /** Wait before trying a non-transaction message again after a timeout, in seconds. */
  retryIntervalS: number;
  /** Queue size above which intermediate Updated events are dropped (E04.FR.07/08, R5). */
  maxQueuedMessages: number;
}

/** Why a queued message left the queue without a CALLRESULT. */
export type DiscardReason = 'attempts-exhausted' | 'refused' | 'queue-full';

/** What the queue reports to its owner. */
export interface MessageQueueEvents {
  /** The CSMS answered a queued message (e.g. TransactionEvent idTokenInfo). */
  answered?(message: QueuedMessage, response: unknown): void;
  /** A message was dropped. */
  discarded?(message: QueuedMessage, reason: DiscardReason): void;
  /** The queue crossed its size cap (raise MemoryExhaustion); called once per crossing. */
  overflow?(size: number): void;
}

/** Sends one message as a CALL and resolves with the response. */
export type QueueSender = (action: string, payload: unknown) => Promise<unknown>;

/**
 * The durable message queue (DESIGN rule 6, E04, E13): messages are persisted before their first send, sent
 * strictly in order with one CALL in flight while the station is ready, and removed only when the CSMS answers.
 * TransactionEvents get MessageAttempts attempts, waiting MessageAttemptInterval x attempt between them, each
 * with a new message id; then they are discarded. A lost link never costs an attempt.
 */
export class MessageQueue {
  private draining = false;
  private retryTimer: TimerHandle | undefined;
  private overflowing = false;
  private readonly drainedWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: {
      store: MessageQueueStorePort;
      clock: ClockPort;
      logger: LoggerPort;
      send: QueueSender;
      isReady: () => boolean;
      settings: () => MessageQueueSettings;
      events?: MessageQueueEvents;
    },
  ) {}

  /**
   * Queues a TransactionEvent: the store gives it the next seqNo of its transaction in the same store
   * transaction, and `build` makes the payload with it (E01.FR.07 gap-free seqNo across restarts).
   */
  pushTransactionEvent(transactionId: string, createdAt: Date, build: (seqNo: number) => unknown): QueuedMessage {
    const message = this.deps.store.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: createdAt.toISOString(), transactionId }, (seqNo) =>
      build(seqNo ?? 0),
    );
    this.enforceCap();
    this.kick();
    return message;
  }

  /** Queues any other message durably (critical SecurityEventNotification; others when QueueAllMessages). */
  push(kind: Exclude<QueuedMessageKind, 'transaction'>, action: string, payload: unknown, createdAt: Date): QueuedMessage {
    const message = this.deps.store.enqueue({ kind, action, createdAt: createdAt.toISOString() }, () => payload);
    this.enforceCap();
    this.kick();
    return message;
  }

  /** Messages waiting, optionally of one kind. */
  size(kind?: QueuedMessageKind): number {
    return this.deps.store.count(kind);
  }

  /** Whether messages of this transaction are still queued (E14 messagesInQueue). */
  hasMessagesFor(transactionId: string): boolean {
    return this.deps.store.peek(this.deps.store.count()).some((m) => m.transactionId === transactionId);
  }

  /** Resolves once the queue is empty or the station stops being ready: new traffic waits for it (E04). */
  whenDrained(): Promise<void> {
    if (this.deps.store.count() === 0 || !this.deps.isReady()) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  /** Starts sending if the station is ready; call on connect/Accepted and after queueing. */
  kick(): void {
    if (this.draining || !this.deps.isReady()) return;
    this.cancelRetry();
    this.draining = true;
    let emptied = false;
    void this.drain()
      .then((result) => (emptied = result === 'empty'))
      .finally(() => {
        this.draining = false;
        if (this.deps.store.count() === 0 || !this.deps.isReady()) this.releaseWaiters();
        // The drain found the queue empty, so what is queued now was pushed after its last peek, while it was still
        // finishing (that push's kick was a no-op): send it now. A drain that stopped to wait (retry interval, link
        // lost) is resumed by its timer or the next connection instead.
        else if (emptied) this.kick();
      });
  }

  /** Stops retry timers (station stop). */
  stop(): void {
    this.cancelRetry();
    this.releaseWaiters();
  }

  private async drain(): Promise<'empty' | 'wait' | 'not-ready'> {
    while (this.deps.isReady()) {
      const [next] = this.deps.store.peek(1);
      if (next === undefined) return 'empty';
      const outcome = await this.attempt(next);
      if (outcome === 'wait') return 'wait';
    }
    return 'not-ready';
  }

  private async attempt(message: QueuedMessage): Promise<'next' | 'wait'> {
    try {
      const response = await this.deps.send(message.action, message.payload);
      this.deps.store.remove(message.id);
      this.deps.events?.answered?.(message, response);
      return 'next';
    } catch (error) {
      if (error instanceof NotConnectedError) return 'wait';
      if (error instanceof OutgoingPayloadError) return this.discard(message, 'refused', error);
      const refused = error instanceof CallErrorResponse || error instanceof InvalidResponseError;
      const timedOut = error instanceof CallTimeoutError;
      if (!refused && !timedOut) {
        this.deps.logger.error({ err: error, id: message.id }, 'Unexpected error sending a queued message');
        return this.retryLater(message, this.deps.settings().retryIntervalS);
      }
      if (message.kind !== 'transaction') {
        return refused ? this.discard(message, 'refused', error) : this.retryLater(message, this.deps.settings().retryIntervalS);
      }
      const attempts = message.attempts + 1;
      this.deps.store.setAttempts(message.id, attempts);
      const settings = this.deps.settings();
      if (attempts >= settings.transactionAttempts) return this.discard(message, 'attempts-exhausted', error);
      return this.retryLater(message, settings.transactionAttemptIntervalS * attempts);
    }
  }

  private discard(message: QueuedMessage, reason: DiscardReason, error: unknown): 'next' {
    this.deps.logger.warn({ id: message.id, action: message.action, reason, err: error }, 'Queued message discarded');
    this.deps.store.remove(message.id);
    this.deps.events?.discarded?.(message, reason);
    return 'next';
  }

  private retryLater(message: QueuedMessage, delayS: number): 'wait' {
    this.deps.logger.info({ id: message.id, action: message.action, delayS }, 'Queued message will be retried');
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delayS * 1000);
    return 'wait';
  }

  private cancelRetry(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
  }

  private releaseWaiters(): void {
    for (const resolve of this.drainedWaiters.splice(0)) resolve();
  }

  /**
   * R5/E04.FR.07-08: above the cap, drop every other intermediate TransactionEvent Updated (never Started or
   * Ended, never the oldest message, which may be in flight) and report the crossing once.
   */
  private enforceCap(): void {
    const cap = this.deps.settings().maxQueuedMessages;
    const size = this.deps.store.count();
    if (size <= cap) {
      this.overflowing = false;
      return;
    }
    if (!this.overflowing) {
      this.overflowing = true;
      this.deps.events?.overflow?.(size);
    }
    const updated = this.deps.store
      .peek(size)
      .slice(1)
      .filter((m) => m.kind === 'transaction' && (m.payload as { eventType?: unknown }).eventType === 'Updated');
    let excess = size - cap;
    for (let i = 0; i < updated.length && excess > 0; i += 2) {
      const victim = updated[i];
      if (victim === undefined) break;
      this.deps.store.remove(victim.id);
      this.deps.events?.discarded?.(victim, 'queue-full');
      excess -= 1;
    }
  }
}
