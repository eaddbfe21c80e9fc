import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicForms, IDENTITY, runSecretsScenario, SECRETS, type SecretsEvidence } from './secrets-scenario.js';

/*
 * R9 credential hygiene (reliability.md §4.2): after a scenario that handles every kind of secret the station has
 * (see secrets-scenario.ts), the password, base64(identity:password), URL credentials and PEM private keys appear in
 * none of: the log at its most verbose level, the OCPP message log (callback ocppMessages), security events, the errors
 * the stack produced, the log files it uploaded. The station's key files in its certificate directory are the one place
 * a private key may be. The SQLite database keeps what the station needs after a restart, and nothing longer: the
 * current BasicAuthPassword (SecurityCtrlr in the device model, read at every connection) and, while an update runs, its
 * firmware location with credentials (a download interrupted by a restart resumes with them).
 */
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** The secret strings (passwords, URL credentials, Basic forms) and the bodies of the station's private keys. */
function secretStrings(evidence: SecretsEvidence): string[] {
  return [...Object.values(SECRETS), ...basicForms(), ...keyBodies(evidence)];
}

/** The station's key files: the active certificate with its key and pending CSR keys (A02). */
function keyFiles(evidence: SecretsEvidence): string[] {
  const dir = evidence.ports.certificateDirectory;
  return readdirSync(dir)
    .filter((name) => name.startsWith('station.') || name.startsWith('csr.'))
    .map((name) => join(dir, name));
}

/** The first 40 base64 characters of each private key body: a leaked key shows them even without its PEM header. */
function keyBodies(evidence: SecretsEvidence): string[] {
  return keyFiles(evidence).map((file) => {
    const pem = readFileSync(file, 'utf8');
    const block = /-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)-----END/.exec(pem)?.[1] ?? '';
    return block.replace(/\s+/g, '').slice(0, 40);
  });
}

/** The secrets (and PEM private key headers) found in `text`, described for the failure message. */
function leaks(evidence: SecretsEvidence, text: string): string[] {
  const found = secretStrings(evidence).filter((secret) => secret !== '' && text.includes(secret));
  return [...found, ...(PRIVATE_KEY.test(text) ? ['-----BEGIN ... PRIVATE KEY'] : [])];
}

/** Every log line, errors expanded with their stack and cause (a serializer that dropped them would hide a leak). */
function allLogText(evidence: SecretsEvidence): string {
  return evidence.logger.entries
    .map((entry) => JSON.stringify(entry, (_key, value: unknown) => (value instanceof Error ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause } : value)))
    .join('\n');
}

