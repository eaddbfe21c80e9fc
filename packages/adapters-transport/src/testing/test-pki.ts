import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM certificate (chain) and its PEM private key. */
export interface PemPair {
  cert: string;
  key: string;
}

/** Every certificate the TLS tests need (reliability.md §4.3), made fresh by openssl for each run. */
export interface TestPki {
  /** Directory holding the files; removed by `cleanup()`. */
  dir: string;
  /** The installed CSMSRootCertificate (EC P-256). */
  csmsRoot: PemPair;
  /** Valid CSMS certificate, EC P-256, SAN DNS:localhost, IP:127.0.0.1. */
  server: PemPair;
  /** Valid CSMS certificate with an RSA-2048 key (for the TLS_RSA / ECDHE-RSA suites). */
  serverRsa2048: PemPair;
  /** Valid names, but issued by a root the station does not trust. */
  unknownCaServer: PemPair;
  /** Issued by the CSMS root, valid 2020-01-01..2020-01-02. */
  expiredServer: PemPair;
  /** Issued by the CSMS root, valid only from 2099. */
  notYetValidServer: PemPair;
  /** Issued by the CSMS root for wrong.evstation.test (CN and SAN). */
  wrongHostServer: PemPair;
  /** Issued by the CSMS root with CN *.evstation.test and SAN DNS:*.evstation.test, DNS:localhost, IP:127.0.0.1. */
  wildcardServer: PemPair;
  /** Issued by the CSMS root with an RSA-1024 key (too weak, A00.FR.507). */
  rsa1024Server: PemPair;
  /** Issued by the CSMS root with an EC P-192 key (too weak, A00.FR.508). */
  ecP192Server: PemPair;
  /** A self-signed leaf for localhost. */
  selfSignedServer: PemPair;
  /** The CA that signs station certificates (the CSMS trusts it for profile 3). */
  stationRoot: PemPair;
  /** Station certificate for profile 3: CN = serial number, O = CSO name (A00.FR.404/405). */
  station: PemPair;
  /** Station certificate from a CA the CSMS does not know. */
  unknownCaStation: PemPair;
  /** The station certificate's CN (its serial number). */
  stationSerialNumber: string;
  /** Removes the directory. */
  cleanup(): void;
}

/** A key to generate: an EC curve (openssl name) or an RSA size. */
export type KeySpec = { kind: 'ec'; curve: string } | { kind: 'rsa'; bits: number };

const P256: KeySpec = { kind: 'ec', curve: 'prime256v1' };
const STATION_SERIAL = 'EVS-SN-000123';
const CSO_NAME = 'EVStation Test CSO';

/** Returns `openssl version`, or throws a clear error when openssl is missing (the TLS tests must not skip silently). */
export function opensslVersion(): string {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('openssl is required for the TLS tests: apt-get install -y openssl');
  }
}

