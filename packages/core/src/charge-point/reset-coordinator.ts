import type { DeviceModel } from '../device-model/index.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { MessageQueue } from '../rpc/message-queue.js';
import type { TransactionManager } from '../blocks/transactions/index.js';
import type { ResetCommand } from './callbacks.js';

/** What resets need from the ChargePoint. */
export interface ResetCoordinatorDeps {
  clock: ClockPort;
  logger: LoggerPort;
  deviceModel: DeviceModel;
  queue: Pick<MessageQueue, 'whenDrained'>;
  transactions: Pick<TransactionManager, 'abort' | 'abortAll' | 'hasActiveTransaction'>;
  /** The station's reset callback. */
  reset: (request: ResetCommand) => void;
}

/**
 * B11/B12 resets with transactions: Immediate ends the scope's transactions (stoppedReason ImmediateReset, triggerReason
 * ResetCommand) and resets once those events are delivered, or after MessageTimeout at most; OnIdle waits until the
 * scope's transactions have ended (B12.FR.01, TC_B_21, TC_B_41).
 */
export class ResetCoordinator {
  private readonly pending: ResetCommand[] = [];

  constructor(private readonly deps: ResetCoordinatorDeps) {}

  /** Resets now (after the Reset response was sent). */
  async perform(request: ResetCommand): Promise<void> {
    const { transactions } = this.deps;
    const ended = request.evseId === undefined ? transactions.abortAll('ImmediateReset', 'ResetCommand').length > 0 : transactions.abort(request.evseId, 'ImmediateReset', 'ResetCommand');
    // Nothing queued is lost by a reset (the queue is durable); waiting only lets the CSMS see Ended before the new boot.
    if (ended) await this.queueFlushed();
    try {
      this.deps.reset(request);
    } catch (error) {
      this.deps.logger.error({ err: error, reset: request }, 'reset callback threw');
    }
  }

  /** Remembers an OnIdle reset answered Scheduled. */
  scheduleOnIdle(request: ResetCommand): void {
    this.pending.push(request);
  }

  /** A transaction ended: performs the OnIdle resets whose scope is now idle. */
  transactionEnded(): void {
    const { transactions } = this.deps;
    const due = this.pending.filter((r) => !transactions.hasActiveTransaction(r.evseId));
    if (due.length === 0) return;
    const waiting = this.pending.filter((r) => !due.includes(r));
    this.pending.splice(0, this.pending.length, ...waiting);
    for (const reset of due) void this.perform(reset);
  }

  /** Resolves when the queue is empty, the link is gone, or MessageTimeout has passed. */
  private queueFlushed(): Promise<void> {
    const timeoutMs = (this.deps.deviceModel.get('OCPPCommCtrlr', 'MessageTimeout', { variableInstance: 'Default' }) ?? 30) * 1000;
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(resolve, timeoutMs);
      void this.deps.queue.whenDrained().then(() => {
        timer.cancel();
        resolve();
      });
    });
  }
}
