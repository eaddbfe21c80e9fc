import { describe, expect, it } from 'vitest';
import type { FunctionalBlock } from './functional-block.js';
import { CallTimeoutError, InvalidResponseError, NotConnectedError, OutgoingPayloadError } from './call-errors.js';
import { CallErrorResponse, SecurityError } from './rpc-error.js';
import { makeEndpoint } from './rpc-test-kit.js';
import type { BootNotificationRequest } from '../messages/index.js';

const boot: BootNotificationRequest = { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'Vendor' } };
const bootAccepted = { currentTime: '2026-01-01T00:00:00.000Z', interval: 300, status: 'Accepted' };

const resetBlock: FunctionalBlock = {
  name: 'provisioning',
  handlers: {
    Reset: (request) => ({ status: request.type === 'Immediate' ? 'Accepted' : 'Scheduled' }),
    GetVariables: () => {
      throw new SecurityError('Not accepted yet');
    },
    ClearCache: () => ({ status: 'Bogus' }) as never,
    ChangeAvailability: () => {
      throw new Error('database exploded at /var/secret/path');
    },
  },
};

describe('RpcEndpoint outgoing CALLs (Part 4 §4.1)', () => {
  it('sends the exact CALL frame and resolves with the validated CALLRESULT', async () => {
    const { endpoint, wire } = makeEndpoint();
    const answer = endpoint.call('BootNotification', boot);
    expect(wire).toEqual([[2, 'm1', 'BootNotification', boot]]);
    endpoint.receive(JSON.stringify([3, 'm1', bootAccepted]));
    await expect(answer).resolves.toEqual(bootAccepted);
  });

  it('keeps one CALL in flight: the second is sent only after the first is answered', async () => {
    const { endpoint, wire } = makeEndpoint();
    const first = endpoint.call('Heartbeat', {});
    const second = endpoint.call('Heartbeat', {});
    expect(wire).toEqual([[2, 'm1', 'Heartbeat', {}]]);
    endpoint.receive('[3,"m1",{"currentTime":"2026-01-01T00:00:01.000Z"}]');
    await first;
    expect(wire).toEqual([
      [2, 'm1', 'Heartbeat', {}],
      [2, 'm2', 'Heartbeat', {}],
    ]);
    endpoint.receive('[3,"m2",{"currentTime":"2026-01-01T00:00:02.000Z"}]');
    await expect(second).resolves.toEqual({ currentTime: '2026-01-01T00:00:02.000Z' });
  });

  it('never sends an invalid payload of ours: the caller gets OutgoingPayloadError (DESIGN rule 7)', async () => {
    const { endpoint, wire } = makeEndpoint();
    const bad = { reason: 'PowerUp', chargingStation: { model: 'x'.repeat(21), vendorName: 'V' } } as BootNotificationRequest;
    await expect(endpoint.call('BootNotification', bad)).rejects.toBeInstanceOf(OutgoingPayloadError);
    await expect(endpoint.call('Reset' as never, { type: 'Immediate' } as never)).rejects.toBeInstanceOf(OutgoingPayloadError);
    expect(wire).toEqual([]);
  });

  it('rejects with CallTimeoutError after MessageTimeout, then sends the next call; a late answer is dropped', async () => {
    const { endpoint, wire, clock, logger } = makeEndpoint([], 10_000);
    const first = endpoint.call('Heartbeat', {});
    const second = endpoint.call('Heartbeat', {});
    await clock.advance(9_999);
    expect(wire).toHaveLength(1);
    await clock.advance(1);
    await expect(first).rejects.toBeInstanceOf(CallTimeoutError);
    expect(wire).toEqual([
      [2, 'm1', 'Heartbeat', {}],
      [2, 'm2', 'Heartbeat', {}],
    ]);
    endpoint.receive('[3,"m1",{"currentTime":"2026-01-01T00:00:01.000Z"}]');
    expect(wire).toHaveLength(2);
    expect(logger.text()).toContain('not waiting for');
    endpoint.receive('[3,"m2",{"currentTime":"2026-01-01T00:00:02.000Z"}]');
    await expect(second).resolves.toBeDefined();
  });

  it('raises a CALLERROR answer to the caller with its code, accepting codes outside the spec', async () => {
    const { endpoint } = makeEndpoint();
    const answer = endpoint.call('Heartbeat', {});
    endpoint.receive('[4,"m1","FormationViolation","bad frame",{"x":1}]');
    await expect(answer).rejects.toMatchObject({ code: 'FormationViolation', description: 'bad frame', details: { x: 1 } });
    await expect(answer).rejects.toBeInstanceOf(CallErrorResponse);
  });

  it('rejects a CALLRESULT that breaks the schema with InvalidResponseError and does not answer it', async () => {
    const { endpoint, wire } = makeEndpoint();
    const answer = endpoint.call('BootNotification', boot);
    endpoint.receive('[3,"m1",{"currentTime":"2026-01-01T00:00:00.000Z","interval":300,"status":"Maybe"}]');
    await expect(answer).rejects.toBeInstanceOf(InvalidResponseError);
    expect(wire).toHaveLength(1);
  });

  it('fails every pending call with NotConnectedError when the link drops, and refuses calls while offline', async () => {
    const { endpoint } = makeEndpoint();
    const first = endpoint.call('Heartbeat', {});
    const second = endpoint.call('Heartbeat', {});
    endpoint.disconnected();
    await expect(first).rejects.toBeInstanceOf(NotConnectedError);
    await expect(second).rejects.toBeInstanceOf(NotConnectedError);
    await expect(endpoint.call('Heartbeat', {})).rejects.toBeInstanceOf(NotConnectedError);
    expect(endpoint.pendingCalls()).toBe(0);
  });

  it('uses a fresh message id for every CALL, never reused (Part 4 §4.1.4)', async () => {
    const { endpoint, wire } = makeEndpoint();
    for (let i = 0; i < 5; i += 1) {
      const answer = endpoint.call('Heartbeat', {});
      endpoint.receive(JSON.stringify([3, `m${i + 1}`, { currentTime: '2026-01-01T00:00:00.000Z' }]));
      await answer;
    }
    const ids = wire.map((f) => (f as unknown[])[1]);
    expect(new Set(ids).size).toBe(5);
  });
});

