import type { FrameRecord } from '@evstation/core';
import { describe, expect, it } from 'vitest';
import { simulatedHardwareModule } from './modules/simulated-hardware.module.js';
import { observerModule } from './modules/station.module.js';
import { FakeCsmsPeer } from './testing/fake-csms-peer.js';
import { testApp, testStationSettings } from './testing/sim-station-fixture.js';
import { TOKENS } from './tokens.js';

/** A booted simulated station on the fake clock, with the peer answering as the CSMS. */
async function bootedStation(identity = 'CS-WIRING-1') {
  const test = testApp();
  const frames: FrameRecord[] = [];
  const connections: boolean[] = [];
  const container = test.stationContainer([
    ...test.simulatedStationModules(testStationSettings(identity)),
    observerModule({ ocppMessages: (record) => frames.push(record), connectionStateChanged: (connected) => connections.push(connected) }),
  ]);
  const station = container.get(TOKENS.SimulatedStation);
  const csms = new FakeCsmsPeer(test.clock, test.transports);
  await station.host.start();
  await csms.run(1000);
  return { ...test, station, csms, frames, connections };
}

describe('StationHost: a simulated station resolved from its container', () => {
  it('B01: boots with reason PowerUp, reports both connectors Available, and the observer sees every frame', async () => {
    const { station, csms, frames, connections } = await bootedStation();
    expect(station.host.state).toBe('running');
    expect(csms.callsOf('BootNotification')).toMatchObject([{ reason: 'PowerUp', chargingStation: { model: 'WiringSim', vendorName: 'evstation' } }]);
    expect(csms.callsOf('StatusNotification').map((s) => [s['evseId'], s['connectorStatus']])).toEqual([
      [1, 'Available'],
      [2, 'Available'],
    ]);
    // Every CALL the CSMS saw went past the observer, in order, and so did each answer.
    const sentCalls = frames.filter((f) => f.direction === 'out').map((f) => JSON.parse(f.text) as unknown[]);
    expect(sentCalls.map((frame) => [frame[0], frame[2]])).toEqual(csms.calls.map((call) => [2, call.action]));
    expect(frames.filter((f) => f.direction === 'in')).toHaveLength(csms.calls.length);
    expect(connections).toEqual([true]);
    await station.host.stop();
    expect(station.host.state).toBe('off');
  });

  it('E01-E10: plug, token, charge, unplug through the simulated hardware gives Authorize and Started/Updated/Ended', async () => {
    const { station, csms } = await bootedStation();
    const evse = station.evses[0]!;
    evse.command({ type: 'plug-in' });
    await csms.run(500);
    evse.command({ type: 'present-token', idToken: 'aa11bb22' });
    await csms.run(5_000);
    expect(evse.snapshot()).toMatchObject({ relayClosed: true, lock: 'locked' });
    expect(csms.callsOf('Authorize')).toMatchObject([{ idToken: { idToken: 'AA11BB22', type: 'ISO14443' } }]);
    await csms.run(60_000);
    evse.command({ type: 'unplug' });
    await csms.run(2_000);
    const events = csms.callsOf('TransactionEvent');
    expect(events[0]).toMatchObject({ eventType: 'Started', evse: { id: 1 } });
    expect(events.some((e) => e['eventType'] === 'Updated')).toBe(true);
    expect(events.at(-1)).toMatchObject({ eventType: 'Ended' });
    expect(new Set(events.map((e) => (e['transactionInfo'] as { transactionId: string }).transactionId)).size).toBe(1);
    await station.host.stop();
  });

  it('power cycle: the station boots again on the same stores, ends the open transaction with PowerLoss, and the EV is still plugged in', async () => {
    const { station, csms, transports } = await bootedStation();
    const evse = station.evses[0]!;
    evse.command({ type: 'plug-in' });
    evse.command({ type: 'present-token', idToken: 'AA11BB22' });
    await csms.run(5_000);
    const started = csms.callsOf('TransactionEvent')[0];
    expect(started).toMatchObject({ eventType: 'Started' });
    await station.host.powerCycle();
    await csms.run(3_000);
    expect(transports).toHaveLength(2);
    expect(csms.calls.filter((c) => c.action === 'BootNotification').map((c) => [c.boot, c.payload['reason']])).toEqual([
      [0, 'PowerUp'],
      [1, 'PowerUp'],
    ]);
    const ended = csms.calls.find((c) => c.boot === 1 && c.action === 'TransactionEvent' && c.payload['eventType'] === 'Ended')?.payload;
    expect(ended).toMatchObject({ transactionInfo: { transactionId: (started?.['transactionInfo'] as { transactionId: string }).transactionId, stoppedReason: 'PowerLoss' } });
    expect(csms.calls.find((c) => c.boot === 1 && c.action === 'StatusNotification' && c.payload['evseId'] === 1)?.payload).toMatchObject({ connectorStatus: 'Occupied' });
    await station.host.stop();
  });

  it('B11: a Reset from the CSMS restarts the station in-process with boot reason RemoteReset; an EVSE reset is Rejected', async () => {
    const { station, csms, transports } = await bootedStation();
    transports[0]!.deliver([2, 'reset-evse', 'Reset', { type: 'Immediate', evseId: 1 }]);
    await csms.run(100);
    expect(transports[0]!.sentFrames()).toContainEqual([3, 'reset-evse', expect.objectContaining({ status: 'Rejected' })]);
    transports[0]!.deliver([2, 'reset-1', 'Reset', { type: 'Immediate' }]);
    await csms.run(3_000);
    expect(transports[0]!.sentFrames()).toContainEqual([3, 'reset-1', { status: 'Accepted' }]);
    expect(csms.calls.filter((c) => c.action === 'BootNotification').map((c) => c.payload['reason'])).toEqual(['PowerUp', 'RemoteReset']);
    expect(station.host.state).toBe('running');
    await station.host.stop();
  });

  it('several stations in one process: each child container has its own host, EVSEs and stores; the clock is shared', async () => {
    const test = testApp();
    const first = test.stationContainer(test.simulatedStationModules(testStationSettings('CS-A')));
    const second = test.stationContainer(test.simulatedStationModules(testStationSettings('CS-B')));
    const a = first.get(TOKENS.SimulatedStation);
    const b = second.get(TOKENS.SimulatedStation);
    expect(a.host).not.toBe(b.host);
    expect(a.evses[0]).not.toBe(b.evses[0]);
    expect(first.get(TOKENS.StoresFactory)()).not.toBe(second.get(TOKENS.StoresFactory)());
    expect(first.get(TOKENS.Clock)).toBe(second.get(TOKENS.Clock));
    const csms = new FakeCsmsPeer(test.clock, test.transports);
    await Promise.all([a.host.start(), b.host.start()]);
    await csms.run(1000);
    expect(test.transports.map((t) => t.options?.identity)).toEqual(['CS-A', 'CS-B']);
    expect(csms.callsOf('BootNotification')).toHaveLength(2);
    a.evses[0]!.command({ type: 'plug-in' });
    await csms.run(500);
    expect(a.host.running?.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Occupied');
    expect(b.host.running?.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Available');
    await Promise.all([a.host.stop(), b.host.stop()]);
  });

  it('a station whose layout and hardware disagree is refused at resolution, naming both EVSE lists', () => {
    const test = testApp();
    const settings = testStationSettings('CS-BAD', 3);
    const container = test.stationContainer(test.simulatedStationModules(settings, { hardware: simulatedHardwareModule({ evses: 2 }) }));
    expect(() => container.get(TOKENS.StationHost)).toThrow('station CS-BAD: the layout has EVSEs [1, 2, 3] but the hardware has EVSEs [1, 2]');
  });
});