describe('R9 credential hygiene across logs, frames, events, errors and storage', () => {
  let evidence: SecretsEvidence;

  beforeAll(async () => {
    evidence = await runSecretsScenario();
  }, 60_000);
  afterAll(async () => {
    // Undefined when the scenario itself failed (beforeAll reports that).
    await (evidence as SecretsEvidence | undefined)?.dispose();
  });

  it('R9 the scenario really handled the secrets (the checks below are not vacuous)', () => {
    expect(evidence.authorizations).toEqual(expect.arrayContaining([`Basic ${basicForms()[2] ?? ''}`, `Basic ${basicForms()[3] ?? ''}`]));
    expect(evidence.logger.entries.filter((e) => e.level === 'trace').length).toBeGreaterThan(0);
    expect(evidence.frames.length).toBeGreaterThan(20);
    expect(evidence.uploads.length).toBeGreaterThanOrEqual(2);
    expect(evidence.errors).toHaveLength(7);
    // The active station certificate with its key, and the key of a pending CSR.
    expect(keyFiles(evidence).filter((file) => PRIVATE_KEY.test(readFileSync(file, 'utf8')))).toHaveLength(2);
  });

  it('R9 no secret in any log line, whatever the level', () => {
    expect(leaks(evidence, allLogText(evidence))).toEqual([]);
  });

  it('R9 no secret in the OCPP message log (ocppMessages), in either direction', () => {
    const offending = evidence.frames.filter((f) => leaks(evidence, f.text).length > 0).map((f) => `${f.direction} ${f.text.slice(0, 160)}`);
    expect(offending).toEqual([]);
  });

  it('R9 no secret in security events (callback and techInfo)', () => {
    expect(leaks(evidence, JSON.stringify(evidence.securityEvents))).toEqual([]);
  });

  it('R9 no secret in the errors the stack produced (configuration checks, failed transfers)', () => {
    expect(leaks(evidence, evidence.errors.join('\n'))).toEqual([]);
  });

  it('R9 no secret in the log files the station uploaded (DiagnosticsLog, SecurityLog)', () => {
    expect(leaks(evidence, Buffer.concat(evidence.uploads).toString('utf8'))).toEqual([]);
  });

  it('R9 the stores hold the password only where the station needs it, and no other secret', () => {
    const { stores } = evidence;
    // The station reconnects with it after a restart: SecurityCtrlr.BasicAuthPassword is kept in its device model.
    const variables = stores.deviceModel.loadAll();
    const isPassword = (v: (typeof variables)[number]): boolean => v.component.name === 'SecurityCtrlr' && v.variable.name === 'BasicAuthPassword';
    expect(variables.filter(isPassword).flatMap((v) => v.attributes.map((a) => a.value))).toEqual([SECRETS.secondPassword]);
    const everythingElse = JSON.stringify({
      deviceModel: variables.filter((v) => !isPassword(v)),
      queue: stores.messageQueue.peek(10_000),
      securityLog: stores.securityLog.list(),
      networkProfiles: stores.networkProfiles.loadAll(),
      authCache: stores.authCache.list(),
      transactions: stores.transactions.loadAll(),
      availability: stores.availability.loadAll(),
      firmware: stores.firmware.load() ?? null,
    });
    expect(leaks(evidence, everythingElse)).toEqual([]);
  });

  it('R9 the SQLite database files: never a Basic form, key or refused password; once closed, only the current password', async () => {
    const never = [...basicForms(), ...keyBodies(evidence), SECRETS.refusedPassword, SECRETS.ftpPassword, SECRETS.logHttpPassword];
    // Held while needed (the replaced password, the locations of finished firmware updates), then deleted: secure_delete
    // zeroes them, and the WAL frames that still show them while the station runs are gone once the database is closed.
    const deleted = [SECRETS.firstPassword, SECRETS.firmwareHttpPassword, SECRETS.wrongFtpPassword];
    const bytes = (): string => [evidence.dbPath, `${evidence.dbPath}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1')).join('\n');
    const found = (text: string, secrets: string[]): string[] => [...secrets.filter((secret) => text.includes(secret)), ...(PRIVATE_KEY.test(text) ? ['PRIVATE KEY'] : [])];
    expect(found(bytes(), never)).toEqual([]);
    await evidence.stopStation();
    expect(existsSync(`${evidence.dbPath}-wal`)).toBe(false);
    const closed = bytes();
    expect(found(closed, [...never, ...deleted])).toEqual([]);
    // The one secret the file keeps: the password the station must present after its next start (as libocpp does).
    expect(closed).toContain(SECRETS.secondPassword);
  });

  it('R9 private keys live only in the station key files (mode 0600) of the certificate directory', () => {
    const dir = evidence.ports.certificateDirectory;
    const others = readdirSync(dir).filter((name) => !keyFiles(evidence).includes(join(dir, name)));
    expect(others.filter((name) => PRIVATE_KEY.test(readFileSync(join(dir, name), 'utf8')))).toEqual([]);
    for (const file of keyFiles(evidence)) expect((statSync(file).mode & 0o077).toString(8)).toBe('0');
    expect(readdirSync(evidence.ports.downloadDirectory).filter((name) => PRIVATE_KEY.test(readFileSync(join(evidence.ports.downloadDirectory, name), 'latin1')))).toEqual([]);
    expect(IDENTITY).not.toContain(':');
  });
});
