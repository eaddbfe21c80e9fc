export { certificatesBlock, type CertificatesBlockDeps } from './certificates.block.js';
export { CertificateRenewal, type CertificateRenewalDeps, type CertificateRenewalOptions } from './certificate-renewal.js';
export { readCertificateSettings, type CertificateSettings } from './certificate-settings.js';
export { CertificateSigning, type CertificateSigningDeps, type SigningOrigin } from './certificate-signing.js';
export { deleteCertificateHandler, type DeleteCertificateDeps } from './delete-certificate.handler.js';
export { getInstalledCertificateIdsHandler } from './get-installed-certificate-ids.handler.js';
export { installCertificateHandler, type InstallCertificateDeps } from './install-certificate.handler.js';
export { INSECURE_CONNECTION, isSecureConnection } from './secure-connection.js';
export { hasValidStationCertificate, securityProfilePrerequisites } from './security-profile-prerequisites.js';
