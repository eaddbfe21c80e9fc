import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggingMiddleware, Router, RPC_ERROR_CODES, RpcEndpoint, validationMiddleware, type FunctionalBlock } from '@evstation/core';
import { FakeClock, silentLogger } from '@evstation/core/testing';
import { oracleAccepts } from '../support/schema-oracle.js';

/** R1: 20k frames in CI; set FUZZ_RUNS=1000000 for the long tier, FUZZ_SEED to replay a failure. */
const runs = Number(process.env['FUZZ_RUNS'] ?? 20_000);
const seed = Number(process.env['FUZZ_SEED'] ?? 20261125);

const blocks: FunctionalBlock[] = [
  {
    name: 'fuzz-target',
    handlers: {
      Reset: () => ({ status: 'Accepted' }),
      ClearCache: () => ({ status: 'Accepted' }),
      DataTransfer: () => ({ status: 'UnknownVendorId' }),
      GetVariables: (r) => ({ getVariableResult: r.getVariableData.map((d) => ({ attributeStatus: 'UnknownVariable' as const, component: d.component, variable: d.variable })) }),
      SetVariables: (r) => ({ setVariableResult: r.setVariableData.map((d) => ({ attributeStatus: 'Rejected' as const, component: d.component, variable: d.variable })) }),
      UnlockConnector: () => ({ status: 'UnknownConnector' }),
    },
  },
];
const handled = new Set(Object.keys(blocks[0]!.handlers));

const validPayloads: [string, Record<string, unknown>][] = [
  ['Reset', { type: 'Immediate' }],
  ['Reset', { type: 'OnIdle', evseId: 1 }],
  ['ClearCache', {}],
  ['DataTransfer', { vendorId: 'com.example', messageId: 'm', data: { any: [1, 2] } }],
  ['GetVariables', { getVariableData: [{ component: { name: 'OCPPCommCtrlr', evse: { id: 1 } }, variable: { name: 'HeartbeatInterval' }, attributeType: 'Actual' }] }],
  ['SetVariables', { setVariableData: [{ component: { name: 'ClockCtrlr' }, variable: { name: 'TimeSource' }, attributeValue: 'Heartbeat' }] }],
  ['UnlockConnector', { evseId: 1, connectorId: 1, customData: { vendorId: 'v', extra: true } }],
  ['GetLog', { logType: 'DiagnosticsLog', requestId: 1, log: { remoteLocation: 'https://example.invalid/upload' } }],
];

