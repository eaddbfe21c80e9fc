import type { DeviceModel } from '../../device-model/index.js';
import type { CertificateStorePort } from '../../ports/certificate-store.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { CertificateSigning } from './certificate-signing.js';
import { deleteCertificateHandler } from './delete-certificate.handler.js';
import { getInstalledCertificateIdsHandler } from './get-installed-certificate-ids.handler.js';
import { installCertificateHandler } from './install-certificate.handler.js';

/** What the certificate block needs. */
export interface CertificatesBlockDeps {
  store: CertificateStorePort;
  deviceModel: DeviceModel;
  logger: LoggerPort;
  /** The security profile of the connection in use (libocpp#857: certificate changes need TLS). */
  securityProfile: () => SecurityProfile;
  signing: Pick<CertificateSigning, 'onCertificateSigned'>;
}

const SECURITY_CTRLR = { name: 'SecurityCtrlr' };
const CERTIFICATE_ENTRIES = { name: 'CertificateEntries' };

/**
 * Certificate management of functional blocks A and M: A02/A03 CertificateSigned, M03 GetInstalledCertificateIds,
 * M04 DeleteCertificate, M05 InstallCertificate. SecurityCtrlr.CertificateEntries is read from the store whenever it
 * is read, so it is always current.
 */
export function certificatesBlock(deps: CertificatesBlockDeps): FunctionalBlock {
  if (deps.deviceModel.has(SECURITY_CTRLR, CERTIFICATE_ENTRIES)) {
    deps.deviceModel.registerDynamicValue(SECURITY_CTRLR, CERTIFICATE_ENTRIES, () => String(deps.store.certificateEntries()));
  }
  return {
    name: 'certificates',
    handlers: {
      GetInstalledCertificateIds: getInstalledCertificateIdsHandler(deps.store),
      DeleteCertificate: deleteCertificateHandler(deps),
      InstallCertificate: installCertificateHandler(deps),
      CertificateSigned: (request, context) => deps.signing.onCertificateSigned(request, context),
    },
  };
}
