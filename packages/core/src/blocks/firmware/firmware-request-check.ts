import type { StatusInfoType, UpdateFirmwareRequest } from '../../messages/index.js';

/** Why an UpdateFirmwareRequest is refused before anything else is looked at, or undefined when it may proceed. */
export function firmwareRequestProblem(request: UpdateFirmwareRequest, requireSigned: boolean): StatusInfoType | undefined {
  const { signingCertificate, signature } = request.firmware;
  const signed = isSignedRequest(request);
  // TC_L_18: a station that supports secure firmware update does not take an unsigned request (L01 needs both fields).
  if (requireSigned && !signed) {
    return { reasonCode: 'MissingSignature', additionalInfo: 'A secure firmware update needs firmware.signingCertificate and firmware.signature' };
  }
  // Half a signature cannot be checked: refuse it rather than install unverified firmware.
  if (!signed && (signingCertificate !== undefined || signature !== undefined)) {
    return { reasonCode: 'MissingSignature', additionalInfo: 'firmware.signingCertificate and firmware.signature come together' };
  }
  return undefined;
}

/** Whether the request carries what L01 verifies (both signingCertificate and signature). */
export function isSignedRequest(request: UpdateFirmwareRequest): request is UpdateFirmwareRequest & { firmware: { signingCertificate: string; signature: string } } {
  return request.firmware.signingCertificate !== undefined && request.firmware.signature !== undefined;
}
