import { describe, expect, it } from 'vitest';
import { ChargePointConfigError } from './callbacks.js';
import { makeStation } from './charge-point.test-kit.js';
import { FakeClock } from '../testing/fake-clock.js';

const actions = (frames: unknown[][]): unknown[] => frames.map((f) => (f[0] === 2 ? f[2] : f[0]));

describe('ChargePoint construction', () => {
  it('names every missing required callback', () => {
    expect(() => makeStation({ callbacks: { isResetAllowed: undefined as never, reset: undefined as never } })).toThrow(ChargePointConfigError);
    expect(() => makeStation({ callbacks: { isResetAllowed: undefined as never, reset: undefined as never } })).toThrow(/isResetAllowed, reset/);
  });
});

describe('B01 BootNotification', () => {
  it('TC_B_01 sends BootNotification PowerUp first and nothing else until Accepted, then StatusNotification for every connector', async () => {
    const { chargePoint, transport, settle, framesFrom, answer, clock, drain } = makeStation();
    chargePoint.start();
    transport.acceptConnection();
    await settle();
    expect(transport.sentFrames()).toEqual([
      [2, 'm1', 'BootNotification', { reason: 'PowerUp', chargingStation: { model: 'SimModel', vendorName: 'evstation', serialNumber: 'SN-0001', firmwareVersion: '0.1.0' } }],
    ]);
    await answer('m1', { currentTime: clock.now().toISOString(), interval: 300, status: 'Accepted' });
    await drain();
    const statuses = framesFrom(1).filter((f) => f[2] === 'StatusNotification').map((f) => f[3]);
    expect(statuses).toEqual([
      { timestamp: clock.now().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 },
      { timestamp: clock.now().toISOString(), connectorStatus: 'Available', evseId: 2, connectorId: 1 },
    ]);
    expect(chargePoint.registrationStatus).toBe('Accepted');
  });

  it('B01 queues StartupOfTheDevice as a critical SecurityEventNotification and delivers it after Accepted', async () => {
    const { chargePoint, boot, transport, settle, answer } = makeStation();
    chargePoint.start();
    await boot();
    // answer both StatusNotifications so the one CALL in flight rule lets the queue drain
    for (const id of ['m2', 'm3']) await answer(id, {});
    await settle();
    const security = transport.sentFrames().find((f) => (f as unknown[])[2] === 'SecurityEventNotification') as unknown[];
    expect(security[3]).toMatchObject({ type: 'StartupOfTheDevice' });
  });

  it('A04: criticality is configurable: StartupOfTheDevice made non-critical is logged, not sent', async () => {
    const { chargePoint, boot, transport, settle, answer, stores } = makeStation({ options: { securityEvents: { criticality: { StartupOfTheDevice: false } } } });
    chargePoint.start();
    await boot();
    for (const id of ['m2', 'm3']) await answer(id, {});
    await settle();
    expect(transport.sentFrames().some((f) => (f as unknown[])[2] === 'SecurityEventNotification')).toBe(false);
    expect(stores.securityLog.list().map((e) => [e.type, e.critical])).toContainEqual(['StartupOfTheDevice', false]);
  });

  it('Part 4 §5.3 sends no BootNotification on a reconnect after Accepted', async () => {
    const { chargePoint, boot, transport, settle } = makeStation();
    chargePoint.start();
    await boot();
    transport.closeLink();
    transport.acceptConnection();
    await settle();
    expect(transport.sentFrames().filter((f) => (f as unknown[])[2] === 'BootNotification')).toHaveLength(1);
  });
});

