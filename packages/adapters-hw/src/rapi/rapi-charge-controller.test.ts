import { chargeControllerContract, FakeClock, MemoryLogger, silentLogger } from '@evstation/core/testing';
import type { ChargeControllerEvent } from '@evstation/core';
import { afterEach, describe, expect, it } from 'vitest';
import { flushIo } from '../testing/flush-io.js';
import { MockOpenEvse } from '../testing/mock-openevse.js';
import { SerialportStream } from '../serial/serialport-stream.js';
import { RapiChargeController } from './rapi-charge-controller.js';

const POLL_MS = 1000;
const mocks: MockOpenEvse[] = [];

function makeRig(logger = silentLogger): { mock: MockOpenEvse; clock: FakeClock; controller: RapiChargeController; events: ChargeControllerEvent[] } {
  const mock = new MockOpenEvse();
  mocks.push(mock);
  const clock = new FakeClock();
  const controller = new RapiChargeController({ clock, logger, stream: mock.stream, pollIntervalMs: POLL_MS, commandTimeoutMs: 500 });
  const events: ChargeControllerEvent[] = [];
  controller.onEvent((event) => events.push(event));
  return { mock, clock, controller, events };
}

/** One poll cycle: I/O settles, the poll fires, its reply arrives. */
async function pollCycle(clock: FakeClock): Promise<void> {
  await flushIo();
  await clock.advance(POLL_MS);
  await flushIo();
}

afterEach(() => {
  for (const mock of mocks.splice(0)) mock.dispose();
});

chargeControllerContract('RapiChargeController against a fake OpenEVSE on @serialport/binding-mock', () => {
  const { mock, clock, controller } = makeRig();
  return {
    controller,
    ev: {
      plugIn: () => mock.device.plugIn(),
      requestCharge: (requesting) => mock.device.requestCharge(requesting),
      unplug: () => mock.device.unplug(),
    },
    settle: () => pollCycle(clock),
  };
});

describe('RapiChargeController (hardware.md 2.2, 5.2)', () => {
  it('starts with the volatile current command and the auth lock, never writing EEPROM', async () => {
    const { mock, controller } = makeRig();
    await controller.start();
    await controller.setCurrentLimit(20);
    const commands = mock.device.received.map((line) => line.split(/[ ^]/)[0]);
    expect(commands.slice(0, 4)).toEqual(['$GV', '$GC', '$S4', '$GS']);
    expect(mock.device.received.find((line) => line.startsWith('$SC'))).toMatch(/^\$SC 20 V :/);
    expect(mock.device.authLocked).toBe(true);
    await controller.stop();
  });

  it('takes state changes from $AT notifications without waiting for the next poll', async () => {
    const { mock, controller, events } = makeRig();
    await controller.start();
    mock.device.plugIn();
    await flushIo();
    expect(events).toContainEqual({ kind: 'cp', state: 'B', previous: 'A' });
    await controller.stop();
  });

  it('polls $GS as keep-alive and declares LinkLost after 3 unanswered polls, then recovers (a dead peer is silent)', async () => {
    const logger = new MemoryLogger();
    const { mock, clock, controller, events } = makeRig(logger);
    await controller.start();
    mock.device.silent = true;
    for (let i = 0; i < 3; i += 1) {
      await pollCycle(clock);
      await clock.advance(500);
    }
    expect(events).toContainEqual({ kind: 'link', up: false });
    expect(controller.status()).toMatchObject({ linkUp: false, activeFaults: ['LinkLost'] });
    expect(mock.device.received.filter((line) => line.startsWith('$GS')).length).toBeGreaterThanOrEqual(4);
    mock.device.silent = false;
    await pollCycle(clock);
    expect(controller.status()).toMatchObject({ linkUp: true, activeFaults: [] });
    expect(events).toContainEqual({ kind: 'fault', fault: 'LinkLost', active: false });
    await controller.stop();
  });

  it('reopens the port after EIO with back-off and restores current, permission and availability', async () => {
    const { mock, clock, controller, events } = makeRig();
    await controller.start();
    expect(await controller.setCurrentLimit(20)).toBe(20);
    await controller.allowEnergy(true);
    mock.unplug();
    await pollCycle(clock);
    expect(events).toContainEqual({ kind: 'link', up: false });
    expect(controller.status().activeFaults).toContain('LinkLost');
    await expect(controller.setCurrentLimit(16)).rejects.toMatchObject({ kind: 'link-down' });
    expect(await clock.runNext()).toBe(1000);
    await flushIo();
    expect(await clock.runNext()).toBe(2000);
    await flushIo();
    mock.device.reboot(); // the board restarted while it was away: volatile settings are gone
    mock.replug();
    expect(await clock.runNext()).toBe(4000);
    await flushIo(40);
    expect(controller.status()).toMatchObject({ linkUp: true, activeFaults: [], energyAllowed: true });
    expect(mock.device.currentA).toBe(20);
    expect(mock.device.authLocked).toBe(false);
    await controller.stop();
  });

  it('reports an RCD trip and a welded relay as fault events, and their clearing', async () => {
    const { mock, controller, events } = makeRig();
    await controller.start();
    mock.device.setFault(0x06);
    await flushIo();
    expect(events).toContainEqual({ kind: 'fault', fault: 'RcdTripped', active: true });
    mock.device.setFault(0x08);
    await flushIo();
    expect(events).toContainEqual({ kind: 'fault', fault: 'RelayWelded', active: true });
    mock.device.setFault(undefined);
    await flushIo();
    expect(controller.status().activeFaults).toEqual([]);
    await controller.stop();
  });

  it('restores its volatile settings when the board announces a reboot ($AB)', async () => {
    const { mock, controller } = makeRig();
    await controller.start();
    await controller.setCurrentLimit(12);
    mock.device.reboot();
    await flushIo(40);
    expect(mock.device.currentA).toBe(12);
    expect(mock.device.authLocked).toBe(true);
    await controller.stop();
  });

  it('fails start() with an error naming the device when it does not exist', async () => {
    const clock = new FakeClock();
    const stream = new SerialportStream({ path: '/dev/NO_SUCH_EVSE', baudRate: 115200, binding: 'mock' });
    const controller = new RapiChargeController({ clock, logger: silentLogger, stream });
    await expect(controller.start()).rejects.toThrow(/\/dev\/NO_SUCH_EVSE/);
  });
});
