import { describe, expect, it } from 'vitest';
import type { FirmwareStatusNotificationRequest } from '../../messages/index.js';
import { replyContext } from '../../testing/reply-context.js';
import { triggerMessageHandler } from '../remote-control/trigger-message.handler.js';
import { firmwareStatusTrigger } from './firmware-status-trigger.js';
import { FIRMWARE_URL, makeFirmwareKit, signedRequest } from './firmware.test-kit.js';

/** TriggerMessage as the router serves it, with the triggered message sent after the reply. */
function trigger(kit: ReturnType<typeof makeFirmwareKit>, sendFails = false) {
  const triggered: FirmwareStatusNotificationRequest[] = [];
  const handler = triggerMessageHandler({
    FirmwareStatusNotification: firmwareStatusTrigger({
      updater: kit.updater,
      logger: kit.logger,
      sendFirmwareStatusNotification: (request) => (sendFails ? Promise.reject(new Error('offline')) : (triggered.push(request), Promise.resolve({}))),
    }),
  });
  return async (evse?: { id: number }) => {
    const context = replyContext('t1');
    const response = await handler({ requestedMessage: 'FirmwareStatusNotification', ...(evse === undefined ? {} : { evse }) }, context);
    expect(triggered).toEqual([]);
    context.flush();
    await kit.settle();
    return { response, triggered };
  };
}

describe('F06 TriggerMessage FirmwareStatusNotification', () => {
  it('TC_F_18_CS Idle: Accepted, then status Idle without requestId', async () => {
    const kit = makeFirmwareKit();
    expect(await trigger(kit)()).toEqual({ response: { status: 'Accepted' }, triggered: [{ status: 'Idle' }] });
  });

  it('TC_F_17_CS an EVSE in the request is not relevant: still Accepted', async () => {
    const kit = makeFirmwareKit();
    expect(await trigger(kit)({ id: 1 })).toEqual({ response: { status: 'Accepted' }, triggered: [{ status: 'Idle' }] });
  });

  it('TC_F_19_CS while downloading: the current status with the requestId of the update', async () => {
    const kit = makeFirmwareKit();
    kit.files.hold(FIRMWARE_URL);
    await kit.update(signedRequest(21));
    expect((await trigger(kit)()).triggered).toEqual([{ status: 'Downloading', requestId: 21 }]);
  });

  it('after an update ended (DownloadFailed) the station is Idle again', async () => {
    const kit = makeFirmwareKit();
    kit.files.failNext(FIRMWARE_URL, 'not-found');
    await kit.update(signedRequest(22, { retries: 0 }));
    expect((await trigger(kit)()).triggered).toEqual([{ status: 'Idle' }]);
  });

  it('a triggered notification that cannot be sent is logged, not thrown', async () => {
    const kit = makeFirmwareKit();
    await trigger(kit, true)();
    expect(kit.logger.entries.map((e) => e.message)).toContain('Triggered FirmwareStatusNotification not delivered');
  });
});
