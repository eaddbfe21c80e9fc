import type {
  CertificateHashDataChainType,
  CertificateHashDataType,
  GetCertificateIdUseEnumType,
  HashAlgorithmEnumType,
  InstallCertificateUseEnumType,
} from '../messages/index.js';

/**
 * Why InstallCertificate refused a root certificate (M05.FR.06/10). Each name is also the statusInfo reasonCode
 * (at most 20 characters, the schema limit).
 */
export type RootCertificateRejection =
  /** Not exactly one parseable PEM X.509 certificate, or a self-signature that does not verify. */
  | 'InvalidCertificate'
  /** A leaf (basicConstraints CA false or absent): it could never anchor a chain (EVerest/EVerest#2109). */
  | 'NotCACertificate'
  /** A CA certificate that is not self-signed, outside the AdditionalRootCertificateCheck replacement (EVerest#2109). */
  | 'NotRootCertificate'
  /** notAfter lies in the past. */
  | 'CertificateExpired'
  /** Installing it would exceed SecurityCtrlr.CertificateEntries' maxLimit. */
  | 'OutOfStorage'
  /** AdditionalRootCertificateCheck: a new CSMSRootCertificate is not signed by the one it replaces (M05.FR.10). */
  | 'NotSignedByOldRoot';

/** The outcome of InstallCertificate (M05); `certificateEntries` is the new SecurityCtrlr.CertificateEntries. */
export type InstallRootCertificateResult =
  | { status: 'Accepted'; certificateEntries: number }
  | { status: 'Rejected'; reason: RootCertificateRejection; detail: string }
  /** The certificate is fine but could not be stored (M05: Failed). */
  | { status: 'Failed'; detail: string };

/** What InstallCertificate needs to know from the device model. */
export interface InstallRootCertificateOptions {
  /** SecurityCtrlr.CertificateEntries maxLimit: how many root certificates fit; no limit when omitted. */
  maxEntries?: number;
  /** SecurityCtrlr.AdditionalRootCertificateCheck (M05.FR.08-13). */
  additionalRootCertificateCheck: boolean;
}

/** The outcome of DeleteCertificate (M04). */
export type DeleteCertificateResult =
  | { status: 'Accepted'; certificateEntries: number }
  | { status: 'NotFound' }
  /** `ChargingStationCertificate`: the hash names the station's own certificate, which is never deleted (M04, TC_M_23_CS). */
  | { status: 'Failed'; reason: 'StationCertificate' | 'InternalError'; detail: string };

/** Key pairs the store can create for the station certificate: EC P-256 by default, RSA 2048 bits or more allowed (A00.FR.507/508). */
export type StationKeyType = 'ECDSA-P256' | 'ECDSA-P384' | 'RSA-2048' | 'RSA-3072' | 'RSA-4096';

/** The subject of a station certificate CSR (A02/A03, A00.FR.404/405). */
export interface StationCsrRequest {
  /** CN: the station's serial number, not its identity (A00.FR.405). */
  commonName: string;
  /** O: SecurityCtrlr.OrganizationName (A00.FR.404). */
  organizationName: string;
  /** C, when the CSO wants it. */
  country?: string;
  /** Default ECDSA-P256. */
  keyType?: StationKeyType;
}

/**
 * Why CertificateSigned was refused (A02.FR.20); each name is also the statusInfo reasonCode (at most 20 characters).
 */
export type StationCertificateRejection =
  /** The chain is longer than SecurityCtrlr.MaxCertificateChainSize. */
  | 'TooLargeElement'
  /** Not a list of PEM X.509 certificates, or the first one is a CA. */
  | 'InvalidCertificate'
  /** A certificate of the chain has expired. */
  | 'CertificateExpired'
  /** The leaf's public key belongs to no key pair this store generated for a CSR. */
  | 'KeyMismatch'
  /** The leaf's CN or O differs from the CSR's. */
  | 'SubjectMismatch'
  /** No path of valid signatures from the leaf to an installed CSMSRootCertificate. */
  | 'InvalidChain';

/** The outcome of CertificateSigned (A02/A03). */
export type InstallStationCertificateResult =
  /** `active` false: the certificate is kept and used from `validFrom` on (A02.FR.08). */
  | { status: 'Accepted'; validFrom: Date; validTo: Date; active: boolean }
  | { status: 'Rejected'; reason: StationCertificateRejection; detail: string }
  /** The chain is fine but could not be stored. */
  | { status: 'Failed'; detail: string };

