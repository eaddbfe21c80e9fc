import type { GetInstalledCertificateIdsResponse } from '../../messages/index.js';
import type { CertificateStorePort } from '../../ports/certificate-store.port.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/**
 * M03 GetInstalledCertificateIds: the hash data of the installed certificates of the requested types (all types when
 * none is given), or NotFound when there is none (TC_M_12/13/17/18/19_CS). Allowed on every security profile: it
 * changes nothing.
 */
export function getInstalledCertificateIdsHandler(store: Pick<CertificateStorePort, 'getInstalledCertificateIds'>): CallHandler<'GetInstalledCertificateIds'> {
  return (request): GetInstalledCertificateIdsResponse => {
    const chains = store.getInstalledCertificateIds(request.certificateType);
    return chains.length === 0 ? { status: 'NotFound' } : { status: 'Accepted', certificateHashDataChain: chains };
  };
}
