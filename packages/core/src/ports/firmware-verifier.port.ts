/** The result of one check: valid, or the reason it is not (safe to log and to put in techInfo). */
export type VerificationResult = { valid: true } | { valid: false; reason: string };

/** What L01 checks about the signing certificate of an UpdateFirmwareRequest. */
export interface SigningCertificateCheckRequest {
  /** firmware.signingCertificate: PEM, the signing certificate first, optionally followed by intermediates. */
  signingCertificate: string;
  /** The installed ManufacturerRootCertificate(s), PEM. */
  manufacturerRoots: readonly string[];
  /** The moment validity is judged at (the station clock). */
  at: Date;
}

/** What L01 checks about a downloaded firmware file. */
export interface FirmwareSignatureCheckRequest {
  /** DownloadedArtifact.handle of the file. */
  artifact: string;
  /** firmware.signature: base64 of the signature over the file (RSA PKCS#1 v1.5 or ECDSA, SHA-256). */
  signature: string;
  /** firmware.signingCertificate (PEM) whose public key made the signature. */
  signingCertificate: string;
}

/**
 * L01 secure firmware update checks (crypto lives in an adapter): the signing certificate chains to an installed
 * ManufacturerRootCertificate and is valid (else InvalidCertificate + InvalidFirmwareSigningCertificate), and the
 * signature matches the downloaded file (else InvalidSignature + InvalidFirmwareSignature).
 */
export interface FirmwareVerifierPort {
  checkSigningCertificate(request: SigningCertificateCheckRequest): Promise<VerificationResult>;
  verifySignature(request: FirmwareSignatureCheckRequest): Promise<VerificationResult>;
}