describe('RpcEndpoint incoming CALLs (Part 4 §4.1.7, §4.2.3)', () => {
  it('answers a valid CALL with the exact CALLRESULT, keeping its id', async () => {
    const { endpoint, wire, settle } = makeEndpoint([resetBlock]);
    endpoint.receive('[2,"csms-1","Reset",{"type":"OnIdle"}]');
    await settle();
    expect(wire).toEqual([[3, 'csms-1', { status: 'Scheduled' }]]);
  });

  it('serves a CSMS CALL while our own CALL is outstanding', async () => {
    const { endpoint, wire, settle } = makeEndpoint([resetBlock]);
    const ours = endpoint.call('Heartbeat', {});
    endpoint.receive('[2,"csms-1","Reset",{"type":"Immediate"}]');
    await settle();
    expect(wire).toEqual([
      [2, 'm1', 'Heartbeat', {}],
      [3, 'csms-1', { status: 'Accepted' }],
    ]);
    endpoint.receive('[3,"m1",{"currentTime":"2026-01-01T00:00:00.000Z"}]');
    await expect(ours).resolves.toBeDefined();
  });

  it.each([
    ['an unknown action', '[2,"c1","FlyToTheMoon",{}]', [4, 'c1', 'NotImplemented', 'Unknown action FlyToTheMoon', {}]],
    ['a known action no installed block handles', '[2,"c1","ClearChargingProfile",{}]', [4, 'c1', 'NotImplemented', 'No installed block handles ClearChargingProfile', {}]],
    ['a missing required field', '[2,"c1","Reset",{}]', [4, 'c1', 'OccurrenceConstraintViolation', expect.any(String), expect.objectContaining({ keyword: 'required' })]],
    ['a field of the wrong type', '[2,"c1","Reset",{"type":5}]', [4, 'c1', 'TypeConstraintViolation', expect.any(String), expect.any(Object)]],
    ['a value outside the enum', '[2,"c1","Reset",{"type":"Later"}]', [4, 'c1', 'PropertyConstraintViolation', expect.any(String), expect.any(Object)]],
    ['a property not in the schema', '[2,"c1","Reset",{"type":"Immediate","colour":"red"}]', [4, 'c1', 'FormatViolation', expect.stringContaining('colour'), expect.any(Object)]],
    ['a payload that is not an object', '[2,"c1","Reset",[]]', [4, 'c1', 'TypeConstraintViolation', expect.any(String), expect.any(Object)]],
    ['invalid JSON', '[2,"c1","Reset",', [4, '-1', 'RpcFrameworkError', 'Message is not valid JSON', {}]],
    ['an unknown message type', '[7,"c1","Reset",{}]', [4, 'c1', 'MessageTypeNotSupported', 'Unknown MessageTypeId 7', {}]],
  ])('answers %s with the CALLERROR the spec names', async (_name, text, expected) => {
    const { endpoint, wire, settle } = makeEndpoint([resetBlock]);
    endpoint.receive(text);
    await settle();
    expect(wire).toEqual([expected]);
  });

  it('answers SecurityError thrown by a handler (B03 gate) with that code', async () => {
    const { endpoint, wire, settle } = makeEndpoint([resetBlock]);
    endpoint.receive('[2,"c1","GetVariables",{"getVariableData":[{"component":{"name":"X"},"variable":{"name":"Y"}}]}]');
    await settle();
    expect(wire).toEqual([[4, 'c1', 'SecurityError', 'Not accepted yet', {}]]);
  });

  it('answers InternalError without a stack or internal detail when a handler crashes', async () => {
    const { endpoint, wire, settle } = makeEndpoint([resetBlock]);
    endpoint.receive('[2,"c1","ChangeAvailability",{"operationalStatus":"Inoperative"}]');
    await settle();
    expect(wire).toEqual([[4, 'c1', 'InternalError', 'Failed to process ChangeAvailability', {}]]);
    expect(JSON.stringify(wire)).not.toContain('secret');
  });

  it('answers InternalError instead of sending our own response that breaks the schema', async () => {
    const { endpoint, wire, settle, logger } = makeEndpoint([resetBlock]);
    endpoint.receive('[2,"c1","ClearCache",{}]');
    await settle();
    expect(wire).toEqual([[4, 'c1', 'InternalError', 'Station produced an invalid ClearCache response', {}]]);
    expect(logger.entries.some((e) => e.level === 'error')).toBe(true);
  });

  it('never answers a CALLRESULT or CALLERROR with an unknown id, but logs it', async () => {
    const { endpoint, wire, settle, logger } = makeEndpoint([resetBlock]);
    endpoint.receive('[3,"nobody",{}]');
    endpoint.receive('[4,"nobody","GenericError","x",{}]');
    endpoint.receive('[3,"x"]');
    await settle();
    expect(wire).toEqual([]);
    expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(3);
  });

  it('reports refused frames so the station can raise InvalidMessages', async () => {
    const { endpoint, badFrames, settle } = makeEndpoint([resetBlock]);
    endpoint.receive('not json');
    endpoint.receive('[2,"c1","Reset",{"type":5}]');
    await settle();
    expect(badFrames.map((b) => b.code)).toEqual(['RpcFrameworkError', 'TypeConstraintViolation']);
  });

  it('drops the answer to a CALL whose connection closed before it was served', async () => {
    const { endpoint, wire, settle, sink } = makeEndpoint([resetBlock]);
    endpoint.receive('[2,"c1","Reset",{"type":"Immediate"}]');
    endpoint.disconnected();
    endpoint.connected(sink);
    await settle();
    expect(wire).toEqual([]);
  });
});

