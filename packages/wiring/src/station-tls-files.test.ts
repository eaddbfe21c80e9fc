import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StationConfigError } from './station-config-error.js';
import { readStationTlsFiles } from './station-tls-files.js';

const ROOT = '-----BEGIN CERTIFICATE-----\nMIIBroot\n-----END CERTIFICATE-----';
const OLD_ROOT = '-----BEGIN CERTIFICATE-----\nMIIBold\n-----END CERTIFICATE-----';
const CHAIN = '-----BEGIN CERTIFICATE-----\nMIIBleaf\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEsecretkeybody\n-----END PRIVATE KEY-----\n';
const NAMES = { ca: '--ca', cert: '--cert', key: '--key' };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` into a new folder; returns the path of each by name. */
function onDisk(files: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'wiring-tls-'));
  dirs.push(dir);
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => {
      writeFileSync(join(dir, name), content);
      return [name, join(dir, name)];
    }),
  );
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StationConfigError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('readStationTlsFiles (A00 security profiles 2 and 3)', () => {
  it('profile 2 reads every CSMS root of the --ca file; profile 3 also the station chain and key; below 2 nothing is read', () => {
    const paths = onDisk({ 'ca.pem': `${ROOT}\n${OLD_ROOT}\n`, 'cert.pem': CHAIN, 'key.pem': KEY });
    expect(readStationTlsFiles({ securityProfile: 1, ca: '/nonexistent/ca.pem' }, NAMES)).toBeUndefined();
    expect(readStationTlsFiles({ securityProfile: 2, ca: paths['ca.pem'] }, NAMES)).toEqual({ csmsRootCertificates: [ROOT, OLD_ROOT] });
    expect(readStationTlsFiles({ securityProfile: 3, ca: paths['ca.pem'], cert: paths['cert.pem'], key: paths['key.pem'] }, NAMES)).toEqual({
      csmsRootCertificates: [ROOT, OLD_ROOT],
      clientCertificateChain: CHAIN,
      clientPrivateKey: KEY,
    });
  });

  it('names the file that is missing or holds no PEM of its kind, by the name the app gives it, never with its content', () => {
    const paths = onDisk({ 'ca.pem': ROOT, 'empty.pem': 'not a certificate', 'cert.pem': CHAIN, 'key.pem': KEY });
    const ca = paths['ca.pem'];
    expect(refusal(() => readStationTlsFiles({ securityProfile: 2, ca: '/nonexistent/ca.pem' }, { ...NAMES, ca: 'csms.ca' }))).toBe('cannot read csms.ca file /nonexistent/ca.pem: ENOENT');
    expect(refusal(() => readStationTlsFiles({ securityProfile: 2, ca: paths['empty.pem'] }, NAMES))).toBe(`--ca file ${paths['empty.pem']} holds no PEM certificate`);
    expect(refusal(() => readStationTlsFiles({ securityProfile: 3, ca, cert: paths['empty.pem'], key: paths['key.pem'] }, NAMES))).toBe(
      `--cert file ${paths['empty.pem']} holds no PEM certificate`,
    );
    // A certificate given as the key: the message names the file, and no PEM body reaches it.
    const wrongKey = refusal(() => readStationTlsFiles({ securityProfile: 3, ca, cert: paths['cert.pem'], key: paths['cert.pem'] }, NAMES));
    expect(wrongKey).toBe(`--key file ${paths['cert.pem']} holds no PEM private key`);
    expect(wrongKey).not.toContain('MIIB');
  });
});
