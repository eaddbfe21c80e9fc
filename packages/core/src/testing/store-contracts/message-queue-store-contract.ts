import { describe, expect, it } from 'vitest';
import type { MessageQueueStorePort, NewQueuedMessage, QueuedMessage } from '../../ports/storage/message-queue-store.port.js';
import { storeContractSession, type StoreContractFactory } from './store-contract-harness.js';

const at = '2026-01-01T00:00:00.000Z';

function txMessage(transactionId: string): NewQueuedMessage {
  return { kind: 'transaction', action: 'TransactionEvent', createdAt: at, transactionId };
}

function enqueueTx(store: MessageQueueStorePort, transactionId: string): QueuedMessage {
  return store.enqueue(txMessage(transactionId), (seqNo) => ({ transactionInfo: { transactionId }, seqNo }));
}

/**
 * The behaviour every MessageQueueStorePort must show (DESIGN rule 6, E04, E13): strict FIFO by ids that never repeat,
 * gap-free seqNo per transaction from 0 across restarts, and nothing queued or consumed when the payload cannot be built.
 */
export function messageQueueStoreContract(name: string, makeStore: StoreContractFactory<MessageQueueStorePort>): void {
  describe(`${name} (MessageQueueStorePort contract)`, () => {
    const session = storeContractSession(makeStore);

    it('starts empty', () => {
      const store = session.open();
      expect(store.peek(10)).toEqual([]);
      expect(store.count()).toBe(0);
      expect(store.count('transaction')).toBe(0);
      expect(store.nextSeqNo('tx-1')).toBe(0);
    });

    it('round-trips every field of a transaction message and of a plain one, across a restart', () => {
      const store = session.open();
      const payload = { a: 1, b: 'two', c: [true, null, { d: 1.5 }], e: {} };
      const tx = store.enqueue({ kind: 'transaction', action: 'TransactionEvent', createdAt: at, transactionId: 'tx-1' }, (seqNo) => ({ ...payload, seqNo }));
      const plain = store.enqueue({ kind: 'security', action: 'SecurityEventNotification', createdAt: '2026-01-02T03:04:05Z' }, () => payload);
      expect(tx).toStrictEqual({ id: tx.id, kind: 'transaction', action: 'TransactionEvent', payload: { ...payload, seqNo: 0 }, createdAt: at, attempts: 0, transactionId: 'tx-1', seqNo: 0 });
      expect(plain).toStrictEqual({ id: plain.id, kind: 'security', action: 'SecurityEventNotification', payload, createdAt: '2026-01-02T03:04:05Z', attempts: 0 });
      expect('transactionId' in plain || 'seqNo' in plain).toBe(false);
      expect(session.restart().peek(10)).toStrictEqual([tx, plain]);
    });

    it('hands buildPayload undefined when no transactionId is given', () => {
      const seen: (number | undefined)[] = [];
      session.open().enqueue({ kind: 'other', action: 'Heartbeat', createdAt: at }, (seqNo) => {
        seen.push(seqNo);
        return {};
      });
      expect(seen).toEqual([undefined]);
    });

    it('is strictly FIFO by increasing id, and peek(limit) gives the oldest', () => {
      const store = session.open();
      const queued = [
        enqueueTx(store, 'a'),
        store.enqueue({ kind: 'other', action: 'StatusNotification', createdAt: at }, () => ({ n: 1 })),
        store.enqueue({ kind: 'security', action: 'SecurityEventNotification', createdAt: at }, () => ({ n: 2 })),
        enqueueTx(store, 'b'),
        enqueueTx(store, 'a'),
      ];
      const ids = queued.map((m) => m.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      expect(session.restart().peek(100)).toStrictEqual(queued);
      expect(session.restart().peek(2)).toStrictEqual(queued.slice(0, 2));
      expect(session.restart().peek(0)).toEqual([]);
    });

    it('never reuses an id, even after removing the newest message and restarting', () => {
      const store = session.open();
      const first = enqueueTx(store, 'a');
      const second = enqueueTx(store, 'a');
      store.remove(second.id);
      const after = session.restart();
      const third = enqueueTx(after, 'a');
      expect(third.id).toBeGreaterThan(second.id);
      after.remove(first.id);
      after.remove(third.id);
      const fourth = enqueueTx(session.restart(), 'b');
      expect(fourth.id).toBeGreaterThan(third.id);
    });

    it('gives each transaction gap-free seqNos from 0, passed to buildPayload and stored with the message', () => {
      const store = session.open();
      const seen: (number | undefined)[] = [];
      const take = (transactionId: string): number | undefined =>
        store.enqueue(txMessage(transactionId), (seqNo) => {
          seen.push(seqNo);
          return { seqNo };
        }).seqNo;
      expect([take('A'), take('A'), take('B'), take('A'), take('B')]).toEqual([0, 1, 0, 2, 1]);
      expect(seen).toEqual([0, 1, 0, 2, 1]);
      expect(store.nextSeqNo('A')).toBe(3);
      expect(store.nextSeqNo('B')).toBe(2);
      expect(store.nextSeqNo('C')).toBe(0);
      expect(store.peek(10).map((m) => [m.transactionId, m.seqNo, (m.payload as { seqNo: number }).seqNo])).toEqual([
        ['A', 0, 0],
        ['A', 1, 1],
        ['B', 0, 0],
        ['A', 2, 2],
        ['B', 1, 1],
      ]);
    });

    it('continues seqNos across a restart and after the messages were removed', () => {
      const store = session.open();
      enqueueTx(store, 'A');
      const one = enqueueTx(store, 'A');
      store.remove(one.id);
      const after = session.restart();
      expect(after.nextSeqNo('A')).toBe(2);
      for (const m of after.peek(10)) after.remove(m.id);
      expect(after.count()).toBe(0);
      expect(enqueueTx(session.restart(), 'A').seqNo).toBe(2);
      expect(session.restart().nextSeqNo('A')).toBe(3);
    });

    it('queues nothing and consumes no seqNo when buildPayload throws, and rethrows its error', () => {
      const store = session.open();
      const first = enqueueTx(store, 'A');
      const boom = new Error('cannot build');
      expect(() =>
        store.enqueue(txMessage('A'), () => {
          throw boom;
        }),
      ).toThrow(boom);
      expect(() =>
        store.enqueue({ kind: 'other', action: 'Heartbeat', createdAt: at }, () => {
          throw boom;
        }),
      ).toThrow(boom);
      expect(store.count()).toBe(1);
      expect(store.nextSeqNo('A')).toBe(1);
      const after = session.restart();
      expect(after.peek(10)).toStrictEqual([first]);
      expect(after.nextSeqNo('A')).toBe(1);
      const next = enqueueTx(after, 'A');
      expect(next.seqNo).toBe(1);
      expect(next.id).toBeGreaterThan(first.id);
    });

    it('removes messages, ignores an unknown id, and counts by kind', () => {
      const store = session.open();
      const t = enqueueTx(store, 'A');
      store.enqueue({ kind: 'security', action: 'SecurityEventNotification', createdAt: at }, () => ({}));
      const o = store.enqueue({ kind: 'other', action: 'Heartbeat', createdAt: at }, () => ({}));
      store.remove(o.id);
      store.remove(999_999);
      const after = session.restart();
      expect(after.count()).toBe(2);
      expect(after.count('transaction')).toBe(1);
      expect(after.count('security')).toBe(1);
      expect(after.count('other')).toBe(0);
      after.remove(t.id);
      expect(session.restart().count('transaction')).toBe(0);
    });

    it('records send attempts durably', () => {
      const store = session.open();
      const m = enqueueTx(store, 'A');
      const other = enqueueTx(store, 'B');
      store.setAttempts(m.id, 3);
      const [first, second] = session.restart().peek(10);
      expect(first).toStrictEqual({ ...m, attempts: 3 });
      expect(second).toStrictEqual(other);
    });

    it('cannot be changed through objects passed in or handed out', () => {
      const store = session.open();
      const built = { nested: { value: 1 } };
      const returned = store.enqueue(txMessage('A'), () => built);
      built.nested.value = 2;
      (returned.payload as typeof built).nested.value = 3;
      returned.attempts = 5;
      const peeked = store.peek(1);
      (peeked[0]!.payload as typeof built).nested.value = 4;
      peeked[0]!.seqNo = 7;
      expect(store.peek(1)).toStrictEqual([{ ...returned, attempts: 0, payload: { nested: { value: 1 } } }]);
      expect(store.nextSeqNo('A')).toBe(1);
    });
  });
}
