import { describe, expect, it } from 'vitest';
import { parsePiConfig } from './parse-pi-config.js';
import { configErrorOf, exampleConfigJson, PASSWORD } from './testing/example-config.js';

const example = exampleConfigJson();

function without(path: string): Record<string, unknown> {
  const copy = exampleConfigJson();
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  delete node[parts.at(-1) ?? ''];
  return copy;
}

function patched(patch: (config: Record<string, Record<string, unknown>>) => void): Record<string, unknown> {
  const copy = exampleConfigJson();
  patch(copy);
  return copy;
}

function problem(json: unknown, env: Record<string, string> = {}): string {
  return configErrorOf(() => parsePiConfig(json, env));
}

describe('station-pi config (issue 6 §4)', () => {
  it('accepts the shipped config.example.json: RTU meter, GPIO lock, RAPI controller, serial reader, profile 2', () => {
    const config = parsePiConfig(example, { EVSTATION_PASSWORD: PASSWORD });
    expect(config).toMatchObject({
      station: { identity: 'PI-0001', model: 'evstation-pi' },
      csms: { url: 'wss://csms.example.com/ocpp', securityProfile: 2, ca: '/etc/evstation/csms-root.pem' },
      meter: { model: 'eastron-sdm630', unitId: 1, link: { transport: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'none' }, intervalS: 10 },
      lock: { pins: { lock: 529, unlock: 530, feedback: 531 }, lockedLevel: 1, timing: { pulseMs: 600, settleMs: 200 } },
      controller: { port: '/dev/ttyAMA0', baudRate: 115_200 },
      tokenReader: { port: '/dev/ttyUSB1', baudRate: 9600 },
      deviceModel: [{ component: { name: 'TxCtrlr' }, variable: { name: 'EVConnectionTimeOut' }, value: '120' }],
    });
  });

  it.each([
    ['station.identity', 'station.identity is missing'],
    ['csms.url', 'csms.url is missing'],
    ['csms.ca', 'csms.ca is missing'],
    ['storage.path', 'storage.path is missing'],
    ['evse.maxCurrentA', 'evse.maxCurrentA is missing'],
    ['meter.model', 'meter.model is missing'],
    ['meter.unitId', 'meter.unitId is missing'],
    ['meter.rtu', 'meter needs "rtu"'],
    ['meter.rtu.port', 'meter.rtu.port is missing'],
    ['lock', 'lock is missing'],
    ['lock.pins.feedback', 'lock.pins.feedback is missing'],
    ['controller.port', 'controller.port is missing'],
    ['tokenReader', 'tokenReader is missing'],
  ])('refuses a config without %s, naming it', (path, message) => {
    expect(problem(without(path), { EVSTATION_PASSWORD: PASSWORD })).toContain(message);
  });

  it('names every problem at once', () => {
    const message = problem({ station: { identity: 'PI-1' }, csms: { url: 'ws://c.example', securityProfile: 0 } });
    for (const field of ['station.model', 'storage.path', 'evse.maxCurrentA', 'evse.phases', 'meter.model', 'lock', 'controller.port', 'tokenReader']) expect(message).toContain(field);
  });

  it('A01: profiles 1 and 2 need a password, from the file or EVSTATION_PASSWORD; it is never echoed', () => {
    expect(problem(example)).toContain('csms.password is missing: security profile 2 needs it (or EVSTATION_PASSWORD)');
    expect(parsePiConfig(example, { EVSTATION_PASSWORD: PASSWORD }).csms.password).toBe(PASSWORD);
    const short = problem(patched((c) => (c['csms']!['password'] = 'tiny-secret')));
    expect(short).toContain('csms.password must be 16 to 40 characters');
    expect(short).not.toContain('tiny-secret');
  });

  it('checks values: meter model, URL scheme for the profile, pins, baud rate', () => {
    expect(problem(patched((c) => (c['meter']!['model'] = 'acme-9000')), { EVSTATION_PASSWORD: PASSWORD })).toMatch(/meter\.model must be one of eastron-sdm630, .* \(got "acme-9000"\)/);
    expect(problem(patched((c) => (c['csms']!['url'] = 'ws://c.example')), { EVSTATION_PASSWORD: PASSWORD })).toContain('csms.url must be wss:// for security profile 2');
    expect(problem(patched((c) => ((c['lock']!['pins'] as Record<string, number>)['unlock'] = 529)), { EVSTATION_PASSWORD: PASSWORD })).toContain('lock.pins must be three different GPIO lines');
    expect(problem(patched((c) => ((c['meter']!['rtu'] as Record<string, number>)['baudRate'] = 1234)), { EVSTATION_PASSWORD: PASSWORD })).toContain('meter.rtu.baudRate must be one of 1200');
    expect(problem(patched((c) => (c['colour'] = { name: 'red' })), { EVSTATION_PASSWORD: PASSWORD })).toContain('unknown key(s) "colour"');
  });

  it('a tethered cable needs no lock; a Modbus TCP meter and no reader are fine', () => {
    const config = parsePiConfig(
      patched((c) => {
        c['evse']!['tethered'] = true;
        delete c['lock'];
        c['meter'] = { model: 'abb-b23', unitId: 3, tcp: { host: '192.168.1.50' } };
        (c as Record<string, unknown>)['tokenReader'] = 'none';
        c['csms'] = { url: 'ws://c.example', securityProfile: 0 };
      }),
    );
    expect(config).toMatchObject({ lock: null, tokenReader: null, evse: { tethered: true }, meter: { link: { transport: 'tcp', host: '192.168.1.50', port: 502 } } });
  });
});
