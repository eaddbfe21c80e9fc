import { FakeClock, MemoryLogger } from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { ScriptedModbusLink } from '../testing/scripted-modbus-link.js';
import { ModbusBus } from './modbus-bus.js';
import type { ModbusReadRequest } from './modbus-link.port.js';

const request = (unitId: number): ModbusReadRequest => ({ unitId, fc: 4, address: 0x48, count: 4 });

function makeBus(link = new ScriptedModbusLink()): { bus: ModbusBus; link: ScriptedModbusLink; clock: FakeClock; logger: MemoryLogger } {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const bus = new ModbusBus({ clock, logger, link, name: 'rtu:/dev/test', requestTimeoutMs: 500, backOff: { initialMs: 1000, maxMs: 4000 } });
  return { bus, link, clock, logger };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

describe('ModbusBus (hardware.md 1.3)', () => {
  it('runs the requests of every meter on the bus one at a time, in order', async () => {
    const { bus, link } = makeBus();
    await bus.start();
    const reads = [bus.read(request(1)), bus.read(request(2)), bus.read(request(3))];
    await settle();
    expect(link.pending).toHaveLength(1);
    for (const unit of [1, 2, 3]) {
      expect(link.answer([unit, 0, 0, 0]).unitId).toBe(unit);
      await settle();
    }
    expect(link.maxInFlight).toBe(1);
    expect((await Promise.all(reads)).map((bytes) => bytes[1])).toEqual([1, 2, 3]);
  });

  it('fails a silent request with "timeout" after the configured time on the clock', async () => {
    const { bus, link, clock } = makeBus();
    await bus.start();
    const read = bus.read(request(7));
    await settle();
    await clock.advance(499);
    let outcome: unknown = 'pending';
    read.then(
      () => (outcome = 'answered'),
      (error: unknown) => (outcome = error),
    );
    await settle();
    expect(outcome).toBe('pending');
    await clock.advance(1);
    expect(outcome).toMatchObject({ kind: 'timeout' });
    link.fail({ name: 'TransactionTimedOutError', errno: 'ETIMEDOUT', message: 'Timed out' });
  });

  it('waits for the library to settle a timed-out request before sending the next (no parallel RTU requests)', async () => {
    const { bus, link, clock } = makeBus();
    await bus.start();
    const first = bus.read(request(1)).catch((error: unknown) => error);
    const second = bus.read(request(2));
    await settle();
    await clock.advance(500);
    expect(await first).toMatchObject({ kind: 'timeout' });
    expect(link.pending).toHaveLength(1);
    link.answer([0, 0, 0, 0]); // the late answer to the first request is dropped
    await settle();
    expect(link.answer([2, 0, 0, 0]).unitId).toBe(2);
    await expect(second).resolves.toBeInstanceOf(Uint8Array);
  });

  it('reopens a link that dropped, with back-off doubling up to the maximum', async () => {
    const { bus, link, clock } = makeBus();
    const states: boolean[] = [];
    bus.onConnectionChange((up) => states.push(up));
    await bus.start();
    link.openScript.push('refused', 'refused', 'refused', 'ok');
    link.drop();
    expect(bus.isConnected()).toBe(false);
    await expect(bus.read(request(1))).rejects.toMatchObject({ kind: 'disconnected' });
    const delays: number[] = [];
    while (!bus.isConnected()) delays.push((await clock.runNext()) ?? -1);
    expect(delays).toEqual([1000, 2000, 4000, 4000]);
    expect(states).toEqual([true, false, true]);
    expect(link.opens).toBe(5);
  });

  it('treats a request failing with "link down" as a dropped link', async () => {
    const { bus, link, clock } = makeBus();
    await bus.start();
    const read = bus.read(request(1));
    await settle();
    link.fail({ name: 'PortNotOpenError', message: 'Port Not Open', errno: 'ECONNREFUSED' });
    await expect(read).rejects.toMatchObject({ kind: 'disconnected' });
    expect(bus.isConnected()).toBe(false);
    await clock.runNext();
    expect(bus.isConnected()).toBe(true);
  });

  it('resets a link whose request never settles instead of blocking the bus for good', async () => {
    const { bus, link, clock, logger } = makeBus();
    const closesBefore = link.closes;
    await bus.start();
    const stuck = bus.read(request(1)).catch((error: unknown) => error);
    await settle();
    await clock.advance(1000);
    expect(await stuck).toMatchObject({ kind: 'timeout' });
    expect(bus.isConnected()).toBe(false);
    expect(logger.text()).toContain('a request never settled');
    expect(link.closes).toBeGreaterThan(closesBefore);
    await clock.runNext();
    expect(bus.isConnected()).toBe(true);
  });

  it('keeps retrying when the first open fails, and stop() ends the retries', async () => {
    const { bus, link, clock } = makeBus();
    link.openScript.push('refused');
    expect(await bus.start()).toBe(false);
    expect(clock.pendingTimers()).toBe(1);
    await bus.stop();
    expect(clock.pendingTimers()).toBe(0);
    await expect(bus.read(request(1))).rejects.toMatchObject({ kind: 'disconnected' });
  });
});
