import { describe, expect, it } from 'vitest';
import { InMemoryMessageQueueStore } from '../storage-memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { flushMicrotasks } from '../testing/clock-driver.js';
import { silentLogger } from '../testing/memory-logger.js';
import { CallTimeoutError, NotConnectedError } from './call-errors.js';
import { MessageQueue, type DiscardReason, type MessageQueueSettings } from './message-queue.js';
import { CallErrorResponse } from './rpc-error.js';

type Reply = 'ok' | 'callerror' | 'timeout' | 'offline';

/** A queue over the in-memory store whose CSMS answers each send with the next scripted reply (default ok). */
function makeQueue(settings: Partial<MessageQueueSettings> = {}, script: Reply[] = []) {
  const clock = new FakeClock();
  const store = new InMemoryMessageQueueStore();
  const sends: { at: number; action: string; payload: unknown }[] = [];
  const discarded: { id: number; reason: DiscardReason }[] = [];
  const overflows: number[] = [];
  let ready = true;
  const queue = new MessageQueue({
    store,
    clock,
    logger: silentLogger,
    isReady: () => ready,
    settings: () => ({ transactionAttempts: 3, transactionAttemptIntervalS: 10, retryIntervalS: 30, maxQueuedMessages: 1000, ...settings }),
    send: (action, payload) => {
      sends.push({ at: clock.monotonicMs(), action, payload });
      const reply = script.shift() ?? 'ok';
      if (reply === 'ok') return Promise.resolve({});
      if (reply === 'callerror') return Promise.reject(new CallErrorResponse('InternalError', 'nope', {}));
      if (reply === 'offline') return Promise.reject(new NotConnectedError(action));
      return Promise.reject(new CallTimeoutError(action, 'x'));
    },
    events: { discarded: (m, reason) => discarded.push({ id: m.id, reason }), overflow: (n) => overflows.push(n) },
  });
  const settle = (): Promise<void> => flushMicrotasks(30);
  return { clock, store, sends, discarded, overflows, queue, settle, setReady: (r: boolean) => (ready = r) };
}

const txEvent = (eventType: string) => (seqNo: number) => ({ eventType, seqNo, transactionId: 'tx-1' });

