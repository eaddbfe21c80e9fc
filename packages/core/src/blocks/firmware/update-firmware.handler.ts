import type { CallHandler } from '../../rpc/functional-block.js';
import type { FirmwareUpdater } from './firmware-updater.js';

/** L01 UpdateFirmware: the updater decides the answer; the download starts only once the answer was sent. */
export function updateFirmwareHandler(updater: Pick<FirmwareUpdater, 'updateFirmware'>): CallHandler<'UpdateFirmware'> {
  return async (request, context) => {
    const { response, start } = await updater.updateFirmware(request);
    if (start !== undefined) context.afterReply(start);
    return response;
  };
}
