import { afterEach, describe, expect, it } from 'vitest';
import { StrictCsms } from '../support/strict-csms.js';
import { startStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { sortedStatusNotifications, stationActions, stationCalls, waitForCalls, waitUntil } from '../support/ocpp-frames.js';

const action = (f: unknown): unknown => (Array.isArray(f) && f[0] === 2 ? f[2] : undefined);

describe('Block B registration against a strict CSMS (SQLite on a file)', () => {
  let csms: StrictCsms | undefined;
  let station: RunningStation | undefined;
  let db: { path: string; dispose: () => void } | undefined;

  afterEach(async () => {
    await station?.stop();
    await csms?.close();
    db?.dispose();
    station = undefined;
  });

  it('TC_B_01_CS Cold boot Accepted: BootNotification PowerUp, then StatusNotification Available for every connector', async () => {
    csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 300, status: 'Accepted' }),
        StatusNotification: () => ({}),
        SecurityEventNotification: () => ({}),
      },
    });
    db = tempDatabase();
    station = startStation({ csmsUrl: csms.url, dbPath: db.path });
    await csms.waitForFrame((f) => action(f) === 'StatusNotification' && (f as unknown[])[3] !== undefined && ((f as { 3: { evseId: number } })[3].evseId === 2));
    const frames = csms.framesFromStations();
    expect(action(frames[0])).toBe('BootNotification');
    expect((frames[0] as unknown[])[3]).toMatchObject({ reason: 'PowerUp', chargingStation: { model: 'ConformanceSim', vendorName: 'evstation' } });
    const statuses = frames.filter((f) => action(f) === 'StatusNotification').map((f) => (f as unknown[])[3]);
    expect(statuses).toEqual([
      expect.objectContaining({ connectorStatus: 'Available', evseId: 1, connectorId: 1 }),
      expect.objectContaining({ connectorStatus: 'Available', evseId: 2, connectorId: 1 }),
    ]);
    await csms.waitForFrame((f) => action(f) === 'SecurityEventNotification');
    expect(csms.violations).toEqual([]);
    expect(station.chargePoint.registrationStatus).toBe('Accepted');
  });

  it('TC_B_02_CS Cold boot Pending: nothing but BootNotification until Accepted; GetVariables served while Pending', async () => {
    let boots = 0;
    csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 1, status: ++boots === 1 ? 'Pending' : 'Accepted' }),
        StatusNotification: () => ({}),
        SecurityEventNotification: () => ({}),
      },
    });
    db = tempDatabase();
    station = startStation({ csmsUrl: csms.url, dbPath: db.path });
    const client = await csms.nextClient(true);
    const running = station;
    await waitUntil(() => running.chargePoint.registrationStatus === 'Pending', 'registration status Pending');
    await expect(client.call('GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'OfflineThreshold' } }] })).resolves.toMatchObject({
      getVariableResult: [{ attributeStatus: 'Accepted' }],
    });
    await csms.waitForFrame((f) => action(f) === 'StatusNotification');
    const calls = csms.framesFromStations().map(action).filter((a) => a !== undefined);
    expect(calls.slice(0, 2)).toEqual(['BootNotification', 'BootNotification']);
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_03_CS Cold Boot Charging Station - Rejected: only BootNotification, again after interval, then Accepted', async () => {
    const answeredAt: number[] = [];
    const receivedAt: number[] = [];
    csms = await StrictCsms.start({
      handlers: {
        BootNotification: () => {
          receivedAt.push(Date.now());
          const status = receivedAt.length === 1 ? 'Rejected' : 'Accepted';
          answeredAt.push(Date.now());
          return { currentTime: new Date().toISOString(), interval: 1, status };
        },
        StatusNotification: () => ({}),
        SecurityEventNotification: () => ({}),
      },
    });
    db = tempDatabase();
    station = startStation({ csmsUrl: csms.url, dbPath: db.path });
    await waitForCalls(csms, 'StatusNotification', 2);
    const actions = stationActions(csms);
    expect(actions.slice(0, 2)).toEqual(['BootNotification', 'BootNotification']);
    expect(stationCalls(csms, 'BootNotification')).toHaveLength(2);
    // B03.FR.01: not before the interval of the Rejected answer (1 s; a little slack for timer rounding).
    expect(receivedAt[1]! - answeredAt[0]!).toBeGreaterThanOrEqual(950);
    expect(sortedStatusNotifications(csms)).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Available' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Available' },
    ]);
    expect(station.chargePoint.registrationStatus).toBe('Accepted');
    expect(csms.violations).toEqual([]);
  });

  it('TC_B_30_CS Rejected: every CSMS request gets SecurityError and only BootNotification is sent', async () => {
    csms = await StrictCsms.start({
      handlers: { BootNotification: () => ({ currentTime: new Date().toISOString(), interval: 30, status: 'Rejected' }) },
    });
    db = tempDatabase();
    station = startStation({ csmsUrl: csms.url, dbPath: db.path });
    const client = await csms.nextClient(true);
    const running = station;
    await waitUntil(() => running.chargePoint.registrationStatus === 'Rejected', 'registration status Rejected');
    await expect(client.call('Reset', { type: 'Immediate' })).rejects.toMatchObject({ rpcErrorCode: 'SecurityError' });
    expect(csms.framesFromStations().map(action).filter((a) => a !== undefined)).toEqual(['BootNotification']);
  });
});
