import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslVersion, PkiBuilder, type KeySpec, type PemPair } from './test-pki.js';

/** A certificate to issue with {@link TestCertificateAuthority}. */
export interface IssueOptions {
  /** openssl -subj text, e.g. `/CN=EVS-1/O=My CSO`. */
  subject: string;
  /** The signer; omitted: self-signed. */
  issuer?: PemPair;
  /** basicConstraints CA:TRUE with keyCertSign; default false (a clientAuth leaf). */
  ca?: boolean;
  /** Default: one hour ago. */
  notBefore?: Date;
  /** Default: 30 days from now. */
  notAfter?: Date;
  /** Default EC P-256. */
  key?: KeySpec;
  /** A TLS server certificate (serverAuth) for this DNS name and 127.0.0.1, instead of a clientAuth leaf. */
  serverName?: string;
}

/** Options of {@link TestCertificateAuthority.signCsr}. */
export type SignCsrOptions = Omit<IssueOptions, 'issuer' | 'key' | 'subject'> & {
  /** Overrides the CSR's subject (to make a wrong CN/O). */
  subject?: string;
};

const P256: KeySpec = { kind: 'ec', curve: 'prime256v1' };
const HOUR_MS = 3_600_000;

/** openssl ca's date format (GeneralizedTime). */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * A test certificate authority on the openssl CLI (DESIGN §8): roots, cross-signed roots, CA and leaf certificates
 * with any validity window, and signing of CSRs made elsewhere (the station's certificate store), for the
 * certificate management tests (M03-M05, A02/A03).
 */
export class TestCertificateAuthority extends PkiBuilder {
  private counter = 0;

  /** A new authority in its own temporary directory; call `cleanup()` when done. */
  static create(): TestCertificateAuthority {
    opensslVersion();
    return new TestCertificateAuthority(mkdtempSync(join(tmpdir(), 'evstation-ca-')));
  }

  /** Issues a certificate with a new key pair. */
  issue(name: string, options: IssueOptions): PemPair {
    const key = this.newKey(name, options.key ?? P256);
    const csr = this.csr(name, key, options.subject);
    const cert = this.sign(name, csr, options.issuer === undefined ? { selfSignKey: key } : { issuer: options.issuer }, options);
    writeFileSync(this.path(`${name}.pem`), cert);
    return this.read(name);
  }

  /** Signs a PEM CSR with `issuer` and returns the PEM certificate (the key stays with whoever made the CSR). */
  signCsr(csrPem: string, issuer: PemPair, options: SignCsrOptions = {}): string {
    const name = `csr-${++this.counter}`;
    const csr = this.path(`${name}.csr`);
    writeFileSync(csr, csrPem);
    return this.sign(name, csr, { issuer }, options);
  }

  /** Removes the directory. */
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private sign(name: string, csr: string, signer: { issuer: PemPair } | { selfSignKey: string }, options: SignCsrOptions): string {
    const caDir = this.path(`${name}-ca-${++this.counter}`);
    mkdirSync(caDir);
    writeFileSync(join(caDir, 'index.txt'), '');
    writeFileSync(join(caDir, 'serial'), `${(this.serial++).toString(16).padStart(4, '0')}\n`);
    const files = 'issuer' in signer ? this.adopt(signer.issuer) : undefined;
    const config = join(caDir, 'ca.cnf');
    writeFileSync(config, caConfig(caDir, files, options.serverName));
    const now = Date.now();
    const out = join(caDir, 'issued.pem');
    const args = ['ca', '-batch', '-config', config, '-in', csr, '-out', out, '-notext', '-preserveDN', '-extensions', options.ca === true ? 'ext_ca' : options.serverName === undefined ? 'ext_leaf' : 'ext_server',
      '-startdate', opensslDate(options.notBefore ?? new Date(now - HOUR_MS)), '-enddate', opensslDate(options.notAfter ?? new Date(now + 30 * 24 * HOUR_MS))];
    if ('selfSignKey' in signer) args.push('-selfsign', '-keyfile', signer.selfSignKey);
    if (options.subject !== undefined) args.push('-subj', options.subject);
    this.openssl(args);
    return readFileSync(out, 'utf8');
  }

  /** The files of an issuer, written here when another builder made it (e.g. createTestPki's csmsRoot). */
  private adopt(issuer: PemPair): { cert: string; key: string } {
    if (!this.names.has(issuer.cert)) {
      const name = `adopted-${++this.counter}`;
      writeFileSync(this.path(`${name}.pem`), issuer.cert);
      writeFileSync(this.path(`${name}.key`), issuer.key, { mode: 0o600 });
      this.names.set(issuer.cert, name);
    }
    return this.issuerFiles(issuer);
  }
}

/** An `openssl ca` configuration that keeps the request's DN and offers CA, client leaf and server leaf extension sections. */
function caConfig(caDir: string, issuer: { cert: string; key: string } | undefined, serverName = 'localhost'): string {
  return [
    '[ca]', 'default_ca = test_ca', '[test_ca]', `dir = ${caDir}`, 'database = $dir/index.txt', 'serial = $dir/serial', 'new_certs_dir = $dir',
    ...(issuer === undefined ? [] : [`certificate = ${issuer.cert}`, `private_key = ${issuer.key}`]),
    'default_md = sha256', 'policy = policy_any', 'unique_subject = no', 'copy_extensions = none', 'email_in_dn = no',
    '[policy_any]', 'countryName = optional', 'organizationName = optional', 'commonName = supplied',
    '[ext_ca]', 'basicConstraints = critical,CA:TRUE', 'keyUsage = critical,keyCertSign,cRLSign',
    '[ext_leaf]', 'basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyAgreement', 'extendedKeyUsage = clientAuth',
    '[ext_server]', 'basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,keyAgreement', 'extendedKeyUsage = serverAuth',
    `subjectAltName = DNS:${serverName},IP:127.0.0.1`, '',
  ].join('\n');
}
