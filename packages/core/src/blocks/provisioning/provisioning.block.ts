import type { NetworkConnectionProfileType, NotifyReportRequest, SetNetworkProfileStatusEnumType } from '../../messages/index.js';
import type { ClockPort } from '../../ports/clock.port.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { NetworkProfileStorePort } from '../../ports/storage/network-profile-store.port.js';
import type { DeviceModel } from '../../device-model/index.js';
import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { ResetCommand } from '../../charge-point/callbacks.js';
import { getVariablesHandler } from './get-variables.handler.js';
import { getBaseReportHandler, getReportHandler } from './report.handlers.js';
import { resetHandler } from './reset.handler.js';
import { setNetworkProfileHandler } from './set-network-profile.handler.js';
import { setVariablesHandler, type VariablesSetListener } from './set-variables.handler.js';

/** Everything block B needs from the station. */
export interface ProvisioningDeps {
  deviceModel: DeviceModel;
  clock: ClockPort;
  logger: LoggerPort;
  networkProfiles: NetworkProfileStorePort;
  hasCsmsRootCertificate: () => boolean;
  hasStationCertificate: () => boolean;
  validateNetworkProfile?: (slot: number, profile: NetworkConnectionProfileType) => SetNetworkProfileStatusEnumType;
  onNetworkProfileStored?: () => void;
  sendNotifyReport: (request: NotifyReportRequest) => Promise<unknown>;
  evseExists: (evseId: number) => boolean;
  isResetAllowed: (request: ResetCommand) => boolean;
  hasActiveTransaction: (evseId?: number) => boolean;
  performReset: (request: ResetCommand) => void;
  scheduleResetOnIdle: (request: ResetCommand) => void;
  /** What a SetVariables changed (A01: reconnect with the new BasicAuthPassword after the reply). */
  onVariablesSet?: VariablesSetListener;
}

/** Functional block B Provisioning: B05-B09, B11/B12 (B01-B04 live in the ChargePoint's registration). */
export function provisioningBlock(deps: ProvisioningDeps): FunctionalBlock {
  const reportDeps = { deviceModel: deps.deviceModel, clock: deps.clock, logger: deps.logger, sendNotifyReport: deps.sendNotifyReport };
  return {
    name: 'provisioning',
    handlers: {
      GetVariables: getVariablesHandler(deps.deviceModel),
      SetVariables: setVariablesHandler(deps.deviceModel, deps.onVariablesSet),
      GetBaseReport: getBaseReportHandler(reportDeps),
      GetReport: getReportHandler(reportDeps),
      SetNetworkProfile: setNetworkProfileHandler({
        deviceModel: deps.deviceModel,
        store: deps.networkProfiles,
        hasCsmsRootCertificate: deps.hasCsmsRootCertificate,
        hasStationCertificate: deps.hasStationCertificate,
        ...(deps.validateNetworkProfile === undefined ? {} : { validate: deps.validateNetworkProfile }),
        ...(deps.onNetworkProfileStored === undefined ? {} : { onStored: deps.onNetworkProfileStored }),
      }),
      Reset: resetHandler({
        deviceModel: deps.deviceModel,
        evseExists: deps.evseExists,
        isResetAllowed: deps.isResetAllowed,
        hasActiveTransaction: deps.hasActiveTransaction,
        performReset: deps.performReset,
        scheduleResetOnIdle: deps.scheduleResetOnIdle,
      }),
    },
  };
}
