import type { InstallCertificateResponse } from '../../messages/index.js';
import type { DeviceModel } from '../../device-model/index.js';
import type { CertificateStorePort } from '../../ports/certificate-store.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { readCertificateSettings } from './certificate-settings.js';
import { INSECURE_CONNECTION, isSecureConnection, statusInfo } from './secure-connection.js';

/** What InstallCertificate needs. */
export interface InstallCertificateDeps {
  store: Pick<CertificateStorePort, 'installRootCertificate'>;
  deviceModel: DeviceModel;
  logger: LoggerPort;
  securityProfile: () => SecurityProfile;
}

/**
 * M05 InstallCertificate: Accepted, Rejected for an invalid certificate, a full store or a failed
 * AdditionalRootCertificateCheck (TC_M_01/02/07/09_CS), Failed when storing fails; Rejected over a connection
 * without TLS (libocpp#857).
 */
export function installCertificateHandler(deps: InstallCertificateDeps): CallHandler<'InstallCertificate'> {
  return async (request): Promise<InstallCertificateResponse> => {
    if (!isSecureConnection(deps.securityProfile())) return { status: 'Rejected', statusInfo: INSECURE_CONNECTION };
    const settings = readCertificateSettings(deps.deviceModel);
    try {
      const result = await deps.store.installRootCertificate(request.certificateType, request.certificate, {
        additionalRootCertificateCheck: settings.additionalRootCertificateCheck,
        ...(settings.certificateCapacity === undefined ? {} : { maxEntries: settings.certificateCapacity }),
      });
      switch (result.status) {
        case 'Accepted':
          return { status: 'Accepted' };
        case 'Rejected':
          deps.logger.info({ certificateType: request.certificateType, reason: result.reason, detail: result.detail }, 'InstallCertificate rejected');
          return { status: 'Rejected', statusInfo: statusInfo(result.reason, result.detail) };
        case 'Failed':
          deps.logger.error({ certificateType: request.certificateType, detail: result.detail }, 'InstallCertificate failed');
          return { status: 'Failed', statusInfo: statusInfo('InternalError', result.detail) };
      }
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'InstallCertificate failed');
      return { status: 'Failed', statusInfo: statusInfo('InternalError', 'The certificate store failed') };
    }
  };
}