describe('MessageQueue (DESIGN rule 6, E04, E13)', () => {
  it('persists a TransactionEvent with a gap-free seqNo before sending, sends in order, and deletes it when answered', async () => {
    const { queue, store, sends, settle, setReady } = makeQueue();
    setReady(false);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Started'));
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Updated'));
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Ended'));
    expect(store.peek(10).map((m) => m.seqNo)).toEqual([0, 1, 2]);
    expect(sends).toEqual([]);
    setReady(true);
    queue.kick();
    await settle();
    expect(sends.map((s) => (s.payload as { eventType: string }).eventType)).toEqual(['Started', 'Updated', 'Ended']);
    expect(store.count()).toBe(0);
  });

  it('TC_E_50_CS discards a TransactionEvent after MessageAttempts CALLERRORs, waiting interval x attempt, then sends the next', async () => {
    const { queue, sends, discarded, clock, settle } = makeQueue({ transactionAttempts: 3, transactionAttemptIntervalS: 10 }, ['callerror', 'callerror', 'callerror']);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Started'));
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Ended'));
    await settle();
    expect(sends).toHaveLength(1);
    await clock.advance(9_999);
    expect(sends).toHaveLength(1);
    await clock.advance(1);
    expect(sends).toHaveLength(2);
    await clock.advance(20_000);
    expect(sends.map((s) => s.at)).toEqual([0, 10_000, 30_000, 30_000]);
    expect(discarded).toEqual([{ id: 1, reason: 'attempts-exhausted' }]);
    expect((sends[3]?.payload as { eventType: string }).eventType).toBe('Ended');
  });

  it('TC_E_41_CS treats a timeout like a CALLERROR for the attempt count', async () => {
    const { queue, sends, discarded, clock, settle } = makeQueue({ transactionAttempts: 2, transactionAttemptIntervalS: 5 }, ['timeout', 'timeout']);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Updated'));
    await settle();
    await clock.advance(5_000);
    expect(sends).toHaveLength(2);
    expect(discarded).toEqual([{ id: 1, reason: 'attempts-exhausted' }]);
  });

  it('TC_E_42/51_CS delivers a TransactionEvent answered before the last attempt', async () => {
    const { queue, sends, discarded, store, clock, settle } = makeQueue({ transactionAttempts: 3 }, ['callerror', 'ok']);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Updated'));
    await settle();
    await clock.advance(10_000);
    expect(sends).toHaveLength(2);
    expect(discarded).toEqual([]);
    expect(store.count()).toBe(0);
  });

  it('never counts an attempt when the link is lost, and resumes on the next kick', async () => {
    const { queue, sends, store, settle } = makeQueue({ transactionAttempts: 1 }, ['offline']);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Started'));
    await settle();
    expect(store.peek(1)[0]?.attempts).toBe(0);
    queue.kick();
    await settle();
    expect(sends).toHaveLength(2);
    expect(store.count()).toBe(0);
  });

  it('discards a refused non-transaction message at once and retries one that timed out', async () => {
    const { queue, sends, discarded, store, clock, settle } = makeQueue({ retryIntervalS: 30 }, ['callerror', 'timeout']);
    queue.push('security', 'SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: 'x' }, new Date());
    await settle();
    expect(discarded).toEqual([{ id: 1, reason: 'refused' }]);
    queue.push('security', 'SecurityEventNotification', { type: 'ResetOrReboot', timestamp: 'x' }, new Date());
    await settle();
    expect(store.count()).toBe(1);
    await clock.advance(30_000);
    expect(sends).toHaveLength(3);
    expect(store.count()).toBe(0);
  });

  it('A04.FR.02 a message queued while a drain is finishing is sent too (TC_L_05_CS: two security events back to back)', async () => {
    // The second push lands at every microtask offset after the first answer, so the window between the drain's
    // last empty peek and its end is hit whatever its exact width.
    for (let ticks = 0; ticks < 12; ticks += 1) {
      const sent: string[] = [];
      const queue: MessageQueue = new MessageQueue({
        store: new InMemoryMessageQueueStore(),
        clock: new FakeClock(),
        logger: silentLogger,
        isReady: () => true,
        settings: () => ({ transactionAttempts: 3, transactionAttemptIntervalS: 10, retryIntervalS: 30, maxQueuedMessages: 1000 }),
        send: (_action, payload) => {
          sent.push((payload as { type: string }).type);
          const answer = Promise.resolve({});
          if (sent.length === 1) {
            void answer.then(async () => {
              await flushMicrotasks(ticks);
              queue.push('security', 'SecurityEventNotification', { type: 'second' }, new Date());
            });
          }
          return answer;
        },
      });
      queue.push('security', 'SecurityEventNotification', { type: 'first' }, new Date());
      await flushMicrotasks(60);
      expect(sent, `second pushed ${ticks} microtasks after the first answer`).toEqual(['first', 'second']);
    }
  });

  it('R5 above the cap drops only intermediate Updated events, never Started or Ended, and reports the crossing once', () => {
    const { queue, store, overflows, setReady } = makeQueue({ maxQueuedMessages: 10 });
    setReady(false);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Started'));
    for (let i = 0; i < 30; i += 1) queue.pushTransactionEvent('tx-1', new Date(), txEvent('Updated'));
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Ended'));
    const kept = store.peek(100).map((m) => (m.payload as { eventType: string }).eventType);
    expect(kept[0]).toBe('Started');
    expect(kept.at(-1)).toBe('Ended');
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(overflows).toHaveLength(1);
  });

  it('E04 whenDrained resolves only after every queued message was answered', async () => {
    const { queue, settle, setReady } = makeQueue();
    setReady(false);
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Started'));
    queue.pushTransactionEvent('tx-1', new Date(), txEvent('Ended'));
    setReady(true);
    let drained = false;
    const waiting = queue.whenDrained().then(() => (drained = true));
    expect(drained).toBe(false);
    queue.kick();
    await settle();
    await waiting;
    expect(drained).toBe(true);
  });
});
