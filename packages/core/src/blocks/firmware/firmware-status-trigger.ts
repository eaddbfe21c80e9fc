import type { FirmwareStatusNotificationRequest } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { TriggerAction } from '../remote-control/trigger-message.handler.js';
import type { FirmwareUpdater } from './firmware-updater.js';

/**
 * F06 TriggerMessage FirmwareStatusNotification (TC_F_17/18/19): always Accepted (an evse in the request is not
 * relevant); sends Idle when no update runs, else the current status with its requestId.
 */
export function firmwareStatusTrigger(deps: {
  updater: Pick<FirmwareUpdater, 'statusNotification'>;
  sendFirmwareStatusNotification(request: FirmwareStatusNotificationRequest): Promise<unknown>;
  logger: LoggerPort;
}): TriggerAction {
  return () => ({
    status: 'Accepted',
    send: () => {
      const request = deps.updater.statusNotification();
      deps.sendFirmwareStatusNotification(request).catch((error: unknown) => deps.logger.info({ err: error }, 'Triggered FirmwareStatusNotification not delivered'));
    },
  });
}
