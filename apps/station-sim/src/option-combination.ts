import { SimUsageError, type SimOptions } from './sim-options.js';

/** Checks options that only make sense together (A00-A03 security profiles); names the option that is missing or out of place. */
export function checkCombination(options: SimOptions): void {
  const profile = options.securityProfile;
  const usesPassword = profile === 1 || profile === 2;
  if (usesPassword && options.password === undefined) throw new SimUsageError(`--security-profile ${profile} needs --password (or EVSTATION_PASSWORD)`);
  if (!usesPassword && options.password !== undefined) throw new SimUsageError(`--password is used only with --security-profile 1 or 2 (the profile is ${profile})`);
  if (profile >= 2 && options.ca === undefined) throw new SimUsageError(`--security-profile ${profile} needs --ca (the CSMS root certificate)`);
  if (profile < 2 && options.ca !== undefined) throw new SimUsageError(`--ca is used only with --security-profile 2 or 3 (the profile is ${profile})`);
  if (profile === 3 && (options.cert === undefined || options.key === undefined)) throw new SimUsageError('--security-profile 3 needs --cert and --key (the station certificate and key)');
  if (profile !== 3 && (options.cert !== undefined || options.key !== undefined)) throw new SimUsageError(`--cert and --key are used only with --security-profile 3 (the profile is ${profile})`);
  if (options.csms === undefined) {
    if (profile >= 2) throw new SimUsageError(`--security-profile ${profile} needs --csms wss://...: the built-in csms-dev speaks ws:// only`);
    return;
  }
  const secure = options.csms.toLowerCase().startsWith('wss://');
  if (profile >= 2 && !secure) throw new SimUsageError(`--security-profile ${profile} needs a wss:// --csms URL`);
  if (profile < 2 && secure) throw new SimUsageError(`a wss:// --csms URL needs --security-profile 2 or 3 (the profile is ${profile})`);
}