/** What CertificateSigned needs to know from the device model. */
export interface InstallStationCertificateOptions {
  /** SecurityCtrlr.MaxCertificateChainSize: the largest certificateChain accepted, in characters. */
  maxChainSize?: number;
}

/** Public facts of a station certificate. */
export interface StationCertificateInfo {
  /** RFC 2253 text, e.g. `CN=EVS-0001, O=My CSO`. */
  subject: string;
  /** Lowercase hex without leading zeros. */
  serialNumber: string;
  /** The time from which the whole chain is valid. */
  validFrom: Date;
  validTo: Date;
}

/** The station certificate in use and the one waiting for its validity to start (A02.FR.08). */
export interface StationCertificateStatus {
  active?: StationCertificateInfo;
  next?: StationCertificateInfo;
}

/** The PEM material a TLS connection needs (security profiles 2 and 3). The private key goes nowhere else. */
export interface CertificateTlsMaterial {
  /** The CSMSRootCertificates to trust (never the system store). */
  csmsRootCertificates: string[];
  /** M05.FR.13: the replaced CSMS root, to try when the handshake fails with `csmsRootCertificates`; empty when none. */
  fallbackCsmsRootCertificates: string[];
  /** The active ChargingStationCertificate chain (leaf first), for security profile 3. */
  clientCertificateChain?: string;
  /** Its private key (PKCS#8 PEM); never logged. */
  clientPrivateKey?: string;
}

/** Read-only facts about installed certificates (A03 renewal, A05 upgrade checks). */
export interface CertificateInfoPort {
  /** The station certificate(s); a `next` certificate whose time has come becomes `active` here. */
  stationCertificateStatus(): StationCertificateStatus;
  /** Whether an installed CSMSRootCertificate (or fallback) is within its validity now (A05.FR.02). */
  hasValidCsmsRootCertificate(): boolean;
  /** Installed root certificates, fallback included: the value of SecurityCtrlr.CertificateEntries. */
  certificateEntries(): number;
  /** The installed root certificates of one type as PEM, fallback included (e.g. ManufacturerRootCertificate for L01). */
  rootCertificates(certificateType: InstallCertificateUseEnumType): string[];
}

/**
 * The station's certificates (M03-M05, A02/A03, A05): root certificates by InstallCertificateUseEnumType and the
 * station's own ChargingStationCertificate with its private key, which is created here and never leaves the store
 * except as `tlsMaterial()` for the TLS transport.
 */
export interface CertificateStorePort extends CertificateInfoPort {
  /** M05 InstallCertificate: checks and stores a root certificate. */
  installRootCertificate(
    certificateType: InstallCertificateUseEnumType,
    pem: string,
    options: InstallRootCertificateOptions,
  ): Promise<InstallRootCertificateResult>;
  /** M03 GetInstalledCertificateIds: hash data of the installed certificates of these types (all when omitted); default SHA256. */
  getInstalledCertificateIds(
    certificateTypes?: readonly GetCertificateIdUseEnumType[],
    hashAlgorithm?: HashAlgorithmEnumType,
  ): CertificateHashDataChainType[];
  /** M04 DeleteCertificate: deletes the root certificate(s) these hashes name (computed with their hashAlgorithm). */
  deleteCertificate(certificateHashData: CertificateHashDataType): Promise<DeleteCertificateResult>;
  /** A02/A03: creates a NEW key pair inside the store and returns only the PKCS#10 CSR (PEM) signed with it. */
  generateCsr(request: StationCsrRequest): Promise<string>;
  /**
   * A02/A03 CertificateSigned: verifies the chain (size, parse, validity, key of a pending CSR, CN/O, path to an
   * installed CSMSRootCertificate) and stores it with its key; a certificate valid only later becomes active then.
   */
  installStationCertificate(chainPem: string, options: InstallStationCertificateOptions): Promise<InstallStationCertificateResult>;
  /** What the TLS transport needs now. */
  tlsMaterial(): CertificateTlsMaterial;
  /**
   * M05.FR.12: the connection to the CSMS succeeded; when it did not need the fallback root, the fallback is deleted.
   * The ChargePoint calls this on every successful connection with TLS.
   */
  csmsConnectionSucceeded(usedFallback: boolean): Promise<void>;
}
