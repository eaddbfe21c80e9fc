import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, type OcppAction } from './generated/actions.js';
import { getValidator } from './validators.js';

const KNOWN_STRICT_WARNING = 'strict mode: "additionalItems" is ignored when "items" is not an array of schemas';

interface OfficialSchema {
  $id: string;
  [key: string]: unknown;
}

/** The official bundle, read at run time exactly as shipped by ocpp-rpc. */
function loadOfficialSchemas(): OfficialSchema[] {
  const bundle: unknown = createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp2_0_1.json');
  if (!Array.isArray(bundle)) throw new Error('expected an array of schemas');
  return bundle as OfficialSchema[];
}

/** Export name of a schema: `urn:Authorize.req` -> `AuthorizeRequest`. */
function exportName(id: string): string {
  return id.replace(/^urn:/, '').replace(/\.req$/, 'Request').replace(/\.conf$/, 'Response');
}

describe('official OCPP 2.0.1 schemas compiled at run time', () => {
  const compiled = new Map<string, ValidateFunction>();
  const warnings: string[] = [];
  let schemas: OfficialSchema[] = [];

  beforeAll(() => {
    schemas = loadOfficialSchemas();
    // Same deliberate handling as the generator: strict schema errors become warnings (only the
    // additionalItems no-op is tolerated, checked below), $id is dropped (ajv cannot serialise `urn:X.req`).
    const ajv = new Ajv({
      strict: true,
      strictSchema: 'log',
      allErrors: false,
      logger: { log: () => undefined, warn: (...args: unknown[]) => warnings.push(args.join(' ')), error: () => undefined },
    });
    // Under Node ESM the default import is module.exports, whose `default` is the plugin itself.
    addFormatsModule.default(ajv);
    for (const { $id, ...schema } of schemas) compiled.set(exportName($id), ajv.compile(schema));
  });

  it('compiles exactly 128 schemas, one request and one response for each of the 64 actions', () => {
    expect(schemas).toHaveLength(128);
    expect(compiled.size).toBe(128);
    const actions = new Set(schemas.map((s) => s.$id.replace(/^urn:|\.(req|conf)$/g, '')));
    expect(actions.size).toBe(64);
    expect([...actions].sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const action of actions) expect(compiled.has(`${action}Request`) && compiled.has(`${action}Response`)).toBe(true);
  });

  it('raises no strict-mode complaint other than the known additionalItems no-op', () => {
    expect(new Set(warnings)).toEqual(new Set([KNOWN_STRICT_WARNING]));
  });

  it('rejects the official $id as ajv 8.20 does, which is why it is dropped', () => {
    const ajv = new Ajv({ strictSchema: false });
    expect(() => ajv.compile(schemas[0] ?? {})).toThrow(/URN without nid/);
  });

  const probes: ReadonlyArray<readonly [string, unknown]> = [
    ['an empty object', {}],
    ['null', null],
    ['an array', []],
    ['an unknown property', { unexpected: 1 }],
    ['customData only', { customData: { vendorId: 'org.example', extra: true } }],
    ['customData without vendorId', { customData: { extra: true } }],
  ];

  it.each(probes)('agrees with the standalone validators of all 128 schemas on %s', (_label, payload) => {
    for (const [name, runtime] of compiled) {
      const action = name.replace(/(Request|Response)$/, '') as OcppAction;
      const standalone = getValidator(action, name.endsWith('Request') ? 'request' : 'response')(payload);
      const valid = runtime(payload);
      expect(standalone === undefined, name).toBe(valid);
      const first = runtime.errors?.[0];
      if (first) expect(standalone?.[0], name).toEqual({ keyword: first.keyword, instancePath: first.instancePath, message: first.message, params: first.params });
    }
  });

  const samples: ReadonlyArray<readonly [OcppAction, 'request' | 'response', unknown]> = [
    ['BootNotification', 'request', { reason: 'PowerUp', chargingStation: { model: 'M1', vendorName: 'V' } }],
    ['BootNotification', 'request', { reason: 'PowerUp', chargingStation: { model: 'M'.repeat(21), vendorName: 'V' } }],
    ['BootNotification', 'response', { currentTime: '2025-01-01T00:00:00Z', interval: 300, status: 'Accepted' }],
    ['BootNotification', 'response', { currentTime: '2025-01-01 noon', interval: 300, status: 'Accepted' }],
    ['TransactionEvent', 'request', { eventType: 'Started', timestamp: '2025-01-01T00:00:00Z', triggerReason: 'CablePluggedIn', seqNo: 0, transactionInfo: { transactionId: 't1' } }],
    ['TransactionEvent', 'request', { eventType: 'Started', timestamp: '2025-01-01T00:00:00Z', triggerReason: 'CablePluggedIn', seqNo: 0, transactionInfo: { transactionId: 't1' }, meterValue: [] }],
    ['MeterValues', 'request', { evseId: 1, meterValue: [{ timestamp: '2025-01-01T00:00:00Z', sampledValue: [{ value: 1.5 }] }] }],
    ['MeterValues', 'request', { evseId: 1.5, meterValue: [{ timestamp: '2025-01-01T00:00:00Z', sampledValue: [{ value: 1.5 }] }] }],
    ['SetVariables', 'request', { setVariableData: [{ attributeValue: '30', component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' } }] }],
    ['SetVariables', 'request', { setVariableData: [{ attributeValue: '30', attributeType: 'Nope', component: { name: 'C' }, variable: { name: 'V' } }] }],
    ['Heartbeat', 'request', {}],
    ['Heartbeat', 'response', { currentTime: 'now' }],
  ];

  it.each(samples)('agrees with the standalone validator on a %s %s sample', (action, kind, payload) => {
    const runtime = compiled.get(`${action}${kind === 'request' ? 'Request' : 'Response'}`);
    const standalone = getValidator(action, kind)(payload);
    expect(runtime).toBeDefined();
    expect(standalone === undefined).toBe(runtime?.(payload));
    expect(standalone?.[0]?.keyword).toBe(runtime?.errors?.[0]?.keyword);
  });
});