/** Generates the test PKI into a new temporary directory with the openssl CLI (DESIGN §8: real PKI at test time). */
export function createTestPki(): TestPki {
  opensslVersion();
  const dir = mkdtempSync(join(tmpdir(), 'evstation-pki-'));
  const pki = new PkiBuilder(dir);
  const csmsRoot = pki.root('csms-root', '/CN=Test CSMS Root/O=EVStation Test CSO');
  const otherRoot = pki.root('other-root', '/CN=Unknown Root');
  const stationRoot = pki.root('station-root', `/CN=Test Station CA/O=${CSO_NAME}`);
  const serverSan = 'DNS:localhost,IP:127.0.0.1';
  return {
    dir,
    csmsRoot,
    server: pki.leaf('server', csmsRoot, { subject: '/CN=localhost', san: serverSan }),
    serverRsa2048: pki.leaf('server-rsa2048', csmsRoot, { subject: '/CN=localhost', san: serverSan, key: { kind: 'rsa', bits: 2048 } }),
    unknownCaServer: pki.leaf('unknown-ca-server', otherRoot, { subject: '/CN=localhost', san: serverSan }),
    expiredServer: pki.dated('expired-server', csmsRoot, serverSan, '20200101000000Z', '20200102000000Z'),
    notYetValidServer: pki.dated('future-server', csmsRoot, serverSan, '20990101000000Z', '20990102000000Z'),
    wrongHostServer: pki.leaf('wrong-host-server', csmsRoot, { subject: '/CN=wrong.evstation.test', san: 'DNS:wrong.evstation.test' }),
    wildcardServer: pki.leaf('wildcard-server', csmsRoot, {
      subject: '/CN=*.evstation.test',
      san: `DNS:*.evstation.test,${serverSan}`,
    }),
    rsa1024Server: pki.leaf('rsa1024-server', csmsRoot, { subject: '/CN=localhost', san: serverSan, key: { kind: 'rsa', bits: 1024 } }),
    ecP192Server: pki.leaf('p192-server', csmsRoot, { subject: '/CN=localhost', san: serverSan, key: { kind: 'ec', curve: 'prime192v1' } }),
    selfSignedServer: pki.selfSigned('self-signed-server', serverSan),
    stationRoot,
    station: pki.leaf('station', stationRoot, { subject: `/CN=${STATION_SERIAL}/O=${CSO_NAME}`, client: true }),
    unknownCaStation: pki.leaf('unknown-ca-station', otherRoot, { subject: `/CN=${STATION_SERIAL}/O=${CSO_NAME}`, client: true }),
    stationSerialNumber: STATION_SERIAL,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A leaf certificate to issue with `PkiBuilder.leaf`. */
export interface LeafSpec {
  subject: string;
  san?: string;
  key?: KeySpec;
  client?: boolean;
}

/** Runs the openssl commands; one instance per PKI directory (extended by TestCertificateAuthority). */
export class PkiBuilder {
  protected serial = 0x1000;

  constructor(protected readonly dir: string) {}

  root(name: string, subject: string): PemPair {
    const key = this.newKey(name, P256);
    const cert = this.path(`${name}.pem`);
    this.openssl(['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '30', '-subj', subject, '-sha256',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    return this.read(name);
  }

  leaf(name: string, issuer: PemPair, spec: LeafSpec): PemPair {
    const key = this.newKey(name, spec.key ?? P256);
    const csr = this.csr(name, key, spec.subject);
    const ext = this.extFile(name, spec);
    const issuerFiles = this.issuerFiles(issuer);
    this.openssl(['x509', '-req', '-in', csr, '-CA', issuerFiles.cert, '-CAkey', issuerFiles.key, '-set_serial', String(this.serial++),
      '-days', '30', '-sha256', '-extfile', ext, '-extensions', 'leaf', '-out', this.path(`${name}.pem`)]);
    return this.read(name);
  }

  /** A leaf with fixed validity dates; `openssl ca` sets them on every OpenSSL 3.x (x509 -not_before needs 3.4). */
  dated(name: string, issuer: PemPair, san: string, start: string, end: string): PemPair {
    const key = this.newKey(name, P256);
    const csr = this.csr(name, key, '/CN=localhost');
    const caDir = this.path(`${name}-ca`);
    mkdirSync(caDir);
    writeFileSync(join(caDir, 'index.txt'), '');
    writeFileSync(join(caDir, 'serial'), `${(this.serial++).toString(16).padStart(4, '0')}\n`);
    const issuerFiles = this.issuerFiles(issuer);
    const config = join(caDir, 'ca.cnf');
    writeFileSync(
      config,
      [
        '[ca]', 'default_ca = test_ca', '[test_ca]', `dir = ${caDir}`, 'database = $dir/index.txt', 'serial = $dir/serial',
        'new_certs_dir = $dir', `certificate = ${issuerFiles.cert}`, `private_key = ${issuerFiles.key}`, 'default_md = sha256',
        'policy = policy_any', 'unique_subject = no', 'copy_extensions = none', 'x509_extensions = leaf',
        '[policy_any]', 'commonName = supplied', '[leaf]', 'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature,keyAgreement', 'extendedKeyUsage = serverAuth', `subjectAltName = ${san}`, '',
      ].join('\n'),
    );
    this.openssl(['ca', '-batch', '-config', config, '-in', csr, '-out', this.path(`${name}.pem`), '-startdate', start, '-enddate', end, '-notext']);
    return this.read(name);
  }

  selfSigned(name: string, san: string): PemPair {
    const key = this.newKey(name, P256);
    this.openssl(['req', '-x509', '-new', '-key', key, '-out', this.path(`${name}.pem`), '-days', '30', '-subj', '/CN=localhost', '-sha256',
      '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:FALSE']);
    return this.read(name);
  }

  protected newKey(name: string, spec: KeySpec): string {
    const out = this.path(`${name}.key`);
    const args = spec.kind === 'ec'
      ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${spec.curve}`, '-pkeyopt', 'ec_param_enc:named_curve']
      : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.bits}`];
    this.openssl([...args, '-out', out]);
    return out;
  }

  protected csr(name: string, key: string, subject: string): string {
    const out = this.path(`${name}.csr`);
    this.openssl(['req', '-new', '-key', key, '-subj', subject, '-out', out]);
    return out;
  }

  protected extFile(name: string, spec: LeafSpec): string {
    const lines = ['[leaf]', 'basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyEncipherment,keyAgreement'];
    lines.push(`extendedKeyUsage = ${spec.client === true ? 'clientAuth' : 'serverAuth'}`);
    if (spec.san !== undefined) lines.push(`subjectAltName = ${spec.san}`);
    const out = this.path(`${name}.ext`);
    writeFileSync(out, `${lines.join('\n')}\n`);
    return out;
  }

  /** The files of an issuer made by this builder, found by content. */
  protected issuerFiles(issuer: PemPair): { cert: string; key: string } {
    const name = this.names.get(issuer.cert);
    if (name === undefined) throw new Error('issuer was not made by this PKI builder');
    return { cert: this.path(`${name}.pem`), key: this.path(`${name}.key`) };
  }

  protected readonly names = new Map<string, string>();

  protected read(name: string): PemPair {
    const pair = { cert: readFileSync(this.path(`${name}.pem`), 'utf8'), key: readFileSync(this.path(`${name}.key`), 'utf8') };
    this.names.set(pair.cert, name);
    return pair;
  }

  protected path(file: string): string {
    return join(this.dir, file);
  }

  protected openssl(args: string[]): void {
    try {
      execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim()}`);
    }
  }
}
