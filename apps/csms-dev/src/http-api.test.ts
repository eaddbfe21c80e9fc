import { afterEach, describe, expect, it } from 'vitest';
import type { CsmsDevOptions } from './csms-dev.js';
import type { FrameRecord } from './frame-record.js';
import { CsmsFixture } from './testing/csms-fixture.js';
import { bootRequest } from './testing/sample-requests.js';

let fixture: CsmsFixture | undefined;

async function start(options: CsmsDevOptions = {}): Promise<CsmsFixture> {
  fixture = await CsmsFixture.start(options);
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

describe('csms-dev HTTP API: stations', () => {
  it('GET /api/stations lists connected stations with their boot and registration status', async () => {
    const f = await start();
    const station = await f.station('CS1');
    await station.call('BootNotification', bootRequest);
    const response = await f.http('GET', '/api/stations');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      stations: [{ identity: 'CS1', connected: true, registrationStatus: 'Accepted', bootNotification: bootRequest, connectors: [], transactions: [] }],
    });
  });

  it('GET /api/stations/:id returns one station (percent-decoded id); 404 for one that never connected', async () => {
    const f = await start();
    await f.station('CS 1');
    const found = await f.http('GET', '/api/stations/CS%201');
    expect(found.status).toBe(200);
    expect(await json(found)).toMatchObject({ identity: 'CS 1', connected: true });
    const missing = await f.http('GET', '/api/stations/nobody');
    expect(missing.status).toBe(404);
    expect(await json(missing)).toEqual({ error: 'no station "nobody" has connected' });
  });

  it('unknown endpoints get 404, a wrong method 405, with { error }', async () => {
    const f = await start();
    const unknown = await f.http('GET', '/api/nothing');
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ error: 'no such endpoint: GET /api/nothing' });
    const wrongMethod = await f.http('DELETE', '/api/policy');
    expect(wrongMethod.status).toBe(405);
    expect(await json(wrongMethod)).toEqual({ error: 'DELETE is not allowed on /api/policy (allowed: GET, PUT)' });
  });
});

