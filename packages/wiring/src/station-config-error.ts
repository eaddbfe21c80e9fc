import type { StationHardware } from './station-hardware.js';
import type { StationSettings } from './station-settings.js';

/** A station's settings or hardware do not fit together; the message names every problem. */
export class StationConfigError extends Error {
  override readonly name = 'StationConfigError';
}

/** Checks that the layout and the hardware name the same EVSEs and that a profile's credentials are there (A00-A03). */
export function validateStation(settings: StationSettings, hardware: StationHardware): void {
  const problems: string[] = [];
  const layoutIds = settings.layout.evses.map((evse) => evse.id).sort((a, b) => a - b);
  const hardwareIds = hardware.evses.map((evse) => evse.evseId).sort((a, b) => a - b);
  if (layoutIds.join(',') !== hardwareIds.join(',')) {
    problems.push(`the layout has EVSEs [${layoutIds.join(', ')}] but the hardware has EVSEs [${hardwareIds.join(', ')}]`);
  }
  const profile = settings.securityProfile;
  if ((profile === 1 || profile === 2) && settings.basicAuthPassword === undefined) problems.push(`security profile ${profile} needs a password`);
  if (profile >= 2 && (settings.tls?.csmsRootCertificates.length ?? 0) === 0) problems.push(`security profile ${profile} needs the CSMS root certificate`);
  if (profile === 3 && (settings.tls?.clientCertificateChain === undefined || settings.tls.clientPrivateKey === undefined)) {
    problems.push('security profile 3 needs the station certificate and its private key');
  }
  const scheme = /^(wss?):\/\//i.exec(settings.csmsUrl)?.[1]?.toLowerCase();
  if (scheme === undefined) problems.push(`the CSMS URL must start with ws:// or wss:// (got ${JSON.stringify(settings.csmsUrl)})`);
  else if (profile >= 2 && scheme !== 'wss') problems.push(`security profile ${profile} needs a wss:// CSMS URL`);
  else if (profile <= 1 && scheme !== 'ws') problems.push(`security profile ${profile} needs a ws:// CSMS URL (wss:// is profile 2 or 3)`);
  if (problems.length > 0) throw new StationConfigError(`station ${settings.identity}: ${problems.join('; ')}`);
}
