import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StrictCsms, type CsmsClient } from '../support/strict-csms.js';
import { startBootedStation, tempDatabase, type RunningStation } from '../support/station-harness.js';
import { acceptingHandlers, flushStation, sortedStatusNotifications, stationCalls, statusNotifications, waitForCalls, waitUntil } from '../support/ocpp-frames.js';

/*
 * Block G Availability, the OCTT cases that apply without transactions (Part 6 names). Every case starts from
 * the general preconditions: booted, Accepted, both connectors Available. TC_G_11_CS (EVSE), TC_G_14_CS (station)
 * and TC_G_17_CS (connector) "With ongoing transaction" are in tc-g-transactions.test.ts.
 */

type Scope = { evse?: { id: number; connectorId?: number } };
const wholeStation: Scope = {};
const evse1: Scope = { evse: { id: 1 } };
const connector11: Scope = { evse: { id: 1, connectorId: 1 } };

describe('Block G availability against a strict CSMS (SQLite file)', () => {
  let csms: StrictCsms;
  let db: { path: string; dispose: () => void };
  let station: RunningStation;
  let client: CsmsClient;

  beforeEach(async () => {
    csms = await StrictCsms.start({ handlers: acceptingHandlers() });
    db = tempDatabase();
    ({ station, client } = await startBootedStation(csms, { dbPath: db.path }));
  });

  afterEach(async () => {
    await station.stop();
    await csms.close();
    db.dispose();
  });

  /** Sends ChangeAvailability and returns the status the station answered. */
  async function changeAvailability(operationalStatus: 'Operative' | 'Inoperative', scope: Scope): Promise<string> {
    const answer = (await client.call('ChangeAvailability', { operationalStatus, ...scope })) as { status: string };
    return answer.status;
  }

  /** Brings a scope to Inoperative (a case's precondition) and waits for the station to report it. */
  async function makeInoperative(scope: Scope, connectors: number): Promise<void> {
    const since = csms.ledger.length;
    expect(await changeAvailability('Inoperative', scope)).toBe('Accepted');
    await waitForCalls(csms, 'StatusNotification', connectors, since);
    await flushStation(csms, client);
  }

  /** ChangeAvailability, then every StatusNotification it caused (flushed, so absent ones are known absent). */
  async function changeAndCollect(operationalStatus: 'Operative' | 'Inoperative', scope: Scope) {
    const since = csms.ledger.length;
    const status = await changeAvailability(operationalStatus, scope);
    await flushStation(csms, client);
    return { status, notifications: sortedStatusNotifications(csms, since) };
  }

  /** Reads a Connector/EVSE/ChargingStation variable over the wire. */
  async function availabilityVariable(component: { name: string; evse?: { id: number; connectorId?: number } }, name: string): Promise<string | undefined> {
    const answer = (await client.call('GetVariables', { getVariableData: [{ component, variable: { name } }] })) as {
      getVariableResult: { attributeStatus: string; attributeValue?: string }[];
    };
    expect(answer.getVariableResult[0]?.attributeStatus).toBe('Accepted');
    return answer.getVariableResult[0]?.attributeValue;
  }

  it('TC_G_01_CS Connector status Notification - Available to Occupied', async () => {
    const since = csms.ledger.length;
    station.chargePoint.onSessionStarted(1, 1);
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Occupied' }]);
    const [sent] = stationCalls<{ timestamp: string }>(csms, 'StatusNotification', since);
    expect(Number.isNaN(Date.parse(sent!.timestamp))).toBe(false);
    expect(await availabilityVariable({ name: 'Connector', evse: { id: 1, connectorId: 1 } }, 'AvailabilityState')).toBe('Occupied');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_02_CS Connector status Notification - Occupied to Available', async () => {
    station.chargePoint.onSessionStarted(1, 1);
    await waitUntil(() => statusNotifications(csms).some((s) => s.connectorStatus === 'Occupied'), 'StatusNotification Occupied');
    const since = csms.ledger.length;
    station.chargePoint.onSessionFinished(1, 1);
    await waitForCalls(csms, 'StatusNotification', 1, since);
    await flushStation(csms, client);
    expect(statusNotifications(csms, since)).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(await availabilityVariable({ name: 'Connector', evse: { id: 1, connectorId: 1 } }, 'AvailabilityState')).toBe('Available');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_03_CS Change Availability EVSE - Operative to inoperative', async () => {
    const { status, notifications } = await changeAndCollect('Inoperative', evse1);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }]);
    expect(await availabilityVariable({ name: 'EVSE', evse: { id: 1 } }, 'AvailabilityState')).toBe('Unavailable');
    expect(await availabilityVariable({ name: 'EVSE', evse: { id: 2 } }, 'AvailabilityState')).toBe('Available');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_04_CS Change Availability EVSE - Inoperative to operative', async () => {
    await makeInoperative(evse1, 1);
    const { status, notifications } = await changeAndCollect('Operative', evse1);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(await availabilityVariable({ name: 'EVSE', evse: { id: 1 } }, 'Available')).toBe('true');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_05_CS Change Availability Charging Station - Operative to inoperative', async () => {
    const { status, notifications } = await changeAndCollect('Inoperative', wholeStation);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' },
    ]);
    expect(await availabilityVariable({ name: 'ChargingStation' }, 'AvailabilityState')).toBe('Unavailable');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_06_CS Change Availability Charging Station - Inoperative to operative', async () => {
    await makeInoperative(wholeStation, 2);
    const { status, notifications } = await changeAndCollect('Operative', wholeStation);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Available' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Available' },
    ]);
    expect(await availabilityVariable({ name: 'ChargingStation' }, 'Available')).toBe('true');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_07_CS Change Availability Connector - Operative to inoperative', async () => {
    const { status, notifications } = await changeAndCollect('Inoperative', connector11);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' }]);
    expect(await availabilityVariable({ name: 'Connector', evse: { id: 1, connectorId: 1 } }, 'Available')).toBe('false');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_08_CS Change Availability Connector - Inoperative to operative', async () => {
    await makeInoperative(connector11, 1);
    const { status, notifications } = await changeAndCollect('Operative', connector11);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([{ evseId: 1, connectorId: 1, connectorStatus: 'Available' }]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_09_CS Change Availability EVSE - Operative to operative', async () => {
    const { status, notifications } = await changeAndCollect('Operative', evse1);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_10_CS Change Availability EVSE - Inoperative to inoperative', async () => {
    await makeInoperative(evse1, 1);
    const { status, notifications } = await changeAndCollect('Inoperative', evse1);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_12_CS Change Availability Charging Station - Operative to operative', async () => {
    const { status, notifications } = await changeAndCollect('Operative', wholeStation);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_13_CS Change Availability Charging Station - Inoperative to inoperative', async () => {
    await makeInoperative(wholeStation, 2);
    const { status, notifications } = await changeAndCollect('Inoperative', wholeStation);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_15_CS Change Availability Connector - Operative to operative', async () => {
    const { status, notifications } = await changeAndCollect('Operative', connector11);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_16_CS Change Availability Connector - Inoperative to inoperative', async () => {
    await makeInoperative(connector11, 1);
    const { status, notifications } = await changeAndCollect('Inoperative', connector11);
    expect(status).toBe('Accepted');
    expect(notifications).toEqual([]);
    expect(csms.violations).toEqual([]);
  });

  it('G03 (no OCTT case): an unknown EVSE or connector is Rejected and nothing changes', async () => {
    const unknown = [
      await changeAndCollect('Inoperative', { evse: { id: 3 } }),
      await changeAndCollect('Inoperative', { evse: { id: 1, connectorId: 2 } }),
      // EVSE ids start at 1; "connector 1 of EVSE 0" is no connector (it must not take the whole station down).
      await changeAndCollect('Inoperative', { evse: { id: 0, connectorId: 1 } }),
    ];
    expect(unknown.map((u) => u.status)).toEqual(['Rejected', 'Rejected', 'Rejected']);
    expect(unknown.flatMap((u) => u.notifications)).toEqual([]);
    expect(station.chargePoint.connectorStatus({ evseId: 1, connectorId: 1 })).toBe('Available');
    expect(station.chargePoint.connectorStatus({ evseId: 2, connectorId: 1 })).toBe('Available');
    expect(csms.violations).toEqual([]);
  });

  it('TC_G_20_CS Connector status Notification - Lock Failure (no transaction: the NotifyEvent part)', async () => {
    const since = csms.ledger.length;
    station.chargePoint.onSessionStarted(1, 1);
    station.chargePoint.onLockFailure(1, 1, 'lock did not engage');
    const [notify] = await waitForCalls<{ eventData: Record<string, unknown>[] }>(csms, 'NotifyEvent', 1, since);
    expect(notify!.eventData).toEqual([
      expect.objectContaining({
        trigger: 'Delta',
        actualValue: 'true',
        component: { name: 'ConnectorPlugRetentionLock', evse: { id: 1, connectorId: 1 } },
        variable: { name: 'Problem' },
      }),
    ]);
    expect(csms.violations).toEqual([]);
  });

  describe('state persists across reboot (power cycle on the same SQLite file)', () => {
    /** Sets `scope` Inoperative, power-cycles the station and returns the StatusNotifications of the new boot. */
    async function inoperativeThenReboot(scope: Scope, connectors: number) {
      await makeInoperative(scope, connectors);
      await station.stop();
      const booted = await startBootedStation(csms, { dbPath: db.path });
      station = booted.station;
      client = booted.client;
      const [boot] = stationCalls<{ reason: string }>(csms, 'BootNotification', booted.since);
      expect(boot?.reason).toBe('PowerUp');
      return sortedStatusNotifications(csms, booted.since);
    }

    it('TC_G_18_CS Change Availability EVSE - state persists across reboot', async () => {
      expect(await inoperativeThenReboot(evse1, 1)).toEqual([
        { evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' },
        { evseId: 2, connectorId: 1, connectorStatus: 'Available' },
      ]);
      expect(await availabilityVariable({ name: 'EVSE', evse: { id: 1 } }, 'Available')).toBe('false');
      expect(csms.violations).toEqual([]);
    });

    it('TC_G_19_CS Change Availability Connector - state persists across reboot', async () => {
      expect(await inoperativeThenReboot({ evse: { id: 2, connectorId: 1 } }, 1)).toEqual([
        { evseId: 1, connectorId: 1, connectorStatus: 'Available' },
        { evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' },
      ]);
      expect(csms.violations).toEqual([]);
    });

    it('TC_G_21_CS Change Availability Charging Station - state persists across reboot', async () => {
      expect(await inoperativeThenReboot(wholeStation, 2)).toEqual([
        { evseId: 1, connectorId: 1, connectorStatus: 'Unavailable' },
        { evseId: 2, connectorId: 1, connectorStatus: 'Unavailable' },
      ]);
      expect(await availabilityVariable({ name: 'ChargingStation' }, 'Available')).toBe('false');
      expect(csms.violations).toEqual([]);
    });
  });
});