describe('csms-dev HTTP API: POST /api/stations/:id/call/:action', () => {
  it('sends the CSMS->CS CALL to the station and returns { response } with its answer', async () => {
    const f = await start();
    const station = await f.station('CS1');
    const received: unknown[] = [];
    station.handle('Reset', (params) => {
      received.push(params);
      return { status: 'Scheduled' };
    });
    const response = await f.http('POST', '/api/stations/CS1/call/Reset', { type: 'OnIdle', evseId: 1 });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ response: { status: 'Scheduled' } });
    expect(received).toEqual([{ type: 'OnIdle', evseId: 1 }]);
    expect(f.csms.frames({ identity: 'CS1' }).map((frame) => [frame.direction, frame.messageType, frame.action])).toEqual([
      ['CSMS->CS', 'CALL', 'Reset'],
      ['CS->CSMS', 'CALLRESULT', 'Reset'],
    ]);
  });

  it('an empty body is the empty payload (ClearCache has no required field); DataTransfer (both directions) is allowed', async () => {
    const f = await start();
    const station = await f.station('CS1');
    station.handle('ClearCache', () => ({ status: 'Accepted' }));
    station.handle('DataTransfer', () => ({ status: 'Rejected' }));
    const clear = await f.http('POST', '/api/stations/CS1/call/ClearCache');
    expect(await json(clear)).toEqual({ response: { status: 'Accepted' } });
    const transfer = await f.http('POST', '/api/stations/CS1/call/DataTransfer', { vendorId: 'com.example' });
    expect(await json(transfer)).toEqual({ response: { status: 'Rejected' } });
  });

  it("a CALLERROR from the station surfaces as 502 { error: { code, description, details } }", async () => {
    const f = await start();
    await f.station('CS1'); // no handler for GetVariables: ocpp-rpc answers NotImplemented
    const response = await f.http('POST', '/api/stations/CS1/call/GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] });
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ error: { code: 'NotImplemented', description: "Unable to handle 'GetVariables' calls", details: {} } });
  });

  it('a station CALLRESULT that breaks the response schema surfaces as 502 naming the schema', async () => {
    const f = await start();
    const station = await f.station('CS1', { strict: false });
    station.handle('Reset', () => ({ status: 'Maybe' }));
    const response = await f.http('POST', '/api/stations/CS1/call/Reset', { type: 'Immediate' });
    expect(response.status).toBe(502);
    const body = (await json(response)) as { error: { code: string; description: string } };
    expect(body.error.code).toBe('FormatViolation');
    expect(body.error.description).toMatch(/^the station's CALLRESULT breaks the OCPP 2.0.1 schema of ResetResponse: .*allowed values/);
  });

  it('no answer within ?timeoutMs surfaces as 504 { error: { code: Timeout } }', async () => {
    const f = await start();
    const station = await f.station('CS1');
    station.handle('Reset', () => new Promise(() => undefined));
    const response = await f.http('POST', '/api/stations/CS1/call/Reset?timeoutMs=200', { type: 'Immediate' });
    expect(response.status).toBe(504);
    expect(await json(response)).toEqual({ error: { code: 'Timeout', description: 'no answer to Reset within the call timeout', details: {} } });
  });

  it('a station that disconnects before answering surfaces as 502 { error: { code: Disconnected } }', async () => {
    const f = await start();
    const station = await f.station('CS1');
    station.handle('Reset', () => {
      void station.close();
      return new Promise(() => undefined);
    });
    const response = await f.http('POST', '/api/stations/CS1/call/Reset', { type: 'Immediate' });
    expect(response.status).toBe(502);
    expect(await json(response)).toMatchObject({ error: { code: 'Disconnected' } });
  });

  it('404 for a station that is not connected (never seen, or gone)', async () => {
    const f = await start();
    const unknown = await f.http('POST', '/api/stations/ghost/call/Reset', { type: 'Immediate' });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ error: 'station "ghost" is not connected' });
    const station = await f.station('CS1');
    const gone = f.nextConnectionEvent('disconnected', 'CS1');
    await station.close();
    await gone;
    expect((await f.http('POST', '/api/stations/CS1/call/Reset', { type: 'Immediate' })).status).toBe(404);
  });

  it('400 for an unknown action and for an action only the station sends', async () => {
    const f = await start();
    await f.station('CS1');
    const unknown = await f.http('POST', '/api/stations/CS1/call/Explode', {});
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toEqual({ error: 'Explode is not an OCPP 2.0.1 action' });
    const wrongWay = await f.http('POST', '/api/stations/CS1/call/Heartbeat', {});
    expect(wrongWay.status).toBe(400);
    expect(await json(wrongWay)).toEqual({ error: 'Heartbeat is sent by the Charging Station, not by the CSMS' });
  });

  it('400 with the schema message when the payload breaks the request schema; nothing is sent', async () => {
    const f = await start();
    await f.station('CS1');
    const response = await f.http('POST', '/api/stations/CS1/call/Reset', { type: 'Sometimes' });
    expect(response.status).toBe(400);
    const body = (await json(response)) as { error: string; details: unknown };
    expect(body.error).toMatch(/^payload breaks the OCPP 2.0.1 schema of ResetRequest: .*allowed values/);
    expect(body.details).toEqual([expect.objectContaining({ keyword: 'enum', instancePath: '/type' })]);
    expect(f.csms.frames({ identity: 'CS1' })).toEqual([]);
  });

  it('400 for a body that is not JSON, and for a bad timeoutMs', async () => {
    const f = await start();
    await f.station('CS1');
    const badJson = await f.http('POST', '/api/stations/CS1/call/Reset', '{"type": ');
    expect(badJson.status).toBe(400);
    expect(await json(badJson)).toEqual({ error: expect.stringMatching(/^request body is not valid JSON: /) });
    const badTimeout = await f.http('POST', '/api/stations/CS1/call/Reset?timeoutMs=soon', { type: 'Immediate' });
    expect(badTimeout.status).toBe(400);
    expect(await json(badTimeout)).toEqual({ error: 'timeoutMs must be a whole number from 1 to 600000 (got "soon")' });
  });
});