describe('B02 Pending', () => {
  it('TC_B_02 sends nothing but BootNotification, serves GetVariables, and boots again after the interval', async () => {
    const { chargePoint, boot, transport, settle, clock } = makeStation();
    chargePoint.start();
    await boot('Pending', 20);
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification']);
    transport.deliver([2, 'csms-1', 'GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }]);
    await settle();
    expect(transport.sentFrames()[1]).toEqual([3, 'csms-1', { getVariableResult: [expect.objectContaining({ attributeStatus: 'Accepted' })] }]);
    await clock.advance(19_999);
    expect(transport.sentFrames()).toHaveLength(2);
    await clock.advance(1);
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification', 3, 'BootNotification']);
  });
});

describe('B03 Rejected', () => {
  it('TC_B_30 answers every CSMS request with SecurityError and retries only BootNotification after the interval', async () => {
    const { chargePoint, boot, transport, settle, clock } = makeStation();
    chargePoint.start();
    await boot('Rejected', 60);
    transport.deliver([2, 'csms-1', 'Reset', { type: 'Immediate' }]);
    await settle();
    expect(transport.sentFrames()[1]).toEqual([4, 'csms-1', 'SecurityError', expect.any(String), {}]);
    await clock.advance(60_000);
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification', 4, 'BootNotification']);
  });
});

describe('B03.FR.01 boot interval across a reconnect', () => {
  it('after Rejected, a reconnect waits for the rest of the interval before the next BootNotification', async () => {
    const { chargePoint, boot, transport, settle, clock } = makeStation();
    chargePoint.start();
    await boot('Rejected', 30);
    await clock.advance(5_000);
    transport.closeLink();
    transport.acceptConnection();
    await settle();
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification']);
    await clock.advance(24_999);
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification']);
    await clock.advance(1);
    expect(actions(transport.sentFrames() as unknown[][])).toEqual(['BootNotification', 'BootNotification']);
  });
});

describe('G02 Heartbeat', () => {
  it('sends Heartbeat every HeartbeatInterval from the BootNotification response and stores the interval', async () => {
    const { chargePoint, boot, transport, drain, clock, deviceModel } = makeStation();
    chargePoint.start();
    await boot('Accepted', 120);
    expect(deviceModel.get('OCPPCommCtrlr', 'HeartbeatInterval')).toBe(120);
    await drain();
    const before = transport.sentFrames().length;
    await clock.advance(120_000);
    expect(transport.sentFrames().slice(before)).toEqual([[2, expect.any(String), 'Heartbeat', {}]]);
  });
});

describe('G03/G04 ChangeAvailability', () => {
  it('TC_G_03 makes a connector Inoperative: Accepted, StatusNotification Unavailable, and it survives a restart', async () => {
    const first = makeStation();
    first.chargePoint.start();
    await first.boot();
    await first.drain();
    first.transport.deliver([2, 'csms-1', 'ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 2, connectorId: 1 } }]);
    await first.settle();
    await first.drain();
    expect(first.transport.sentFrames()).toContainEqual([3, 'csms-1', { status: 'Accepted' }]);
    expect(first.transport.sentFrames()).toContainEqual([2, expect.any(String), 'StatusNotification', expect.objectContaining({ connectorStatus: 'Unavailable', evseId: 2, connectorId: 1 })]);
    await first.chargePoint.stop();

    const second = makeStation({ stores: first.stores });
    expect(second.chargePoint.connectorStatus({ evseId: 2, connectorId: 1 })).toBe('Unavailable');
    expect(second.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Available');
  });

  it('rejects an unknown EVSE', async () => {
    const { chargePoint, boot, transport, settle } = makeStation();
    chargePoint.start();
    await boot();
    transport.deliver([2, 'csms-1', 'ChangeAvailability', { operationalStatus: 'Inoperative', evse: { id: 9 } }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'csms-1', { status: 'Rejected' }]);
  });
});

describe('B11 Reset', () => {
  it('TC_B_20 answers Accepted and resets only after the response is sent', async () => {
    const { chargePoint, boot, transport, settle, resets } = makeStation();
    chargePoint.start();
    await boot();
    transport.deliver([2, 'csms-1', 'Reset', { type: 'Immediate' }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'csms-1', { status: 'Accepted' }]);
    expect(resets).toEqual([{ type: 'Immediate' }]);
  });

  it('answers Rejected when the station does not allow the reset', async () => {
    const { chargePoint, boot, transport, settle, resets } = makeStation({ callbacks: { isResetAllowed: () => false } });
    chargePoint.start();
    await boot();
    transport.deliver([2, 'csms-1', 'Reset', { type: 'OnIdle' }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'csms-1', { status: 'Rejected' }]);
    expect(resets).toEqual([]);
  });
});

describe('B07 GetBaseReport', () => {
  it('TC_B_12 answers Accepted and then sends the report in NotifyReport messages with seqNo and tbc', async () => {
    const { chargePoint, boot, transport, settle, answer } = makeStation();
    chargePoint.start();
    await boot();
    for (const f of transport.sentFrames().slice(1)) await answer((f as unknown[])[1] as string, {});
    transport.deliver([2, 'csms-1', 'GetBaseReport', { requestId: 7, reportBase: 'FullInventory' }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'csms-1', { status: 'Accepted' }]);
    const reports: Record<string, unknown>[] = [];
    for (;;) {
      const last = transport.sentFrames().at(-1) as unknown[];
      if (last[2] !== 'NotifyReport') break;
      const payload = last[3] as Record<string, unknown>;
      if (reports.includes(payload)) break;
      reports.push(payload);
      if (payload['tbc'] !== true) break;
      await answer(last[1] as string, {});
    }
    expect(reports.map((r) => r['seqNo'])).toEqual(reports.map((_r, i) => i));
    expect(reports.every((r) => r['requestId'] === 7)).toBe(true);
    expect(reports.at(-1)?.['tbc']).toBeUndefined();
  });
});

describe('B04 offline behaviour', () => {
  it('TC_B_51/52 after a short outage reports only connectors that changed; after a long one reports all', async () => {
    const { chargePoint, boot, transport, settle, drain, clock, deviceModel } = makeStation();
    chargePoint.start();
    await boot();
    await drain();
    const threshold = deviceModel.get('OCPPCommCtrlr', 'OfflineThreshold') ?? 60;
    const statusesSince = (from: number): unknown[] =>
      (transport.sentFrames().slice(from) as unknown[][]).filter((f) => f[2] === 'StatusNotification').map((f) => f[3]);

    transport.closeLink();
    chargePoint.onSessionStarted(1, 1);
    await clock.advance(1000);
    let before = transport.sentFrames().length;
    transport.acceptConnection();
    await settle();
    await drain();
    expect(statusesSince(before)).toEqual([expect.objectContaining({ evseId: 1, connectorStatus: 'Occupied' })]);

    transport.closeLink();
    await clock.advance((threshold + 1) * 1000);
    before = transport.sentFrames().length;
    transport.acceptConnection();
    await settle();
    await drain();
    expect(statusesSince(before)).toEqual([
      expect.objectContaining({ evseId: 1, connectorStatus: 'Occupied' }),
      expect.objectContaining({ evseId: 2, connectorStatus: 'Available' }),
    ]);
  });
});

describe('G05 lock failure', () => {
  it('reports a failed connector lock as NotifyEvent ConnectorPlugRetentionLock.Problem = true', async () => {
    const { chargePoint, boot, drain, transport } = makeStation();
    chargePoint.start();
    await boot();
    await drain();
    chargePoint.onLockFailure(1, 1, 'feedback timeout');
    await drain();
    const notify = (transport.sentFrames() as unknown[][]).find((f) => f[2] === 'NotifyEvent');
    expect(notify?.[3]).toEqual({
      generatedAt: expect.any(String),
      seqNo: 0,
      eventData: [
        {
          eventId: 1,
          timestamp: expect.any(String),
          trigger: 'Delta',
          actualValue: 'true',
          eventNotificationType: 'HardWiredNotification',
          component: { name: 'ConnectorPlugRetentionLock', evse: { id: 1, connectorId: 1 } },
          variable: { name: 'Problem' },
          techInfo: 'feedback timeout',
        },
      ],
    });
  });
});

describe('B10 NetworkConfigurationPriority', () => {
  it('refuses a priority list naming a slot that has no network profile, and accepts one that exists', async () => {
    const { chargePoint, boot, drain, transport, settle } = makeStation();
    chargePoint.start();
    await boot();
    await drain();
    transport.deliver([2, 'c1', 'SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' }] }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'c1', { setVariableResult: [expect.objectContaining({ attributeStatus: 'Rejected' })] }]);
    transport.deliver([
      2,
      'c2',
      'SetNetworkProfile',
      {
        configurationSlot: 2,
        connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'ws://backup.test/ocpp', messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' },
      },
    ]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'c2', { status: 'Accepted' }]);
    transport.deliver([2, 'c3', 'SetVariables', { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: '2,1' }] }]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'c3', { setVariableResult: [expect.objectContaining({ attributeStatus: 'Accepted' })] }]);
  });

  it('TC_B_43 rejects SetNetworkProfile for a slot the station does not have', async () => {
    const { chargePoint, boot, transport, settle } = makeStation();
    chargePoint.start();
    await boot();
    transport.deliver([
      2,
      'c1',
      'SetNetworkProfile',
      {
        configurationSlot: 999,
        connectionData: { ocppVersion: 'OCPP20', ocppTransport: 'JSON', ocppCsmsUrl: 'ws://backup.test/ocpp', messageTimeout: 30, securityProfile: 0, ocppInterface: 'Wired0' },
      },
    ]);
    await settle();
    expect(transport.sentFrames()).toContainEqual([3, 'c1', { status: 'Rejected', statusInfo: expect.objectContaining({ reasonCode: 'InvalidConfSlot' }) }]);
  });
});

