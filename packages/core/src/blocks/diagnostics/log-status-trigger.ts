import type { LogStatusNotificationRequest } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { TriggerAction } from '../remote-control/trigger-message.handler.js';
import type { LogUploader } from './log-uploader.js';

/** F06 TriggerMessage LogStatusNotification (TC_F_15/16): always Accepted; Idle, or Uploading with the requestId. */
export function logStatusTrigger(deps: {
  uploader: Pick<LogUploader, 'statusNotification'>;
  sendLogStatusNotification(request: LogStatusNotificationRequest): Promise<unknown>;
  logger: LoggerPort;
}): TriggerAction {
  return () => ({
    status: 'Accepted',
    send: () => {
      deps.sendLogStatusNotification(deps.uploader.statusNotification()).catch((error: unknown) => deps.logger.info({ err: error }, 'Triggered LogStatusNotification not delivered'));
    },
  });
}
