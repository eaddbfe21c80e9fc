import { describe, expect, it } from 'vitest';
import { parseSimArgs, type OptionSources } from './cli-options.js';
import { SimUsageError, stationDatabase, stationIdentity, type SimOptions } from './sim-options.js';

const PASSWORD = 'a-password-of-24-chars!!';

function run(args: string[], sources: OptionSources = { env: {} }): SimOptions {
  const command = parseSimArgs(args, sources);
  if (command.kind !== 'run') throw new Error(`expected run, got ${command.kind}`);
  return command.options;
}

function usageError(args: string[], sources: OptionSources = { env: {} }): string {
  try {
    parseSimArgs(args, sources);
  } catch (error) {
    if (error instanceof SimUsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

/** A config file system of one file. */
function configFile(content: unknown, env: Record<string, string> = {}): OptionSources {
  return { env: { EVSTATION_CONFIG: 'sim.json', ...env }, readText: (path) => (path === 'sim.json' ? JSON.stringify(content) : fail(path)) };
}

function fail(path: string): never {
  throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
}

describe('station-sim options (issue 6 §2)', () => {
  it('defaults: one station with 2 EVSEs, profile 0, control on 127.0.0.1:8180, csms-dev (no --csms), ./data database', () => {
    expect(run([])).toEqual({
      id: 'evstation-sim',
      evses: 2,
      stations: 1,
      securityProfile: 0,
      logLevel: 'info',
      messageLog: 50,
      deviceModel: [],
      control: { host: '127.0.0.1', port: 8180 },
    });
    expect(stationDatabase(run([]), 0)).toBe('data/evstation-sim.db');
  });

  it('reads every option from the command line', () => {
    expect(
      run([
        '--csms', 'ws://csms.example:9000/ocpp/', '--id', 'CS-7', '--evses', '4', '--stations', '3', '--db', 'runs/sim.db',
        '--security-profile', '1', '--password', PASSWORD, '--control', '[::1]:0', '--log-level', 'debug', '--message-log', '20',
      ]),
    ).toEqual({
      csms: 'ws://csms.example:9000/ocpp',
      id: 'CS-7',
      evses: 4,
      stations: 3,
      db: 'runs/sim.db',
      securityProfile: 1,
      password: PASSWORD,
      control: { host: '::1', port: 0 },
      logLevel: 'debug',
      messageLog: 20,
      deviceModel: [],
    });
  });

  it('--stations N names the stations <id>-0001... and gives each its own database', () => {
    const options = run(['--stations', '12', '--id', 'SIM', '--db', 'runs/fleet.db']);
    expect([0, 11].map((i) => stationIdentity(options.id, i, options.stations))).toEqual(['SIM-0001', 'SIM-0012']);
    expect([0, 11].map((i) => stationDatabase(options, i))).toEqual(['runs/fleet-0001.db', 'runs/fleet-0012.db']);
    expect(stationDatabase({ ...options, db: ':memory:' }, 3)).toBe(':memory:');
    expect(stationDatabase({ id: options.id, stations: options.stations }, 1)).toBe('data/SIM-0002.db');
  });

  it('reads EVSTATION_* environment variables; the command line wins over them', () => {
    const env = { EVSTATION_EVSES: '3', EVSTATION_SECURITY_PROFILE: '1', EVSTATION_PASSWORD: PASSWORD, EVSTATION_CSMS: 'ws://env.example', EVSTATION_CONTROL: 'off' };
    const options = run(['--evses', '5'], { env });
    expect(options).toMatchObject({ evses: 5, securityProfile: 1, password: PASSWORD, csms: 'ws://env.example' });
    expect(options.control).toBeUndefined();
  });

  it('reads a JSON config file (--config or EVSTATION_CONFIG) with device model values; env and command line win', () => {
    const file = {
      csms: 'ws://file.example',
      evses: 1,
      stations: 2,
      logLevel: 'warn',
      deviceModel: [{ component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, value: 15 }],
    };
    const options = run(['--stations', '4'], configFile(file, { EVSTATION_LOG_LEVEL: 'error' }));
    expect(options).toMatchObject({ csms: 'ws://file.example', evses: 1, stations: 4, logLevel: 'error' });
    expect(options.deviceModel).toEqual([{ component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, value: '15' }]);
    expect(run(['--config', 'sim.json'], { env: {}, readText: () => JSON.stringify({ id: 'FROM-FILE' }) }).id).toBe('FROM-FILE');
  });

  it('--help and --version print and exit 0', () => {
    const help = parseSimArgs(['--help'], { env: {} });
    const text = help.kind === 'print' ? help.text.replace(/\s+/g, ' ') : '';
    expect(text).toMatch(/--security-profile <n> OCPP security profile 0-3 \(default 0\) \[EVSTATION_SECURITY_PROFILE\]/);
    expect(parseSimArgs(['--version'], { env: {} })).toEqual({ kind: 'print', text: '0.1.0\n' });
  });

  it('bad values get a message naming the option (and its source) and what is allowed', () => {
    expect(usageError(['--evses', '0'])).toBe(`option '--evses' must be a whole number from 1 to 32 (got "0")`);
    expect(usageError(['--stations', 'many'])).toMatch(/^option '--stations' must be a whole number from 1 to 10000/);
    expect(usageError(['--csms', 'http://csms.example'])).toMatch(/^option '--csms' must be a ws:\/\/ or wss:\/\/ URL/);
    expect(usageError(['--csms', 'ws://user:pw@csms.example'])).toMatch(/must not carry credentials/);
    expect(usageError(['--id', 'has:colon'])).toMatch(/^option '--id' may hold only letters/);
    expect(usageError(['--id', 'x'.repeat(44)])).toMatch(/must be 1 to 43 characters/);
    expect(usageError(['--security-profile', '4'])).toMatch(/from 0 to 3/);
    expect(usageError(['--control', 'localhost'])).toMatch(/must be host:port \(e\.g\. 127\.0\.0\.1:8180\) or off/);
    expect(usageError(['--control', '127.0.0.1:70000'])).toMatch(/from 0 to 65535/);
    expect(usageError(['--log-level', 'loud'])).toMatch(/must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(usageError([], { env: { EVSTATION_EVSES: 'two' } })).toMatch(/^EVSTATION_EVSES must be a whole number/);
    expect(usageError(['--nope'])).toBe("unknown option '--nope'");
    expect(usageError(['extra'])).toMatch(/too many arguments/);
  });

  it('a short password is refused without echoing it', () => {
    const message = usageError(['--security-profile', '1', '--password', 'short-secret']);
    expect(message).toBe(`option '--password' must be 16 to 40 characters (got 12)`);
    expect(message).not.toContain('short-secret');
  });

  it('A00-A03: options that do not fit the security profile are named', () => {
    expect(usageError(['--security-profile', '1'])).toBe('--security-profile 1 needs --password (or EVSTATION_PASSWORD)');
    expect(usageError(['--password', PASSWORD])).toBe('--password is used only with --security-profile 1 or 2 (the profile is 0)');
    expect(usageError(['--security-profile', '2', '--password', PASSWORD, '--csms', 'wss://c.example'])).toBe('--security-profile 2 needs --ca (the CSMS root certificate)');
    expect(usageError(['--security-profile', '3', '--ca', 'ca.pem', '--csms', 'wss://c.example'])).toBe('--security-profile 3 needs --cert and --key (the station certificate and key)');
    expect(usageError(['--security-profile', '2', '--password', PASSWORD, '--ca', 'ca.pem'])).toMatch(/needs --csms wss:\/\/\.\.\.: the built-in csms-dev speaks ws:\/\/ only/);
    expect(usageError(['--csms', 'wss://c.example'])).toBe('a wss:// --csms URL needs --security-profile 2 or 3 (the profile is 0)');
    expect(usageError(['--cert', 'c.pem', '--key', 'k.pem'])).toMatch(/--cert and --key are used only with --security-profile 3/);
    expect(run(['--security-profile', '3', '--ca', 'ca.pem', '--cert', 'c.pem', '--key', 'k.pem', '--csms', 'wss://c.example'])).toMatchObject({ securityProfile: 3, ca: 'ca.pem' });
  });

  it('a bad config file is named with its problem', () => {
    expect(usageError(['--config', 'missing.json'], { env: {}, readText: fail })).toMatch(/^cannot read the config file missing\.json: ENOENT/);
    expect(usageError([], { env: { EVSTATION_CONFIG: 'sim.json' }, readText: () => '{ nope' })).toMatch(/^the config file sim\.json is not valid JSON/);
    expect(usageError([], configFile({ evses: 'two' }))).toMatch(/^sim\.json: "evses" must be a whole number/);
    expect(usageError([], configFile({ colour: 'blue' }))).toBe('sim.json: unknown key(s) "colour"');
    expect(usageError([], configFile({ control: true }))).toBe('sim.json: "control" must be a string or a number');
    expect(usageError([], configFile({ deviceModel: [{ component: 'TxCtrlr', variable: { name: 'X' }, value: 1 }] }))).toMatch(/deviceModel\[0\]\.component must be/);
  });
});
