import { readFileSync } from 'node:fs';
import type { ChargePointTlsMaterial, SecurityProfile } from '@evstation/core';
import { StationConfigError } from './station-config-error.js';

/** The PEM files an app's configuration names for security profiles 2 and 3. */
export interface StationTlsFiles {
  securityProfile: SecurityProfile;
  /** The CSMS root certificate(s) (profiles 2, 3). */
  ca?: string | undefined;
  /** The station certificate chain (profile 3). */
  cert?: string | undefined;
  /** The station private key (profile 3). */
  key?: string | undefined;
}

/** How the app's user names each file in messages, e.g. `--ca` or `csms.ca`. */
export type StationTlsFileNames = Record<'ca' | 'cert' | 'key', string>;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function read(name: string, path: string, readText: (path: string) => string): string {
  try {
    return readText(path);
  } catch (error) {
    // The path and the system's reason only: file contents (a private key) never reach a message.
    throw new StationConfigError(`cannot read ${name} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * A00: reads the PEM material of security profiles 2 and 3 (the CSMS roots; for profile 3 also the station's
 * certificate chain and key); undefined below profile 2. Throws StationConfigError naming the file that cannot be read
 * or holds no PEM of the right kind.
 */
export function readStationTlsFiles(
  files: StationTlsFiles,
  names: StationTlsFileNames,
  readText: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ChargePointTlsMaterial | undefined {
  if (files.securityProfile < 2 || files.ca === undefined) return undefined;
  const roots = read(names.ca, files.ca, readText).match(PEM_CERTIFICATE) ?? [];
  if (roots.length === 0) throw new StationConfigError(`${names.ca} file ${files.ca} holds no PEM certificate`);
  if (files.securityProfile < 3 || files.cert === undefined || files.key === undefined) return { csmsRootCertificates: roots };
  const chain = read(names.cert, files.cert, readText);
  if (!chain.includes('-----BEGIN CERTIFICATE-----')) throw new StationConfigError(`${names.cert} file ${files.cert} holds no PEM certificate`);
  const key = read(names.key, files.key, readText);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new StationConfigError(`${names.key} file ${files.key} holds no PEM private key`);
  return { csmsRootCertificates: roots, clientCertificateChain: chain, clientPrivateKey: key };
}
