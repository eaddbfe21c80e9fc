import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { CancelSource } from './cancel-source.js';
import { redactSecretsOf, redactUrl } from './redact-url.js';
import { scheduleAt } from './schedule-at.js';
import { waitUnlessCancelled } from './wait-unless-cancelled.js';

describe('redactUrl (credentials never reach a log or an error)', () => {
  it('masks user and password of ftp and http URLs', () => {
    expect(redactUrl('ftp://station:S3cret!pw@files.example.com/logs/')).toBe('ftp://***@files.example.com/logs/');
    expect(redactUrl('https://user:pa%40ss@cdn.example.com/fw.bin')).toBe('https://***@cdn.example.com/fw.bin');
    expect(redactUrl('https://cdn.example.com/fw.bin')).toBe('https://cdn.example.com/fw.bin');
  });

  it('masks secret-looking query values (presigned URLs) and keeps the others', () => {
    expect(redactUrl('https://s3.example.com/fw.bin?X-Amz-Signature=abc123&X-Amz-Expires=300&token=t0k')).toBe(
      'https://s3.example.com/fw.bin?X-Amz-Signature=***&X-Amz-Expires=300&token=***',
    );
  });

  it('masks the user part of text that is not a parsable URL', () => {
    expect(redactUrl('ftp://user:pw@')).toBe('ftp://***@');
    expect(redactUrl('not a url')).toBe('not a url');
  });

  it('redactSecretsOf removes the URL and its password from a library message', () => {
    const url = 'ftp://station:Secret-Pw-42@127.0.0.1:2121/up/';
    expect(redactSecretsOf(url, `530 login failed for ${url} (password Secret-Pw-42)`)).toBe('530 login failed for ftp://***@127.0.0.1:2121/up/ (password ***)');
  });
});

describe('CancelSource', () => {
  it('runs listeners once, immediately for late listeners, and unsubscribes', () => {
    const source = new CancelSource();
    const calls: string[] = [];
    source.signal.onCancel(() => calls.push('a'));
    const off = source.signal.onCancel(() => calls.push('b'));
    off();
    expect(source.signal.cancelled).toBe(false);
    source.cancel();
    source.cancel();
    source.signal.onCancel(() => calls.push('late'));
    expect(calls).toEqual(['a', 'late']);
    expect(source.signal.cancelled).toBe(true);
    expect(source.cancelled).toBe(true);
  });
});

describe('scheduleAt (wall-clock deadlines through ClockPort)', () => {
  it('fires at the wall time, across slices longer than a Node timer may be', async () => {
    const clock = new FakeClock(new Date('2026-01-01T00:00:00.000Z'));
    const fired: string[] = [];
    scheduleAt(clock, new Date('2026-02-15T00:00:00.000Z'), () => fired.push(clock.now().toISOString()));
    await clock.advance(45 * 24 * 3600_000 - 1);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['2026-02-15T00:00:00.000Z']);
  });

  it('fires after a 0 ms tick when the time has passed, notices a wall clock set, and can be cancelled', async () => {
    const clock = new FakeClock(new Date('2026-01-01T00:00:00.000Z'));
    const fired: string[] = [];
    scheduleAt(clock, new Date('2025-12-31T00:00:00.000Z'), () => fired.push('past'));
    expect(fired).toEqual([]);
    await clock.advance(0);
    expect(fired).toEqual(['past']);
    scheduleAt(clock, new Date('2026-01-02T00:00:00.000Z'), () => fired.push('set'));
    clock.setWallTime(new Date('2026-01-01T23:30:00.000Z'));
    await clock.advance(3600_000);
    expect(fired).toEqual(['past', 'set']);
    const handle = scheduleAt(clock, new Date('2026-01-03T00:00:00.000Z'), () => fired.push('cancelled'));
    handle.cancel();
    await clock.advance(2 * 24 * 3600_000);
    expect(fired).toEqual(['past', 'set']);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('waitUnlessCancelled (retry and schedule waits of L01/N01)', () => {
  it('resolves true when the timer fires, false at once when cancelled (the timer cancelled too)', async () => {
    const clock = new FakeClock(new Date('2026-01-01T00:00:00.000Z'));
    const source = new CancelSource();
    const fired = waitUnlessCancelled(source.signal, (fire) => clock.setTimeout(fire, 1000));
    await clock.advance(1000);
    expect(await fired).toBe(true);
    const cancelled = waitUnlessCancelled(source.signal, (fire) => clock.setTimeout(fire, 1000));
    expect(clock.pendingTimers()).toBe(1);
    source.cancel();
    expect(await cancelled).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('arms nothing when already cancelled', async () => {
    const clock = new FakeClock();
    const source = new CancelSource();
    source.cancel();
    expect(await waitUnlessCancelled(source.signal, (fire) => clock.setTimeout(fire, 1000))).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });
});
