import { afterEach, describe, expect, it } from 'vitest';
import { openPtyPair, requireSocat, SOCAT_REQUIRED } from './socat-pty-pair.js';

describe('socat pty pairs for serial tests (hardware.md 2.2)', () => {
  const savedPath = process.env['PATH'];
  afterEach(() => {
    process.env['PATH'] = savedPath;
  });

  it('fails with "socat is required: apt-get install -y socat" when socat is missing (never a silent skip)', async () => {
    process.env['PATH'] = '/nonexistent';
    expect(() => requireSocat()).toThrow(SOCAT_REQUIRED);
    await expect(openPtyPair()).rejects.toThrow('socat is required: apt-get install -y socat');
  });

  it('opens two connected pseudo-terminals and stops socat', async () => {
    const pair = await openPtyPair();
    expect(pair.a).toMatch(/^\/dev\/pts\/\d+$/);
    expect(pair.b).not.toBe(pair.a);
    await pair.stop();
  });
});
