import type { PresentedToken } from '@evstation/core';
import { FakeClock, runUntilSettled, silentLogger } from '@evstation/core/testing';
import { describe, expect, it } from 'vitest';
import { SimulatedEvse } from './simulated-evse.js';

async function makeEvse(): Promise<{ clock: FakeClock; evse: SimulatedEvse }> {
  const clock = new FakeClock();
  const evse = new SimulatedEvse({ clock, logger: silentLogger, evseId: 1 });
  await evse.start();
  return { clock, evse };
}

describe('SimulatedEvse, scripted by control-API commands (DESIGN 7)', () => {
  it('runs a session from JSON commands: plug-in, token, lock, charge, meter', async () => {
    const { clock, evse } = await makeEvse();
    const tokens: PresentedToken[] = [];
    evse.tokenReader.onToken((token) => tokens.push(token));
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: 'deadbeef' });
    expect(tokens).toMatchObject([{ idToken: 'DEADBEEF', type: 'ISO14443', readerId: 'evse-1' }]);
    expect(await runUntilSettled(clock, evse.lock.lock())).toEqual({ ok: true, state: 'locked' });
    await evse.controller.allowEnergy(true);
    await clock.advance(3_600_000);
    expect(evse.snapshot()).toMatchObject({ plugged: true, cp: 'C', relayClosed: true, lock: 'locked', powerW: 11_040 });
    expect(evse.snapshot().energyImportWh).toBeCloseTo(11_040, 6);
  });

  it('G05 the lock refuses to unlock while the simulated contactor is closed', async () => {
    const { clock, evse } = await makeEvse();
    evse.command({ type: 'plug-in' });
    await runUntilSettled(clock, evse.lock.lock());
    await evse.controller.allowEnergy(true);
    expect(await runUntilSettled(clock, evse.lock.unlock())).toMatchObject({ ok: false, reason: 'ContactorClosed' });
  });

  it('E09/E10 an unplug at the EV side leaves the cable in the socket (PP still read) until it is taken out there too', async () => {
    const clock = new FakeClock();
    const evse = new SimulatedEvse({ clock, logger: silentLogger, evseId: 1, cableRatingA: 32 });
    await evse.start();
    evse.command({ type: 'plug-in' });
    expect(evse.controller.status()).toMatchObject({ cp: 'C', cableRatingA: 32 });
    evse.command({ type: 'unplug', side: 'ev' });
    expect(evse.controller.status()).toMatchObject({ cp: 'A', cableRatingA: 32 });
    evse.command({ type: 'unplug' });
    expect(evse.controller.status()).toMatchObject({ cp: 'A', cableRatingA: null });
    // The default unplug takes the cable out at both ends at once.
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'unplug' });
    expect(evse.controller.status()).toMatchObject({ cp: 'A', cableRatingA: null });
  });

  it('injects controller, lock and meter faults, and EV behaviour', async () => {
    const { clock, evse } = await makeEvse();
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'ev', suspended: true, options: { socPercent: 80 } });
    expect(evse.snapshot()).toMatchObject({ suspended: true, cp: 'B', socPercent: 80 });
    evse.command({ type: 'controller-fault', fault: 'OverTemperature', active: true });
    expect(evse.snapshot().faults).toEqual(['OverTemperature']);
    evse.command({ type: 'lock-fault', fault: 'jam' });
    expect(await runUntilSettled(clock, evse.lock.lock())).toMatchObject({ ok: false, reason: 'FeedbackTimeout' });
    evse.command({ type: 'meter-fault', kind: 'timeout' });
    expect(await evse.meter.read()).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    evse.command({ type: 'meter-fault', kind: null });
    expect((await evse.meter.read()).ok).toBe(true);
  });
});
