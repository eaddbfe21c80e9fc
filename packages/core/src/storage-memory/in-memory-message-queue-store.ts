import type { MessageQueueStorePort, NewQueuedMessage, QueuedMessage, QueuedMessageKind } from '../ports/storage/message-queue-store.port.js';
import { cloneData } from './store-keys.js';

/** Durable-queue semantics in memory (E04, E13): FIFO ids that never repeat, gap-free seqNo per transaction from 0. */
export class InMemoryMessageQueueStore implements MessageQueueStorePort {
  /** Queued messages, ascending by id. */
  private readonly messages: QueuedMessage[] = [];
  private readonly nextSeqNos = new Map<string, number>();
  private lastId = 0;

  enqueue(message: NewQueuedMessage, buildPayload: (seqNo: number | undefined) => unknown): QueuedMessage {
    const { transactionId } = message;
    const seqNo = transactionId === undefined ? undefined : this.nextSeqNo(transactionId);
    // Build and copy the payload before touching any state: a throwing builder queues nothing and consumes no seqNo.
    const payload = cloneData(buildPayload(seqNo));
    const queued: QueuedMessage = {
      id: this.lastId + 1,
      kind: message.kind,
      action: message.action,
      payload,
      createdAt: message.createdAt,
      attempts: 0,
      ...(transactionId === undefined || seqNo === undefined ? {} : { transactionId, seqNo }),
    };
    this.lastId = queued.id;
    this.messages.push(queued);
    if (transactionId !== undefined && seqNo !== undefined) this.nextSeqNos.set(transactionId, seqNo + 1);
    return cloneData(queued);
  }

  peek(limit: number): QueuedMessage[] {
    return this.messages.slice(0, Math.max(0, limit)).map(cloneData);
  }

  remove(id: number): void {
    const index = this.messages.findIndex((m) => m.id === id);
    if (index >= 0) this.messages.splice(index, 1);
  }

  setAttempts(id: number, attempts: number): void {
    const message = this.messages.find((m) => m.id === id);
    if (message !== undefined) message.attempts = attempts;
  }

  count(kind?: QueuedMessageKind): number {
    return kind === undefined ? this.messages.length : this.messages.filter((m) => m.kind === kind).length;
  }

  nextSeqNo(transactionId: string): number {
    return this.nextSeqNos.get(transactionId) ?? 0;
  }
}