/** Leaf paths of a JSON value, so mutations can hit any field at any depth. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function setAt(root: unknown, path: string[], replace: (old: unknown) => unknown, remove = false): unknown {
  if (path.length === 0) return replace(root);
  const copy: Record<string, unknown> = Array.isArray(root) ? ([...(root as unknown[])] as unknown as Record<string, unknown>) : { ...(root as Record<string, unknown>) };
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0 && remove) delete copy[head];
  else copy[head] = setAt(copy[head], rest, replace, remove);
  return copy;
}

const nasty = fc.oneof(
  fc.jsonValue(),
  fc.string({ minLength: 200, maxLength: 2000 }),
  fc.constant('\uD800'),
  fc.constant('\uFEFF'),
  fc.constant(1e308),
  fc.constant(-0),
  fc.constant(2 ** 53 + 1),
  fc.constant(null),
  fc.constant('2026-13-45T99:99:99Z'),
  fc.constant({ a: { b: { c: { d: { e: { f: [[[[[]]]]] } } } } } }),
);

const mutatedCall = fc
  .tuple(fc.constantFrom(...validPayloads), fc.nat(), fc.constantFrom('drop', 'retype', 'extra', 'keep'), nasty, fc.string({ minLength: 1, maxLength: 36 }))
  .map(([[action, payload], pick, op, value, id]) => {
    const all = paths(payload);
    const path = all[pick % all.length]!;
    let mutated: unknown = payload;
    if (op === 'drop' && path.length > 0) mutated = setAt(payload, path, () => undefined, true);
    if (op === 'retype') mutated = setAt(payload, path, () => value);
    if (op === 'extra') mutated = setAt(payload, path, (old) => (typeof old === 'object' && old !== null && !Array.isArray(old) ? { ...old, zzExtra: value } : old));
    return JSON.stringify([2, id, action, mutated]);
  });

const structural = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.jsonValue(), { maxLength: 6 }).map((a) => JSON.stringify(a)),
  fc.tuple(fc.integer({ min: -3, max: 9 }), fc.oneof(fc.string(), fc.integer()), fc.string({ maxLength: 40 }), fc.jsonValue()).map((t) => JSON.stringify(t)),
  fc.tuple(fc.constantFrom(3, 4), fc.string({ maxLength: 40 }), fc.jsonValue(), fc.string(), fc.jsonValue()).map(([t, ...rest]) => JSON.stringify([t, ...rest.slice(0, t === 3 ? 1 : 3)])),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom(...validPayloads), fc.nat()).map(([[a, p], n]) => {
    const text = JSON.stringify([2, 'trunc', a, p]);
    return text.slice(0, n % text.length);
  }),
  fc.constantFrom(...validPayloads).map(([a, p]) => `\uFEFF${JSON.stringify([2, 'bom', a, p])}`),
  fc.constant(`[2,"big","DataTransfer",{"vendorId":"v","data":"${'x'.repeat(200_000)}"}]`),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
);

/** What Part 4 requires for one inbound text, judged without our parser. */
function expectedReply(text: string): { replies: 0 } | { replies: 1; id: string; codes?: string[]; result?: boolean } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { replies: 1, id: '-1', codes: ['RpcFrameworkError'] };
  }
  if (!Array.isArray(message)) return { replies: 1, id: '-1', codes: ['RpcFrameworkError'] };
  const [typeId, id, action, payload] = message as unknown[];
  const goodId = typeof id === 'string' && id.length > 0 && id.length <= 36 ? id : '-1';
  if (typeof typeId !== 'number') return { replies: 1, id: goodId, codes: ['RpcFrameworkError'] };
  if (typeId === 3 || typeId === 4) return { replies: 0 };
  if (typeId !== 2) return { replies: 1, id: goodId, codes: ['MessageTypeNotSupported'] };
  if (goodId === '-1' || typeof action !== 'string' || action === '' || message.length !== 4) return { replies: 1, id: goodId, codes: ['RpcFrameworkError'] };
  if (!handled.has(action)) return { replies: 1, id: goodId, codes: ['NotImplemented'] };
  if (oracleAccepts(action, 'req', payload)) return { replies: 1, id: goodId, result: true };
  return { replies: 1, id: goodId, codes: ['FormatViolation', 'TypeConstraintViolation', 'OccurrenceConstraintViolation', 'PropertyConstraintViolation'] };
}

describe('R1 malformed-frame fuzz of the station RPC endpoint (Part 4 §4.1.7, §4.2.3)', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => void process.off('unhandledRejection', onUnhandled));

  it(`answers every CALL-shaped frame exactly once with the right code, never answers responses, never throws (${runs} frames, seed ${seed})`, async () => {
    const clock = new FakeClock();
    const replies: string[] = [];
    const router = new Router(blocks, [loggingMiddleware(silentLogger), validationMiddleware(silentLogger)]);
    const endpoint = new RpcEndpoint({ clock, logger: silentLogger, dispatcher: router }, 30_000);
    endpoint.connected({ send: (t) => (replies.push(t), true) });

    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: mutatedCall, weight: 3 }, { arbitrary: structural, weight: 2 }), async (text) => {
        replies.length = 0;
        expect(() => endpoint.receive(text)).not.toThrow();
        for (let i = 0; i < 10; i += 1) await Promise.resolve();
        const expected = expectedReply(text);
        expect(replies).toHaveLength(expected.replies);
        if (expected.replies === 0) return;
        const reply = JSON.parse(replies[0]!) as unknown[];
        expect(reply[1]).toBe(expected.id);
        expect(String(reply[1]).length).toBeLessThanOrEqual(36);
        if (expected.result === true) {
          expect(reply[0]).toBe(3);
          const action = (JSON.parse(text) as unknown[])[2] as string;
          expect(oracleAccepts(action, 'conf', reply[2])).toBe(true);
        } else {
          expect(reply).toEqual([4, expected.id, expect.any(String), expect.any(String), expect.any(Object)]);
          expect(expected.codes).toContain(reply[2]);
          expect(RPC_ERROR_CODES).toContain(reply[2]);
          expect((reply[3] as string).length).toBeLessThanOrEqual(255);
        }
      }),
      { numRuns: runs, seed },
    );
    expect(unhandled).toEqual([]);
  }, 600_000);
});
