import type { ChargeControllerEvent } from '@evstation/core';
import { MemoryLogger } from '@evstation/core/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SerialportStream } from '../serial/serialport-stream.js';
import { SystemClock } from '../system/system-clock.js';
import { compileFakeOpenEvse, FakeOpenEvseProcess, removeCompiled } from '../testing/child-peer.js';
import { openPtyPair, requireSocat, type PtyPair } from '../testing/socat-pty-pair.js';
import { RapiChargeController } from './rapi-charge-controller.js';

let compiled = '';
let linkDir = '';
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  requireSocat();
  compiled = await compileFakeOpenEvse();
  linkDir = await mkdtemp(join(tmpdir(), 'rapi-pty-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  if (compiled !== '') await removeCompiled(compiled);
  if (linkDir !== '') await rm(linkDir, { recursive: true, force: true });
});

/** Resolves with the first event the predicate accepts (tests wait on events, never on timers). */
function nextEvent(controller: RapiChargeController, accept: (event: ChargeControllerEvent) => boolean): Promise<ChargeControllerEvent> {
  return new Promise((resolve) => {
    const unsubscribe = controller.onEvent((event) => {
      if (!accept(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}

async function startPair(): Promise<PtyPair> {
  const pair = await openPtyPair({ a: join(linkDir, 'station'), b: join(linkDir, 'evse') });
  cleanups.push(() => pair.stop());
  return pair;
}

async function startPeer(pair: PtyPair): Promise<FakeOpenEvseProcess> {
  const peer = await FakeOpenEvseProcess.start(compiled, pair.b);
  cleanups.push(() => peer.kill());
  return peer;
}

async function makeRig(): Promise<{ pair: PtyPair; peer: FakeOpenEvseProcess; controller: RapiChargeController; logger: MemoryLogger }> {
  const logger = new MemoryLogger();
  const pair = await startPair();
  const peer = await startPeer(pair);
  const controller = new RapiChargeController({
    clock: new SystemClock(),
    logger,
    stream: new SerialportStream({ path: pair.a, baudRate: 115200 }),
    pollIntervalMs: 100,
    commandTimeoutMs: 300,
    reopenBackOff: { initialMs: 100, maxMs: 200 },
  });
  cleanups.push(() => controller.stop());
  await controller.start();
  return { pair, peer, controller, logger };
}

describe('RapiChargeController against a fake OpenEVSE process over a socat pty pair (hardware.md 2.2, 7)', () => {
  it('charges through a real pty: plug-in, request, permission, contactor closed', async () => {
    const { peer, controller } = await makeRig();
    const plugged = nextEvent(controller, (e) => e.kind === 'cp' && e.state === 'B');
    await peer.command('plug');
    await plugged;
    const closed = nextEvent(controller, (e) => e.kind === 'relay' && e.closed);
    await peer.command('charge on');
    expect(await controller.setCurrentLimit(16)).toBe(16);
    await controller.allowEnergy(true);
    await closed;
    expect(controller.status()).toMatchObject({ cp: 'C', relayClosed: true, offeredCurrentA: 16 });
  });

  it('declares LinkLost when the device process dies (a dead peer is silent), and recovers when a device answers again', async () => {
    const { pair, peer, controller, logger } = await makeRig();
    const lost = nextEvent(controller, (e) => e.kind === 'fault' && e.fault === 'LinkLost' && e.active);
    await peer.kill();
    await lost;
    expect(logger.entries.find((e) => e.message === 'Controller link lost')?.fields['reason']).toMatch(/no reply to 3 polls/);
    expect(controller.status().linkUp).toBe(false);
    const back = nextEvent(controller, (e) => e.kind === 'link' && e.up);
    await startPeer(pair);
    await back;
    expect(controller.status().activeFaults).toEqual([]);
  });

  it('notices EIO when socat is killed (USB adapter pulled) and reopens the device once it is back', async () => {
    const { pair, controller, logger } = await makeRig();
    const lost = nextEvent(controller, (e) => e.kind === 'link' && !e.up);
    await pair.stop();
    await lost;
    expect(controller.status().activeFaults).toContain('LinkLost');
    const reason = logger.entries.find((e) => e.message === 'Controller link lost')?.fields['reason'];
    expect(reason).not.toMatch(/no reply/);
    const back = nextEvent(controller, (e) => e.kind === 'link' && e.up);
    const replugged = await startPair();
    await startPeer(replugged);
    await back;
    expect(controller.status()).toMatchObject({ linkUp: true, energyAllowed: false });
  });
});
