import { readFileSync } from 'node:fs';
import type { ChargePointTlsMaterial } from '@evstation/core';
import { SimUsageError, type SimOptions } from './sim-options.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function read(flag: string, path: string, readText: (path: string) => string): string {
  try {
    return readText(path);
  } catch (error) {
    // The path and the system's reason only: file contents (a private key) never reach a message.
    throw new SimUsageError(`cannot read ${flag} file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Reads the PEM files of security profiles 2 and 3 (A00); undefined below profile 2. Names the file that fails. */
export function readTlsMaterial(options: Pick<SimOptions, 'securityProfile' | 'ca' | 'cert' | 'key'>, readText: (path: string) => string = (path) => readFileSync(path, 'utf8')): ChargePointTlsMaterial | undefined {
  if (options.securityProfile < 2 || options.ca === undefined) return undefined;
  const roots = read('--ca', options.ca, readText).match(PEM_CERTIFICATE) ?? [];
  if (roots.length === 0) throw new SimUsageError(`--ca file ${options.ca} holds no PEM certificate`);
  if (options.securityProfile < 3 || options.cert === undefined || options.key === undefined) return { csmsRootCertificates: roots };
  const chain = read('--cert', options.cert, readText);
  if (!chain.includes('-----BEGIN CERTIFICATE-----')) throw new SimUsageError(`--cert file ${options.cert} holds no PEM certificate`);
  const key = read('--key', options.key, readText);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new SimUsageError(`--key file ${options.key} holds no PEM private key`);
  return { csmsRootCertificates: roots, clientCertificateChain: chain, clientPrivateKey: key };
}
