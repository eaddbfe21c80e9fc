import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { FirmwareUpdater } from './firmware-updater.js';
import { updateFirmwareHandler } from './update-firmware.handler.js';

/** Functional block L FirmwareManagement: L01 (and L02 when unsigned firmware is allowed) UpdateFirmware. */
export function firmwareBlock(deps: { updater: Pick<FirmwareUpdater, 'updateFirmware'> }): FunctionalBlock {
  return {
    name: 'firmware',
    handlers: {
      UpdateFirmware: updateFirmwareHandler(deps.updater),
    },
  };
}
