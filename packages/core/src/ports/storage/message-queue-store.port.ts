/** Why a message is queued: transaction messages and critical security events are durable (DESIGN rule 6). */
export type QueuedMessageKind = 'transaction' | 'security' | 'other';

/** A message waiting to be sent to the CSMS, in the order it was queued. */
export interface QueuedMessage {
  /** Store-assigned, strictly increasing: the send order. */
  id: number;
  kind: QueuedMessageKind;
  action: string;
  payload: unknown;
  /** When the message was generated (ISO 8601). */
  createdAt: string;
  /** Send attempts so far (E13). */
  attempts: number;
  /** For TransactionEvent: the transaction and the seqNo given to this message. */
  transactionId?: string;
  seqNo?: number;
}

/** A message to queue. For a transaction message the store assigns the seqNo and builds the payload with it. */
export interface NewQueuedMessage {
  kind: QueuedMessageKind;
  action: string;
  createdAt: string;
  transactionId?: string;
}

/** Durable queue of outgoing messages (E04, E13, A04.FR.02). */
export interface MessageQueueStorePort {
  /**
   * Queues one message durably. When `transactionId` is given, the next seqNo of that transaction (gap-free,
   * from 0, across restarts) is taken in the same store transaction and passed to `buildPayload`; the message
   * and the new seqNo are committed together before this returns.
   */
  enqueue(message: NewQueuedMessage, buildPayload: (seqNo: number | undefined) => unknown): QueuedMessage;
  /** The oldest `limit` messages, in send order. */
  peek(limit: number): QueuedMessage[];
  /** Removes a message (answered, or discarded after its last attempt). */
  remove(id: number): void;
  /** Records the number of send attempts of a message. */
  setAttempts(id: number, attempts: number): void;
  /** Number of queued messages, optionally of one kind. */
  count(kind?: QueuedMessageKind): number;
  /** The next seqNo a transaction would get, without taking it (0 for a new transaction). */
  nextSeqNo(transactionId: string): number;
}