describe('csms-dev HTTP API: frames', () => {
  it('GET /api/frames returns the ledger newest last, filtered by station and limited', async () => {
    const f = await start();
    const a = await f.station('A');
    const b = await f.station('B');
    await a.call('Heartbeat', {});
    await b.call('Heartbeat', {});
    await a.call('Authorize', { idToken: { idToken: 'AA11', type: 'ISO14443' } });
    const all = (await json(await f.http('GET', '/api/frames'))) as { frames: FrameRecord[] };
    expect(all.frames.map((frame) => [frame.identity, frame.direction, frame.messageType, frame.action])).toEqual([
      ['A', 'CS->CSMS', 'CALL', 'Heartbeat'],
      ['A', 'CSMS->CS', 'CALLRESULT', 'Heartbeat'],
      ['B', 'CS->CSMS', 'CALL', 'Heartbeat'],
      ['B', 'CSMS->CS', 'CALLRESULT', 'Heartbeat'],
      ['A', 'CS->CSMS', 'CALL', 'Authorize'],
      ['A', 'CSMS->CS', 'CALLRESULT', 'Authorize'],
    ]);
    const lastOfA = (await json(await f.http('GET', '/api/frames?station=A&limit=1'))) as { frames: FrameRecord[] };
    expect(lastOfA.frames).toEqual([expect.objectContaining({ identity: 'A', action: 'Authorize', payload: { idTokenInfo: { status: 'Accepted' } } })]);
    const badLimit = await f.http('GET', '/api/frames?limit=0');
    expect(badLimit.status).toBe(400);
  });

  it('the ledger is bounded by ledgerSize', async () => {
    const f = await start({ ledgerSize: 4 });
    const station = await f.station('CS1');
    for (let i = 0; i < 3; i += 1) await station.call('Heartbeat', {});
    const body = (await json(await f.http('GET', '/api/frames?limit=4'))) as { frames: FrameRecord[] };
    expect(body.frames.map((frame) => frame.seq)).toEqual([2, 3, 4, 5]);
    expect((await f.http('GET', '/api/frames?limit=5')).status).toBe(400);
  });

  it('GET /api/frames/stream streams each new frame of the station as a Server-Sent Event', async () => {
    const f = await start();
    const station = await f.station('CS1');
    const other = await f.station('CS2');
    const stream = await f.http('GET', '/api/frames/stream?station=CS1');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    const events = readEvents(reader, 2);
    await other.call('Heartbeat', {});
    await station.call('Heartbeat', {});
    const frames = await events;
    await reader.cancel();
    expect(frames.map((frame) => [frame.identity, frame.messageType, frame.action])).toEqual([
      ['CS1', 'CALL', 'Heartbeat'],
      ['CS1', 'CALLRESULT', 'Heartbeat'],
    ]);
  });
});

describe('csms-dev HTTP API: policy', () => {
  it('GET /api/policy shows it; PUT changes it at run time and the next Authorize and BootNotification follow it', async () => {
    const f = await start();
    expect(await json(await f.http('GET', '/api/policy'))).toEqual({ boot: 'Accepted', heartbeatInterval: 300, acceptAll: true, tokens: [] });
    const station = await f.station('CS1');
    const put = await f.http('PUT', '/api/policy', { boot: 'Rejected', heartbeatInterval: 20, tokens: ['AA11'] });
    expect(put.status).toBe(200);
    expect(await json(put)).toEqual({ boot: 'Rejected', heartbeatInterval: 20, acceptAll: false, tokens: ['AA11'] });
    expect(await station.call('BootNotification', bootRequest)).toMatchObject({ status: 'Rejected', interval: 20 });
    expect(await station.call('Authorize', { idToken: { idToken: 'BB22', type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Invalid' } });
    await f.http('PUT', '/api/policy', { acceptAll: true });
    expect(await station.call('Authorize', { idToken: { idToken: 'BB22', type: 'ISO14443' } })).toEqual({ idTokenInfo: { status: 'Accepted' } });
  });

  it('PUT /api/policy refuses bad values with 400 and keeps the policy', async () => {
    const f = await start();
    const bad = await f.http('PUT', '/api/policy', { boot: 'Maybe' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toEqual({ error: 'boot must be one of Accepted, Pending, Rejected (got "Maybe")' });
    const badJson = await f.http('PUT', '/api/policy', 'boot=Accepted');
    expect(badJson.status).toBe(400);
    expect(f.csms.policy.boot).toBe('Accepted');
  });
});

/** Reads Server-Sent Events until `count` frame events arrived. */
async function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<FrameRecord[]> {
  const decoder = new TextDecoder();
  const frames: FrameRecord[] = [];
  let buffer = '';
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended early');
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .find((line) => line.startsWith('data: '));
      if (data !== undefined) frames.push(JSON.parse(data.slice('data: '.length)) as FrameRecord);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
    }
  }
  return frames;
}
