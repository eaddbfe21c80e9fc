import { connectorLockContract, FakeClock, MemoryLogger, runAllTimers, runUntilSettled, silentLogger } from '@evstation/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedLockMechanism } from '../simulated/simulated-lock-mechanism.js';
import { GpioConnectorLock } from './gpio-connector-lock.js';
import type { GpioLineOpener } from './gpio-line.port.js';
import { GpioUnavailableError } from './gpio-unavailable-error.js';

const PINS = { lock: 23, unlock: 24, feedback: 25 };

function makeRig(options: { travelMs?: number; logger?: MemoryLogger; openLine?: GpioLineOpener } = {}) {
  const clock = new FakeClock();
  const mechanism = new SimulatedLockMechanism({ clock, pins: PINS, ...(options.travelMs === undefined ? {} : { travelMs: options.travelMs }) });
  const contactor = { closed: false };
  const lock = new GpioConnectorLock({
    clock,
    logger: options.logger ?? silentLogger,
    openLine: options.openLine ?? mechanism.opener,
    pins: PINS,
    isContactorClosed: () => contactor.closed,
  });
  return { clock, mechanism, contactor, lock };
}

connectorLockContract('GpioConnectorLock on a simulated motor lock', () => {
  const { clock, mechanism, contactor, lock } = makeRig();
  return {
    lock,
    setContactorClosed: (closed) => (contactor.closed = closed),
    jam: () => (mechanism.jammed = true),
    forceOpen: () => mechanism.forceOpen(),
    run: (operation) => runUntilSettled(clock, operation),
    idle: () => runAllTimers(clock),
  };
});

describe('GpioConnectorLock (hardware.md 6)', () => {
  it('pulses the lock input 600 ms, then reads the feedback after a 200 ms settle (hardware.md 6.1 defaults)', async () => {
    const { clock, mechanism, lock } = makeRig();
    await lock.start();
    await runUntilSettled(clock, lock.lock());
    expect(mechanism.driveLog.filter(([, , level]) => level === 1)).toEqual([[0, 'lock', 1]]);
    expect(mechanism.driveLog.at(-1)).toEqual([600, 'lock', 0]);
    expect(clock.monotonicMs()).toBe(800);
  });

  it('reaches the position on a retry when the motor is slower than the pulse', async () => {
    const logger = new MemoryLogger();
    const { clock, mechanism, lock } = makeRig({ travelMs: 900, logger });
    await lock.start();
    expect(await runUntilSettled(clock, lock.lock())).toEqual({ ok: true, state: 'locked' });
    expect(mechanism.driveLog.filter(([, role, level]) => role === 'lock' && level === 1)).toHaveLength(2);
    expect(logger.text()).toContain('retrying');
  });

  it('gives up after the first pulse and 2 retries when the feedback is stuck, and says why', async () => {
    const { clock, mechanism, lock } = makeRig();
    await lock.start();
    mechanism.stuckFeedback = 0;
    const result = await runUntilSettled(clock, lock.lock());
    expect(result).toEqual({ ok: false, state: 'unlocked', reason: 'FeedbackTimeout', detail: 'feedback still reads unlocked after 3 pulses' });
    expect(mechanism.isLocked()).toBe(true);
    expect(mechanism.driveLog.filter(([, , level]) => level === 1)).toHaveLength(3);
  });

  it('G05 checks the contactor again before every retry pulse and never unlocks under load', async () => {
    const { clock, mechanism, contactor, lock } = makeRig();
    await lock.start();
    await runUntilSettled(clock, lock.lock());
    mechanism.jammed = true;
    const unlocking = lock.unlock();
    await clock.advance(900); // first pulse + settle done, retry pause running
    contactor.closed = true;
    expect(await runUntilSettled(clock, unlocking)).toMatchObject({ ok: false, reason: 'ContactorClosed' });
    expect(mechanism.driveLog.filter(([, role, level]) => role === 'unlock' && level === 1)).toHaveLength(1);
  });

  it('never drives both H-bridge inputs at once, whatever the sequence of commands (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('lock', 'unlock'), fc.boolean(), fc.boolean()), { maxLength: 8 }), async (steps) => {
        const { clock, mechanism, contactor, lock } = makeRig();
        await lock.start();
        const pending = steps.map(([command, closed, jam]) => {
          contactor.closed = closed;
          mechanism.jammed = jam;
          return command === 'lock' ? lock.lock() : lock.unlock();
        });
        await runUntilSettled(clock, Promise.all(pending));
        expect(mechanism.shortCircuits).toBe(0);
        expect(mechanism.driveLog.at(-1)?.[2] ?? 0).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('runs overlapping commands one after the other', async () => {
    const { clock, lock } = makeRig();
    await lock.start();
    const results = await runUntilSettled(clock, Promise.all([lock.lock(), lock.unlock(), lock.lock()]));
    expect(results.map((r) => r.state)).toEqual(['locked', 'unlocked', 'locked']);
    expect(clock.monotonicMs()).toBe(2400);
  });

  it('ignores a feedback bounce shorter than the debounce time', async () => {
    const { clock, mechanism, lock } = makeRig();
    await lock.start();
    await runUntilSettled(clock, lock.lock());
    const seen: string[] = [];
    lock.onUnexpectedChange((state) => seen.push(state));
    mechanism.bounce(10);
    await runAllTimers(clock);
    expect(seen).toEqual([]);
    expect(lock.state()).toBe('locked');
  });

  it('reports Hardware, with both drive lines released, when a line fails', async () => {
    const { clock, mechanism, lock } = makeRig({
      openLine: async (request) => {
        const line = await mechanism.opener(request);
        if (request.pin !== PINS.lock) return line;
        let writes = 0;
        return { ...line, write: (level) => (++writes > 1 && level === 1 ? Promise.reject(new Error('EIO writing gpio23')) : line.write(level)) };
      },
    });
    await lock.start();
    expect(await runUntilSettled(clock, lock.lock())).toEqual({ ok: false, state: 'unknown', reason: 'Hardware', detail: 'EIO writing gpio23' });
    expect(mechanism.shortCircuits).toBe(0);
  });

  it('fails start() naming the pin when a line cannot be opened, releasing the lines already opened', async () => {
    const closed: number[] = [];
    const { mechanism, lock } = makeRig({
      openLine: async (request) => {
        if (request.pin === PINS.feedback) throw new GpioUnavailableError(request.pin, request.label, 'sysfs GPIO (/sys/class/gpio) is not accessible');
        const line = await mechanism.opener(request);
        return { ...line, close: () => (closed.push(request.pin), Promise.resolve()) };
      },
    });
    await expect(lock.start()).rejects.toThrow('GPIO pin 25 (lock feedback) is not available');
    expect(closed.sort()).toEqual([PINS.lock, PINS.unlock]);
  });
});
