import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorLockPort, LockState } from '../ports/connector-lock.port.js';

/** What a ConnectorLockPort implementation gives the contract: the lock, its (simulated) mechanism and time. */
export interface ConnectorLockContractHarness {
  /** Not started yet: the contract starts it. */
  lock: ConnectorLockPort;
  setContactorClosed(closed: boolean): void;
  /** Mechanism side: the pin stops moving. */
  jam(): void;
  /** Mechanism side: the pin is pulled back by force. */
  forceOpen(): void;
  /** Lets time pass until `operation` settles (drives a fake clock). */
  run<T>(operation: Promise<T>): Promise<T>;
  /** Lets every pending timer fire. */
  idle(): Promise<void>;
  dispose?(): void | Promise<void>;
}

/**
 * The behaviour every ConnectorLockPort adapter must show (G05, hardware.md 6): feedback-confirmed lock and unlock,
 * no unlock under load, failures reported (never thrown), and uncommanded openings reported.
 */
export function connectorLockContract(name: string, makeHarness: () => ConnectorLockContractHarness | Promise<ConnectorLockContractHarness>): void {
  describe(`${name} (ConnectorLockPort contract)`, () => {
    let harness: ConnectorLockContractHarness | undefined;
    const started = async (): Promise<ConnectorLockContractHarness> => {
      harness = await makeHarness();
      await harness.lock.start();
      return harness;
    };
    afterEach(async () => {
      await harness?.lock.stop();
      await harness?.dispose?.();
      harness = undefined;
    });

    it('starts unlocked and locks, confirmed by the feedback', async () => {
      const h = await started();
      expect(h.lock.state()).toBe('unlocked');
      expect(await h.run(h.lock.lock())).toEqual({ ok: true, state: 'locked' });
      expect(h.lock.state()).toBe('locked');
    });

    it('unlocks when the contactor is open', async () => {
      const h = await started();
      await h.run(h.lock.lock());
      expect(await h.run(h.lock.unlock())).toEqual({ ok: true, state: 'unlocked' });
    });

    it('G05 refuses to unlock while the contactor is closed, and stays locked', async () => {
      const h = await started();
      await h.run(h.lock.lock());
      h.setContactorClosed(true);
      expect(await h.run(h.lock.unlock())).toMatchObject({ ok: false, state: 'locked', reason: 'ContactorClosed' });
      await h.idle();
      expect(h.lock.state()).toBe('locked');
    });

    it('G05.FR.02 reports FeedbackTimeout when the lock jams, without throwing', async () => {
      const h = await started();
      h.jam();
      expect(await h.run(h.lock.lock())).toMatchObject({ ok: false, state: 'unlocked', reason: 'FeedbackTimeout' });
    });

    it('reports the lock opening by itself while locked', async () => {
      const h = await started();
      await h.run(h.lock.lock());
      const seen: LockState[] = [];
      h.lock.onUnexpectedChange((state) => seen.push(state));
      h.forceOpen();
      await h.idle();
      expect(seen).toEqual(['unlocked']);
      expect(h.lock.state()).toBe('unlocked');
    });
  });
}
