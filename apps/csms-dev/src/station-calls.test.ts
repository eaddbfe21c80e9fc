import { request } from 'node:http';
import { ACTIONS, getValidator, isOcppAction, type OcppAction } from '@evstation/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsmsDevOptions } from './csms-dev.js';
import { createStationCallHandlers } from './station-call-handlers.js';
import { StationRegistry } from './station-registry.js';
import { CsmsFixture } from './testing/csms-fixture.js';
import { bootRequest, SAMPLE_REQUESTS, transactionEvent } from './testing/sample-requests.js';

const NOW = new Date('2025-06-01T08:00:00.000Z');
let fixture: CsmsFixture | undefined;

async function start(options: CsmsDevOptions = {}): Promise<CsmsFixture> {
  fixture = await CsmsFixture.start({ now: () => NOW, ...options });
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** The actions a Charging Station initiates, by the generated direction table. */
const stationInitiated = (Object.keys(ACTIONS) as OcppAction[]).filter((action) => ACTIONS[action].direction !== 'CSMS->CS').sort();

describe('csms-dev answers station CALLs', () => {
  it('B01 Accepted: BootNotification gets Accepted, the heartbeat interval and the CSMS time', async () => {
    const f = await start({ policy: { heartbeatInterval: 60 } });
    const station = await f.station('CS1');
    expect(await station.call('BootNotification', bootRequest)).toEqual({ status: 'Accepted', interval: 60, currentTime: NOW.toISOString() });
    expect(f.csms.station('CS1')).toMatchObject({ registrationStatus: 'Accepted', bootNotification: bootRequest, lastBootAt: NOW.toISOString() });
  });

  it('B02 Pending: status Pending with the interval the station waits before its next BootNotification', async () => {
    const f = await start({ policy: { boot: 'Pending', heartbeatInterval: 15 } });
    const station = await f.station('CS1');
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Pending', interval: 15 });
    expect(f.csms.station('CS1')?.registrationStatus).toBe('Pending');
  });

  it('B03 Rejected: status Rejected with the retry interval', async () => {
    const f = await start({ policy: { boot: 'Rejected', heartbeatInterval: 120 } });
    const station = await f.station('CS1');
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Rejected', interval: 120 });
  });

  it('B01-B03: a policy change at run time applies to the next BootNotification', async () => {
    const f = await start({ policy: { boot: 'Pending' } });
    const station = await f.station('CS1');
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Pending' });
    f.csms.setPolicy({ boot: 'Accepted', heartbeatInterval: 30 });
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Accepted', interval: 30 });
  });

  it('G02 Heartbeat: answers the CSMS time and records the heartbeat', async () => {
    const f = await start();
    const station = await f.station('CS1');
    expect(await station.call('Heartbeat', {})).toEqual({ currentTime: NOW.toISOString() });
    expect(f.csms.station('CS1')?.lastHeartbeatAt).toBe(NOW.toISOString());
  });

  it('C01 accept-all: Authorize answers Accepted for any idToken', async () => {
    const f = await start();
    const station = await f.station('CS1');
    expect(await station.call('Authorize', { idToken: { idToken: 'WHOEVER', type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Accepted' } });
  });

  it('C01 token list: Authorize answers Accepted for a listed idToken and Invalid for any other', async () => {
    const f = await start({ policy: { tokens: ['AA11', 'BB22'] } });
    const station = await f.station('CS1');
    expect(await station.call('Authorize', { idToken: { idToken: 'BB22', type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(await station.call('Authorize', { idToken: { idToken: 'CC33', type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Invalid' } });
  });

  it('E01/E03: TransactionEvent with an idToken gets idTokenInfo by the same policy; without one it gets none', async () => {
    const f = await start({ policy: { tokens: ['AA11'] } });
    const station = await f.station('CS1');
    expect(await station.call('TransactionEvent', transactionEvent('Started', 'tx1', 0, { idToken: 'AA11', type: 'ISO14443' }))).toEqual({
      idTokenInfo: { status: 'Accepted' },
    });
    expect(await station.call('TransactionEvent', transactionEvent('Started', 'tx2', 0, { idToken: 'ZZ99', type: 'ISO14443' }))).toEqual({
      idTokenInfo: { status: 'Invalid' },
    });
    expect(await station.call('TransactionEvent', transactionEvent('Updated', 'tx1', 1))).toEqual({});
  });

  it('has one handler for every CS->CSMS action of the generated action table', () => {
    const handlers = createStationCallHandlers({ policy: () => ({ boot: 'Accepted', heartbeatInterval: 1, acceptAll: true, tokens: [] }), registry: new StationRegistry(() => NOW), now: () => NOW });
    expect(Object.keys(handlers).sort()).toEqual(stationInitiated);
    expect(Object.keys(SAMPLE_REQUESTS).sort()).toEqual(stationInitiated);
  });

  it('every CS->CSMS action gets a CALLRESULT that is valid against the official response schema', async () => {
    const f = await start();
    const station = await f.station('CS1');
    expect(stationInitiated).toHaveLength(25);
    for (const action of stationInitiated) {
      if (!isOcppAction(action) || !(action in SAMPLE_REQUESTS)) throw new Error(`no sample request for ${action}`);
      // The strict station already rejects a response that breaks the schema; check again with core's validators.
      const response = await station.call(action, SAMPLE_REQUESTS[action as keyof typeof SAMPLE_REQUESTS]);
      expect({ action, errors: getValidator(action, 'response')(response) }).toEqual({ action, errors: undefined });
    }
    const results = f.csms.frames({ identity: 'CS1' }).filter((frame) => frame.direction === 'CSMS->CS');
    expect(results.map((frame) => frame.messageType)).toEqual(stationInitiated.map(() => 'CALLRESULT'));
    expect(results.map((frame) => frame.action)).toEqual(stationInitiated);
  });

  it('fixed answers: DataTransfer UnknownVendorId, SignCertificate and NotifyEVChargingNeeds Accepted', async () => {
    const f = await start();
    const station = await f.station('CS1');
    expect(await station.call('DataTransfer', SAMPLE_REQUESTS.DataTransfer)).toEqual({ status: 'UnknownVendorId' });
    expect(await station.call('SignCertificate', SAMPLE_REQUESTS.SignCertificate)).toEqual({ status: 'Accepted' });
    expect(await station.call('NotifyEVChargingNeeds', SAMPLE_REQUESTS.NotifyEVChargingNeeds)).toEqual({ status: 'Accepted' });
  });

  it('a station CALL of an action the CSMS initiates gets CALLERROR NotImplemented', async () => {
    const f = await start();
    const station = await f.station('CS1');
    await expect(station.call('Reset', { type: 'Immediate' })).rejects.toMatchObject({ rpcErrorCode: 'NotImplemented' });
  });

  it('strict mode: a station CALL that breaks the schema gets a CALLERROR and is listed as a schema violation', async () => {
    const f = await start();
    const station = await f.station('CS1', { strict: false });
    await expect(station.call('BootNotification', { reason: 'PowerUp' })).rejects.toMatchObject({ rpcErrorCode: 'OccurenceConstraintViolation' });
    expect(f.csms.station('CS1')?.schemaViolations).toEqual([
      { time: NOW.toISOString(), action: 'BootNotification', direction: 'CS->CSMS', messageId: expect.any(String), message: expect.stringContaining('chargingStation') },
    ]);
    expect(f.csms.station('CS1')?.bootNotification).toBeNull();
  });
});

describe('csms-dev tracks stations', () => {
  it('G01/E01-E07: keeps the last status of each connector and the open transactions; Ended closes one', async () => {
    const f = await start();
    const station = await f.station('CS1');
    await station.call('StatusNotification', { timestamp: '2025-06-01T07:00:00Z', connectorStatus: 'Available', evseId: 2, connectorId: 1 });
    await station.call('StatusNotification', { timestamp: '2025-06-01T07:00:00Z', connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    await station.call('StatusNotification', { timestamp: '2025-06-01T07:01:00Z', connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    await station.call('TransactionEvent', transactionEvent('Started', 'tx1', 0, { idToken: 'AA11', type: 'ISO14443' }));
    await station.call('TransactionEvent', transactionEvent('Started', 'tx2', 0));
    await station.call('TransactionEvent', transactionEvent('Updated', 'tx1', 1));
    await station.call('TransactionEvent', transactionEvent('Ended', 'tx2', 1));
    const state = f.csms.station('CS1');
    expect(state?.connectors).toEqual([
      { evseId: 1, connectorId: 1, connectorStatus: 'Occupied', timestamp: '2025-06-01T07:01:00Z' },
      { evseId: 2, connectorId: 1, connectorStatus: 'Available', timestamp: '2025-06-01T07:00:00Z' },
    ]);
    expect(state?.transactions).toEqual([
      {
        transactionId: 'tx1',
        evseId: 1,
        connectorId: 1,
        idToken: { idToken: 'AA11', type: 'ISO14443' },
        startedAt: '2025-01-01T12:00:00.000Z',
        lastEventType: 'Updated',
        lastTriggerReason: 'ChargingStateChanged',
        seqNo: 1,
        chargingState: 'Charging',
      },
    ]);
  });

  it('identity is the last URL path segment, percent-decoded, under any base path', async () => {
    const f = await start();
    await f.station('CS 1/a', { path: '/ocpp/v201' });
    await f.station('CS2');
    expect(f.csms.stations().map((s) => [s.identity, s.connected])).toEqual([
      ['CS 1/a', true],
      ['CS2', true],
    ]);
    expect(f.csms.station('CS2')?.remoteAddress).toBe('127.0.0.1');
  });

  it('a disconnect is seen; the station stays listed with its transactions, marked not connected', async () => {
    const f = await start();
    const station = await f.station('CS1');
    await station.call('TransactionEvent', transactionEvent('Started', 'tx1', 0));
    const gone = f.nextConnectionEvent('disconnected', 'CS1');
    await station.close();
    await gone;
    expect(f.csms.station('CS1')).toMatchObject({ connected: false, connectedSince: null, transactions: [{ transactionId: 'tx1' }] });
  });

  it('a station that connects again replaces its old connection', async () => {
    const f = await start();
    const first = await f.station('CS1');
    const second = await f.station('CS1');
    await first.whenClosed();
    expect(f.csms.station('CS1')?.connected).toBe(true);
    expect(await second.call('Heartbeat', {})).toEqual({ currentTime: NOW.toISOString() });
  });

  it('a websocket upgrade without an identity in the path gets 404, one without the ocpp2.0.1 subprotocol 400', async () => {
    const f = await start();
    expect(await upgradeStatus(f.csms.ocppUrl, '/ocpp/', 'ocpp2.0.1')).toBe(404);
    expect(await upgradeStatus(f.csms.ocppUrl, '/ocpp/CS1', 'ocpp1.6')).toBe(400);
    expect(await upgradeStatus(f.csms.ocppUrl, '/ocpp/CS1', 'ocpp2.0.1')).toBe(101);
  });

  it('security profile 1: with --password a wrong or missing Basic-auth password gets HTTP 401', async () => {
    const f = await start({ password: 's3cret' });
    await expect(f.station('CS1', { password: 'wrong' })).rejects.toMatchObject({ code: 401 });
    await expect(f.station('CS1')).rejects.toMatchObject({ code: 401 });
    const station = await f.station('CS1', { password: 's3cret' });
    expect(await station.call('Heartbeat', {})).toEqual({ currentTime: NOW.toISOString() });
  });
});

/** Sends a raw websocket upgrade request and resolves with the HTTP status it gets. */
function upgradeStatus(baseUrl: string, path: string, protocol: string): Promise<number> {
  const url = new URL(baseUrl.replace(/^ws:/, 'http:'));
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
        'sec-websocket-protocol': protocol,
      },
    });
    req.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
