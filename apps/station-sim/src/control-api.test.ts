import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SimEvent } from './event-hub.js';
import type { MessageLogEntry } from './message-log.js';
import type { StationView } from './station-view.js';
import { startTestSim, waitUntil, type TestSim } from './testing/sim-test-fixture.js';

const ID = 'evstation-sim';
let sim: TestSim | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A station-sim whose station csms-dev has accepted and that has reported both connectors. */
async function bootedSim(args: string[] = []): Promise<TestSim> {
  sim = await startTestSim(args);
  const started = sim;
  for (const station of started.runtime.fleet.list()) {
    await waitUntil(() => (started.csms.station(station.host.identity)?.connectors.length ?? 0) === 2, `${station.host.identity} to report both connectors`);
  }
  return started;
}

/** CS->CSMS CALLs csms-dev saw from the station, by action. */
function stationCalls(test: TestSim, action: string, identity = ID): Record<string, unknown>[] {
  return test.csms
    .frames({ identity })
    .filter((f) => f.direction === 'CS->CSMS' && f.messageType === 'CALL' && f.action === action)
    .map((f) => f.payload as Record<string, unknown>);
}

function connectorStatus(test: TestSim, evseId: number, identity = ID): string | undefined {
  return test.csms.station(identity)?.connectors.find((c) => c.evseId === evseId)?.connectorStatus;
}

