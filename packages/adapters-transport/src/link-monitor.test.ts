import { FakeClock } from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { LinkMonitor } from './link-monitor.js';

function monitor(intervalMs: number): { clock: FakeClock; link: LinkMonitor; pings: number[]; dead: number[] } {
  const clock = new FakeClock();
  const pings: number[] = [];
  const dead: number[] = [];
  const link = new LinkMonitor(clock, intervalMs, { ping: () => pings.push(clock.monotonicMs()), onDead: () => dead.push(clock.monotonicMs()) });
  return { clock, link, pings, dead };
}

describe('LinkMonitor (WebSocketPingInterval, R11 half-open link)', () => {
  it('pings every interval while frames keep arriving', async () => {
    const m = monitor(10_000);
    m.link.start();
    for (let i = 0; i < 3; i += 1) {
      await m.clock.advance(10_000);
      m.link.heard();
    }
    expect(m.pings).toEqual([10_000, 20_000, 30_000]);
    expect(m.dead).toEqual([]);
  });

  it('declares the link dead when nothing arrived by the next ping (within 2 intervals)', async () => {
    const m = monitor(10_000);
    m.link.start();
    await m.clock.advance(20_000);
    expect(m.pings).toEqual([10_000]);
    expect(m.dead).toEqual([20_000]);
    expect(m.clock.pendingTimers()).toBe(0);
  });

  it('does nothing with interval 0 and leaves no timer after stop()', async () => {
    const off = monitor(0);
    off.link.start();
    expect(off.clock.pendingTimers()).toBe(0);
    const on = monitor(5_000);
    on.link.start();
    on.link.stop();
    await on.clock.advance(60_000);
    expect(on.pings).toEqual([]);
    expect(on.clock.pendingTimers()).toBe(0);
  });
});