describe('A04/E04 durable queue in the ChargePoint', () => {
  it('delivers a critical security event raised offline first after the reconnect, before new StatusNotifications', async () => {
    const { chargePoint, boot, drain, transport, settle, clock } = makeStation();
    chargePoint.start();
    await boot();
    await drain();
    transport.closeLink();
    chargePoint.onSecurityEvent('TamperDetectionActivated', 'cover opened');
    chargePoint.onSessionStarted(2, 1);
    await clock.advance(1000);
    const before = transport.sentFrames().length;
    transport.acceptConnection();
    await settle();
    await drain();
    const after = (transport.sentFrames().slice(before) as unknown[][]).map((f) => f[2]);
    expect(after).toEqual(['SecurityEventNotification', 'StatusNotification']);
  });

  it('keeps a critical event in the store across a restart until the CSMS answers it', async () => {
    const first = makeStation();
    first.chargePoint.start();
    first.chargePoint.onSecurityEvent('TamperDetectionActivated', 'cover opened');
    await first.chargePoint.stop();
    const second = makeStation({ stores: first.stores });
    second.chargePoint.start();
    await second.boot();
    await second.drain();
    const types = (second.transport.sentFrames() as unknown[][]).filter((f) => f[2] === 'SecurityEventNotification').map((f) => (f[3] as { type: string }).type);
    expect(types).toEqual(['StartupOfTheDevice', 'TamperDetectionActivated', 'StartupOfTheDevice']);
    expect(second.stores.messageQueue.count()).toBe(0);
  });
});

describe('E06 final meter reading before a stop', () => {
  it('a refreshMeterValue callback that never answers holds the token stop for 2 s at most, then the last reading is used', async () => {
    const clock = new FakeClock(new Date('2026-03-01T12:00:00.000Z'));
    const asked: number[] = [];
    const { chargePoint, boot, settle, logger } = makeStation({
      clock,
      callbacks: { refreshMeterValue: (evseId) => (asked.push(evseId), new Promise<void>(() => undefined)) },
    });
    chargePoint.start();
    await boot();
    const button = { idToken: '', type: 'NoAuthorization' as const };
    chargePoint.onSessionStarted(1, 1);
    expect((await chargePoint.presentIdToken(button, { evseId: 1 })).outcome).toBe('started');
    let outcome: string | undefined;
    void chargePoint.presentIdToken(button, { evseId: 1 }).then((r) => (outcome = r.outcome));
    await settle();
    expect(asked).toEqual([1]);
    expect(outcome).toBeUndefined();
    await clock.advance(2_000);
    await settle();
    expect(outcome).toBe('stopped');
    expect(chargePoint.activeTransactions()).toEqual([]);
    expect(logger.text()).toContain('refreshMeterValue did not answer in time');
  });
});