describe('station-sim control API (issue 6 §2), real HTTP against an in-process station and csms-dev', () => {
  it('GET /api/stations lists the booted station: Accepted, connected, two EVSEs Available, no transaction', async () => {
    const test = await bootedSim();
    const answer = await test.api('GET', '/api/stations');
    expect(answer.status).toBe(200);
    const [station] = answer.body['stations'] as StationView[];
    expect(station).toMatchObject({ id: ID, state: 'running', registration: 'Accepted', connected: true, csmsUrl: test.csms.ocppUrl, transactions: [] });
    expect(station?.evses.map((e) => [e.evseId, e.connectors[0]?.status, e.hardware.plugged])).toEqual([
      [1, 'Available', false],
      [2, 'Available', false],
    ]);
    expect(test.csms.station(ID)?.schemaViolations).toEqual([]);
  });

  it('E02/C01/E01/E06: plug, token, EV suspend and unplug run a whole session the CSMS sees, with energy and power shown', async () => {
    const test = await bootedSim();
    const plug = await test.api('POST', `/api/stations/${ID}/evses/1/plug`);
    expect(plug.status).toBe(200);
    expect(plug.body['evse']).toMatchObject({ evseId: 1, hardware: { plugged: true, cp: 'B' } });
    await waitUntil(() => connectorStatus(test, 1) === 'Occupied', 'EVSE 1 Occupied at the CSMS');

    expect((await test.api('POST', `/api/stations/${ID}/evses/1/token`, { idToken: 'aa11bb22', type: 'ISO14443' })).status).toBe(200);
    await waitUntil(() => stationCalls(test, 'TransactionEvent').some((e) => e['eventType'] === 'Started'), 'TransactionEvent Started');
    expect(stationCalls(test, 'Authorize')).toMatchObject([{ idToken: { idToken: 'AA11BB22', type: 'ISO14443' } }]);
    // PowerPathClosed (EV connected and authorized) starts it; the lock closes, then the relay, then the EV charges.
    await waitUntil(async () => (await test.view(ID)).evses[0]?.transaction?.chargingState === 'Charging', 'the EV to charge');
    let view = await test.view(ID);
    expect(view.transactions).toHaveLength(1);
    expect(view.evses[0]?.transaction).toMatchObject({ evseId: 1, chargingState: 'Charging', idToken: { idToken: 'AA11BB22' } });
    expect(view.evses[0]?.transaction?.powerW).toBe(16 * 230 * 3);
    expect(view.evses[0]?.transaction?.energyWh).toBeGreaterThanOrEqual(0);

    expect((await test.api('POST', `/api/stations/${ID}/evses/1/ev`, { suspended: true })).status).toBe(200);
    await waitUntil(() => stationCalls(test, 'TransactionEvent').some((e) => (e['transactionInfo'] as { chargingState?: string }).chargingState === 'SuspendedEV'), 'Updated SuspendedEV');
    view = await test.view(ID);
    expect(view.evses[0]?.hardware).toMatchObject({ suspended: true, powerW: 0 });

    expect((await test.api('POST', `/api/stations/${ID}/evses/1/unplug`)).status).toBe(200);
    await waitUntil(() => stationCalls(test, 'TransactionEvent').some((e) => e['eventType'] === 'Ended'), 'TransactionEvent Ended');
    const events = stationCalls(test, 'TransactionEvent');
    expect(events.map((e) => e['eventType'])).toEqual(expect.arrayContaining(['Started', 'Updated', 'Ended']));
    expect(new Set(events.map((e) => (e['transactionInfo'] as { transactionId: string }).transactionId)).size).toBe(1);
    await waitUntil(async () => (await test.view(ID)).transactions.length === 0, 'the transaction to leave the view');
    expect(test.csms.station(ID)?.schemaViolations).toEqual([]);
  });

  it('GET .../messages?limit=N gives the last N frames both ways, answers named after their CALL', async () => {
    const test = await bootedSim();
    const answer = await test.api('GET', `/api/stations/${ID}/messages?limit=4`);
    expect(answer.status).toBe(200);
    const messages = answer.body['messages'] as MessageLogEntry[];
    expect(messages).toHaveLength(4);
    expect(messages.map((m) => m.seq)).toEqual([...messages.map((m) => m.seq)].sort((a, b) => a - b));
    const all = (await test.api('GET', `/api/stations/${ID}/messages?limit=1000`)).body['messages'] as MessageLogEntry[];
    const boot = all.find((m) => m.action === 'BootNotification' && m.direction === 'out');
    expect(boot).toMatchObject({ messageType: 'CALL', payload: { reason: 'PowerUp' } });
    expect(all.find((m) => m.messageId === boot?.messageId && m.direction === 'in')).toMatchObject({ messageType: 'CALLRESULT', action: 'BootNotification', payload: { status: 'Accepted' } });
  });

  it('invalid requests get 4xx with a JSON error naming the problem, and nothing in the station changes', async () => {
    const test = await bootedSim();
    const before = await test.view(ID);
    const framesBefore = test.csms.frames({ identity: ID }).length;
    const refusals: [string, string, unknown, number, RegExp][] = [
      ['GET', '/api/stations/NOPE', undefined, 404, /no station "NOPE"/],
      ['POST', `/api/stations/${ID}/evses/3/plug`, undefined, 404, /has no EVSE "3" \(EVSEs 1 to 2\)/],
      ['POST', `/api/stations/${ID}/evses/1/fly`, undefined, 404, /no EVSE action "fly"/],
      ['GET', `/api/stations/${ID}/evses/1/plug`, undefined, 405, /use POST/],
      ['POST', `/api/stations/${ID}`, undefined, 405, /use GET/],
      ['POST', `/api/stations/${ID}/evses/1/unplug`, undefined, 409, /EVSE 1 of evstation-sim is not plugged in/],
      ['POST', `/api/stations/${ID}/evses/1/token`, '{"idToken": ', 400, /not valid JSON/],
      ['POST', `/api/stations/${ID}/evses/1/token`, [], 400, /must be a JSON object/],
      ['POST', `/api/stations/${ID}/evses/1/token`, { type: 'ISO14443' }, 400, /idToken must be a string of 1 to 36/],
      ['POST', `/api/stations/${ID}/evses/1/token`, { idToken: 'AA', type: 'Card' }, 400, /type must be one of Central, eMAID/],
      ['POST', `/api/stations/${ID}/evses/1/ev`, {}, 400, /at least one of powerW, suspended, socPercent/],
      ['POST', `/api/stations/${ID}/evses/1/ev`, { socPercent: 140 }, 400, /socPercent must be a number from 0 to 100/],
      ['POST', `/api/stations/${ID}/evses/1/ev`, { suspended: true, colour: 'red' }, 400, /unknown field\(s\) "colour"/],
      ['POST', `/api/stations/${ID}/evses/1/fault`, { fault: 'Gremlins', active: true }, 400, /fault must be one of DiodeFault/],
      ['POST', `/api/stations/${ID}/evses/1/fault`, { fault: 'RcdTripped' }, 400, /active must be true or false/],
      ['POST', `/api/stations/${ID}/evses/1/plug`, { now: true }, 400, /unknown field\(s\) "now"/],
      ['GET', `/api/stations/${ID}/messages?limit=lots`, undefined, 400, /limit must be a whole number/],
      ['GET', '/api/everything', undefined, 404, /no such endpoint/],
      ['GET', '/api/events', undefined, 426, /websocket/],
    ];
    for (const [method, path, body, status, error] of refusals) {
      const answer = await test.api(method, path, body);
      expect({ method, path, status: answer.status }).toEqual({ method, path, status });
      expect(String(answer.body['error'])).toMatch(error);
    }
    const after = await test.view(ID);
    expect(after.evses.map((e) => e.hardware)).toEqual(before.evses.map((e) => e.hardware));
    expect(after.state).toBe('running');
    expect(test.csms.frames({ identity: ID }).length).toBe(framesBefore);
  });

  it('G01/G04: a fault makes the connector Faulted at the CSMS; clearing it makes it Available again', async () => {
    const test = await bootedSim();
    expect((await test.api('POST', `/api/stations/${ID}/evses/2/fault`, { fault: 'RcdTripped', active: true })).status).toBe(200);
    await waitUntil(() => connectorStatus(test, 2) === 'Faulted', 'EVSE 2 Faulted');
    expect((await test.view(ID)).evses[1]?.hardware.faults).toEqual(['RcdTripped']);
    expect((await test.api('POST', `/api/stations/${ID}/evses/2/fault`, { fault: 'RcdTripped', active: false })).status).toBe(200);
    await waitUntil(() => connectorStatus(test, 2) === 'Available', 'EVSE 2 Available again');
  });

  it('power-cycle: simulated power loss and restart on the same stores; the open transaction ends with PowerLoss', async () => {
    const test = await bootedSim();
    await test.api('POST', `/api/stations/${ID}/evses/1/plug`);
    await test.api('POST', `/api/stations/${ID}/evses/1/token`, { idToken: 'AA11BB22' });
    await waitUntil(() => stationCalls(test, 'TransactionEvent').some((e) => e['eventType'] === 'Started'), 'TransactionEvent Started');
    const answer = await test.api('POST', `/api/stations/${ID}/power-cycle`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: ID, state: 'running' });
    await waitUntil(() => stationCalls(test, 'BootNotification').length === 2, 'a second BootNotification');
    await waitUntil(() => stationCalls(test, 'TransactionEvent').some((e) => e['eventType'] === 'Ended'), 'the transaction to end');
    expect(stationCalls(test, 'BootNotification').map((b) => b['reason'])).toEqual(['PowerUp', 'PowerUp']);
    expect(stationCalls(test, 'TransactionEvent').find((e) => e['eventType'] === 'Ended')).toMatchObject({ transactionInfo: { stoppedReason: 'PowerLoss' } });
    await waitUntil(async () => (await test.view(ID)).registration === 'Accepted', 'Accepted after the power cycle');
    expect((await test.view(ID)).evses[0]?.hardware.plugged).toBe(true);
  });

  it('GET /api/events streams all stations first, then each frame and each station change', async () => {
    const test = await bootedSim();
    const ws = new WebSocket(`${test.url.replace('http', 'ws')}/api/events`);
    const events: (SimEvent | { type: 'stations'; stations: StationView[] })[] = [];
    ws.on('message', (data: Buffer) => events.push(JSON.parse(data.toString('utf8')) as SimEvent));
    await waitUntil(() => events.length > 0, 'the first event');
    expect(events[0]).toMatchObject({ type: 'stations', stations: [{ id: ID, registration: 'Accepted' }] });
    await test.api('POST', `/api/stations/${ID}/evses/2/plug`);
    await waitUntil(() => events.some((e) => e.type === 'message' && e.entry.action === 'StatusNotification'), 'a StatusNotification message event');
    await waitUntil(() => events.some((e) => e.type === 'station' && e.station.evses[1]?.connectors[0]?.status === 'Occupied'), 'a station event with EVSE 2 Occupied');
    ws.close();
  });

  it('refuses requests from other web origins and from non-loopback host names (no authentication on this API)', async () => {
    const test = await bootedSim();
    const cross = await test.api('POST', `/api/stations/${ID}/evses/1/plug`, undefined, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body['error']).toMatch(/other web pages are refused/);
    // fetch() will not send a Host of another name; node:http does, as a DNS-rebound browser would.
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${test.url}/api/stations`, { headers: { host: 'evil.example:8180' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(rebound).toBe(403);
    expect((await test.view(ID)).evses[0]?.hardware.plugged).toBe(false);
    const sameOrigin = await test.api('GET', '/api/stations', undefined, { origin: test.url });
    expect(sameOrigin.status).toBe(200);
  });

  it('--stations 3: three stations in one process, <id>-0001..0003, each booted with its own connection', async () => {
    const test = await bootedSim(['--stations', '3', '--id', 'FLEET']);
    const ids = ((await test.api('GET', '/api/stations')).body['stations'] as StationView[]).map((s) => s.id);
    expect(ids).toEqual(['FLEET-0001', 'FLEET-0002', 'FLEET-0003']);
    expect(test.csms.stations().filter((s) => s.connected && s.registrationStatus === 'Accepted').map((s) => s.identity).sort()).toEqual(ids);
    await test.api('POST', '/api/stations/FLEET-0002/evses/1/plug');
    await waitUntil(() => connectorStatus(test, 1, 'FLEET-0002') === 'Occupied', 'FLEET-0002 EVSE 1 Occupied');
    expect(connectorStatus(test, 1, 'FLEET-0001')).toBe('Available');
  });
});
