import type { DeleteCertificateResponse } from '../../messages/index.js';
import type { CertificateStorePort } from '../../ports/certificate-store.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { SecurityProfile } from '../../ports/transport.port.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import { INSECURE_CONNECTION, isSecureConnection, statusInfo } from './secure-connection.js';

/** What DeleteCertificate needs. */
export interface DeleteCertificateDeps {
  store: Pick<CertificateStorePort, 'deleteCertificate'>;
  logger: LoggerPort;
  securityProfile: () => SecurityProfile;
}

/**
 * M04 DeleteCertificate: Accepted, NotFound, or Failed for the station's own certificate (TC_M_20/22/23_CS); Failed
 * over a connection without TLS (libocpp#857).
 */
export function deleteCertificateHandler(deps: DeleteCertificateDeps): CallHandler<'DeleteCertificate'> {
  return async (request): Promise<DeleteCertificateResponse> => {
    if (!isSecureConnection(deps.securityProfile())) return { status: 'Failed', statusInfo: INSECURE_CONNECTION };
    try {
      const result = await deps.store.deleteCertificate(request.certificateHashData);
      if (result.status !== 'Failed') return { status: result.status };
      if (result.reason === 'InternalError') deps.logger.error({ detail: result.detail }, 'DeleteCertificate failed');
      return { status: 'Failed', statusInfo: statusInfo(result.reason, result.detail) };
    } catch (error) {
      deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'DeleteCertificate failed');
      return { status: 'Failed', statusInfo: statusInfo('InternalError', 'The certificate store failed') };
    }
  };
}
