import type { DeviceModel, StationLayout } from '../device-model/index.js';
import type { NotifyReportRequest } from '../messages/index.js';
import type { CertificateInfoPort } from '../ports/certificate-store.port.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { SecurityEventType } from '../ports/security-event.js';
import type { NetworkProfileStorePort } from '../ports/storage/network-profile-store.port.js';
import type { FunctionalBlock } from '../rpc/functional-block.js';
import { securityProfilePrerequisites } from '../blocks/certificates/security-profile-prerequisites.js';
import { provisioningBlock } from '../blocks/provisioning/provisioning.block.js';
import type { ChargePointCallbacks } from './callbacks.js';
import type { ChargePointTlsMaterial } from './charge-point-options.js';
import { passwordChanged } from './password-change.js';
import type { ResetCoordinator } from './reset-coordinator.js';

/** What block B needs from the ChargePoint. */
export interface ProvisioningWiringDeps {
  deviceModel: DeviceModel;
  clock: ClockPort;
  logger: LoggerPort;
  networkProfiles: NetworkProfileStorePort;
  layout: StationLayout;
  /** The certificate store; without it the static TLS material decides whether profiles 2 and 3 are possible. */
  certificates?: CertificateInfoPort;
  tls?: ChargePointTlsMaterial;
  callbacks: Pick<ChargePointCallbacks, 'validateNetworkProfile' | 'isResetAllowed'>;
  raise: (type: SecurityEventType, techInfo: string) => void;
  /** NotifyReport, allowed while Pending (B02: the station answers GetBaseReport before it is Accepted). */
  sendNotifyReport: (request: NotifyReportRequest) => Promise<unknown>;
  hasActiveTransaction: (evseId?: number) => boolean;
  resets: Pick<ResetCoordinator, 'perform' | 'scheduleOnIdle'>;
  reconnect: () => void;
}

/**
 * Block B behind the ChargePoint: B09 SetNetworkProfile checked against the installed certificates (or the static TLS
 * material) and logged as ReconfigurationOfSecurityParameters, B11/B12 resets through the ResetCoordinator, and A01:
 * a new BasicAuthPassword is logged and the station reconnects with it once the SetVariablesResponse is sent.
 */
export function provisioningWiring(deps: ProvisioningWiringDeps): FunctionalBlock {
  const { callbacks, tls, resets } = deps;
  return provisioningBlock({
    deviceModel: deps.deviceModel,
    clock: deps.clock,
    logger: deps.logger,
    networkProfiles: deps.networkProfiles,
    ...(deps.certificates === undefined
      ? {
          hasCsmsRootCertificate: () => (tls?.csmsRootCertificates.length ?? 0) > 0,
          hasStationCertificate: () => tls?.clientCertificateChain !== undefined,
        }
      : securityProfilePrerequisites(deps.certificates, deps.clock)),
    ...(callbacks.validateNetworkProfile === undefined ? {} : { validateNetworkProfile: callbacks.validateNetworkProfile.bind(callbacks) }),
    onNetworkProfileStored: () => deps.raise('ReconfigurationOfSecurityParameters', 'Network connection profile changed'),
    sendNotifyReport: deps.sendNotifyReport,
    evseExists: (evseId) => deps.layout.evses.some((e) => e.id === evseId),
    isResetAllowed: (request) => callbacks.isResetAllowed(request),
    hasActiveTransaction: deps.hasActiveTransaction,
    performReset: (request) => void resets.perform(request),
    scheduleResetOnIdle: (request) => resets.scheduleOnIdle(request),
    onVariablesSet: (_data, results, context) => {
      if (!passwordChanged(results)) return;
      // A01.FR.11 logged; libocpp#662: reconnect only once the SetVariablesResponse is on the wire.
      deps.raise('ReconfigurationOfSecurityParameters', 'BasicAuthPassword changed');
      context.afterReply(deps.reconnect);
    },
  });
}
