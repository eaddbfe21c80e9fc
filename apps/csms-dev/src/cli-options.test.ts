import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from './cli-options.js';

function run(args: string[]): Extract<ReturnType<typeof parseCliArgs>, { kind: 'run' }> {
  const command = parseCliArgs(args);
  if (command.kind !== 'run') throw new Error(`expected run, got ${command.kind}`);
  return command;
}

function usageError(args: string[]): string {
  try {
    parseCliArgs(args);
  } catch (error) {
    if (error instanceof CliUsageError) return error.message;
    throw error;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

describe('csms-dev command line', () => {
  it('defaults: loopback, ports 9000/9001, boot Accepted, interval 300, accept all, log level info', () => {
    expect(run([])).toEqual({
      kind: 'run',
      logLevel: 'info',
      options: { host: '127.0.0.1', port: 9000, httpPort: 9001, policy: { boot: 'Accepted', heartbeatInterval: 300 }, ledgerSize: 10_000, callTimeoutMs: 30_000 },
    });
  });

  it('reads every option', () => {
    const command = run([
      '--host', '0.0.0.0', '--port', '0', '--http-port', '8081', '--boot', 'Pending', '--heartbeat-interval', '10',
      '--tokens', 'AA11, BB22', '--password', 'pw', '--ledger-size', '50', '--call-timeout', '5000', '--log-level', 'debug',
    ]);
    expect(command).toEqual({
      kind: 'run',
      logLevel: 'debug',
      options: {
        host: '0.0.0.0',
        port: 0,
        httpPort: 8081,
        policy: { boot: 'Pending', heartbeatInterval: 10, tokens: ['AA11', 'BB22'] },
        password: 'pw',
        ledgerSize: 50,
        callTimeoutMs: 5000,
      },
    });
  });

  it('--help and --version print and exit 0', () => {
    const help = parseCliArgs(['--help']);
    expect(help.kind).toBe('print');
    expect(help.kind === 'print' && help.text).toMatch(/--heartbeat-interval <seconds>/);
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'print', text: '0.1.0\n' });
  });

  it('bad options give a clear message', () => {
    expect(usageError(['--port', 'abc'])).toMatch(/--port must be a whole number from 0 to 65535/);
    expect(usageError(['--port', '70000'])).toMatch(/--port must be a whole number/);
    expect(usageError(['--http-port', '-1'])).toMatch(/--http-port/);
    expect(usageError(['--boot', 'Maybe'])).toMatch(/Allowed choices are Accepted, Pending, Rejected/);
    expect(usageError(['--heartbeat-interval', '0'])).toMatch(/--heartbeat-interval must be a whole number from 1/);
    expect(usageError(['--tokens', 'AA11,,BB22'])).toMatch(/idTokens of 1 to 36 characters/);
    expect(usageError(['--log-level', 'loud'])).toMatch(/Allowed choices are fatal, error/);
    expect(usageError(['--password', ''])).toMatch(/--password must not be empty/);
    expect(usageError(['--port', '9000', '--http-port', '9000'])).toBe('--port and --http-port must differ (both 9000)');
    expect(usageError(['--nope'])).toBe("unknown option '--nope'");
    expect(usageError(['extra'])).toMatch(/too many arguments/);
  });
});