describe('RpcEndpoint default message ids (Part 4 §4.1.4)', () => {
  it('makes ids of at most 36 characters that never repeat, also across endpoints (a restart)', async () => {
    const { FakeClock, silentLogger } = await import('../testing/index.js');
    const { Router } = await import('./router.js');
    const { RpcEndpoint } = await import('./rpc-endpoint.js');
    const ids: string[] = [];
    for (let boot = 0; boot < 2; boot += 1) {
      const endpoint = new RpcEndpoint({ clock: new FakeClock(), logger: silentLogger, dispatcher: new Router([]) }, 1000);
      endpoint.connected({
        send: (text) => {
          const id = (JSON.parse(text) as unknown[])[1] as string;
          ids.push(id);
          queueMicrotask(() => endpoint.receive(JSON.stringify([3, id, { currentTime: '2026-01-01T00:00:00Z' }])));
          return true;
        },
      });
      for (let i = 0; i < 500; i += 1) await endpoint.call('Heartbeat', {});
    }
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => id.length > 0 && id.length <= 36)).toBe(true);
  });
});

describe('RpcEndpoint post-reply tasks', () => {
  it('runs afterReply tasks once the CALLRESULT is on the wire, and never after a CALLERROR', async () => {
    const order: string[] = [];
    const block: FunctionalBlock = {
      name: 'p',
      handlers: {
        Reset: (_r, ctx) => {
          ctx.afterReply(() => order.push(`task sees ${wire.length} frame(s)`));
          return { status: 'Accepted' };
        },
        ClearCache: (_r, ctx) => {
          ctx.afterReply(() => order.push('must not run'));
          throw new SecurityError('no');
        },
      },
    };
    const { endpoint, wire, settle } = makeEndpoint([block]);
    endpoint.receive('[2,"c1","Reset",{"type":"Immediate"}]');
    await settle();
    expect(order).toEqual(['task sees 1 frame(s)']);
    endpoint.receive('[2,"c2","ClearCache",{}]');
    await settle();
    expect(wire).toHaveLength(2);
    expect(order).toEqual(['task sees 1 frame(s)']);
  });
});
