import type { PresentedToken } from '@evstation/core';
import { FakeClock, MemoryLogger, silentLogger, tokenReaderContract } from '@evstation/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { SystemClock } from '../system/system-clock.js';
import type { SerialStreamPort } from '../serial/serial-stream.port.js';
import { SerialportStream } from '../serial/serialport-stream.js';
import { openPtyPair, type PtyPair } from '../testing/socat-pty-pair.js';
import { parseTokenLine, SerialLineTokenReader } from './serial-line-token-reader.js';

/** A serial line the test plays the device side of: data is delivered at once while open; opens can be made to fail. */
class ScriptedSerialLine implements SerialStreamPort {
  isOpen = false;
  failOpens = 0;
  opens = 0;
  private readonly data: ((text: string) => void)[] = [];
  private readonly lost: ((reason: string) => void)[] = [];

  open(): Promise<void> {
    this.opens += 1;
    if (this.failOpens > 0) {
      this.failOpens -= 1;
      return Promise.reject(new Error('cannot open serial device /dev/ttyREADER: ENOENT'));
    }
    this.isOpen = true;
    return Promise.resolve();
  }

  write(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.isOpen = false;
    return Promise.resolve();
  }

  onData(listener: (text: string) => void): void {
    this.data.push(listener);
  }

  onLost(listener: (reason: string) => void): void {
    this.lost.push(listener);
  }

  /** Device side: bytes arrive (dropped while the line is closed, as on a real port). */
  emit(text: string): void {
    if (this.isOpen) for (const listener of this.data) listener(text);
  }

  /** Device side: the USB adapter is pulled. */
  pull(): void {
    this.isOpen = false;
    for (const listener of this.lost) listener('/dev/ttyREADER: EIO');
  }
}

tokenReaderContract('SerialLineTokenReader on a scripted serial line', () => {
  const line = new ScriptedSerialLine();
  const reader = new SerialLineTokenReader({ clock: new FakeClock(), logger: silentLogger, stream: line });
  return { reader, present: (idToken, type) => line.emit(type === 'ISO14443' ? `${idToken}\r\n` : `${type}:${idToken}\r\n`) };
});

describe('SerialLineTokenReader line format (C01)', () => {
  it('reads a card UID line as ISO14443 and `<type>:<idToken>` as that type; noise is no token', () => {
    expect(parseTokenLine('04a1b2c3')).toEqual({ idToken: '04A1B2C3', type: 'ISO14443' });
    expect(parseTokenLine('KeyCode:1234')).toEqual({ idToken: '1234', type: 'KeyCode' });
    expect(parseTokenLine('ISO15693:e0040150')).toEqual({ idToken: 'E0040150', type: 'ISO15693' });
    expect(parseTokenLine('x'.repeat(37))).toBeUndefined();
    expect(parseTokenLine('KeyCode:')).toBeUndefined();
    expect(parseTokenLine('bad uid')).toBeUndefined();
  });

  it('joins a UID split over two chunks, strips STX/ETX framing, and drops an over-long line without a newline', async () => {
    const line = new ScriptedSerialLine();
    const reader = new SerialLineTokenReader({ clock: new FakeClock(), logger: silentLogger, stream: line });
    const seen: PresentedToken[] = [];
    reader.onToken((token) => seen.push(token));
    await reader.start();
    line.emit('\x0204A1');
    line.emit('B2C3\x03\n');
    line.emit('F'.repeat(200));
    line.emit('\nAABB\n');
    expect(seen.map((t) => t.idToken)).toEqual(['04A1B2C3', 'AABB']);
  });

  it('keeps trying to open a reader that is not there yet, and reopens one that went away', async () => {
    const clock = new FakeClock();
    const logger = new MemoryLogger();
    const line = new ScriptedSerialLine();
    line.failOpens = 1;
    const reader = new SerialLineTokenReader({ clock, logger, stream: line, reopenDelayMs: 1000 });
    const seen: PresentedToken[] = [];
    reader.onToken((token) => seen.push(token));
    await reader.start();
    expect(line.isOpen).toBe(false);
    await clock.advance(1000);
    expect(line.isOpen).toBe(true);
    line.pull();
    await clock.advance(1000);
    expect(line.opens).toBe(3);
    line.emit('CAFE\n');
    expect(seen.map((t) => t.idToken)).toEqual(['CAFE']);
    expect(logger.text()).toContain('Token reader line lost');
    await reader.stop();
  });
});

describe('SerialLineTokenReader over a real serial line (socat pty pair)', () => {
  let pair: PtyPair | undefined;
  const streams: SerialportStream[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) await stream.close();
    await pair?.stop();
    pair = undefined;
  });

  it('C01: a UID the reader prints on its serial line reaches the station as a token', async () => {
    pair = await openPtyPair();
    const reader = new SerialLineTokenReader({ clock: new SystemClock(), logger: silentLogger, stream: new SerialportStream({ path: pair.a, baudRate: 9600 }) });
    const device = new SerialportStream({ path: pair.b, baudRate: 9600 });
    streams.push(device);
    const token = new Promise<PresentedToken>((resolve) => reader.onToken(resolve));
    await reader.start();
    await device.open();
    await device.write('04a1b2c3d4e5f6\r\n');
    expect(await token).toMatchObject({ idToken: '04A1B2C3D4E5F6', type: 'ISO14443' });
    await reader.stop();
  });
});
