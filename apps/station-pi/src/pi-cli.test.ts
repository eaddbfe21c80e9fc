import { describe, expect, it } from 'vitest';
import { readPiCommand } from './pi-cli.js';
import { configErrorOf, EXAMPLE_CONFIG_TEXT as example, PASSWORD } from './testing/example-config.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function files(map: Record<string, string>): (path: string) => string {
  return (path) => {
    const content = map[path];
    if (content === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return content;
  };
}

function refusal(args: string[], env: Record<string, string>, read: (path: string) => string): string {
  return configErrorOf(() => readPiCommand(args, env, read));
}

describe('station-pi command line (issue 6 §4)', () => {
  it('reads --config (or EVSTATION_CONFIG), checks it and reads the CSMS root certificate it names', () => {
    const read = files({ 'pi.json': example, '/etc/evstation/csms-root.pem': PEM });
    const command = readPiCommand(['--config', 'pi.json'], { EVSTATION_PASSWORD: PASSWORD }, read);
    expect(command).toMatchObject({ kind: 'run', config: { station: { identity: 'PI-0001' } }, tls: { csmsRootCertificates: [PEM.trim()] } });
    expect(readPiCommand([], { EVSTATION_CONFIG: 'pi.json', EVSTATION_PASSWORD: PASSWORD }, read).kind).toBe('run');
  });

  it('names what is wrong: no config, unreadable file, bad JSON, a missing field, a missing certificate file', () => {
    expect(refusal([], {}, files({}))).toBe('give the config file: --config <file> (or EVSTATION_CONFIG)');
    expect(refusal(['--config', 'nope.json'], {}, files({}))).toBe('the config file nope.json cannot be read: ENOENT');
    expect(refusal(['--config', 'pi.json'], {}, files({ 'pi.json': '{ "station": ' }))).toMatch(/^the config file pi\.json is not valid JSON/);
    expect(refusal(['--config', 'pi.json'], {}, files({ 'pi.json': JSON.stringify({ ...JSON.parse(example), controller: {} }) }))).toContain('pi.json: the config is not complete: csms.password is missing');
    expect(refusal(['--config', 'pi.json'], { EVSTATION_PASSWORD: PASSWORD }, files({ 'pi.json': example }))).toBe('pi.json: cannot read csms.ca file /etc/evstation/csms-root.pem: ENOENT');
    expect(refusal(['--nope'], {}, files({}))).toBe("unknown option '--nope'");
  });
});
