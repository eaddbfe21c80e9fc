import type { FunctionalBlock } from '../../rpc/functional-block.js';
import { triggerMessageHandler, type TriggerTable } from './trigger-message.handler.js';

/** Functional block F RemoteControl: F06 TriggerMessage so far (F01-F05 arrive with transactions). */
export function remoteControlBlock(deps: { triggers: TriggerTable }): FunctionalBlock {
  return {
    name: 'remote-control',
    handlers: {
      TriggerMessage: triggerMessageHandler(deps.triggers),
    },
  };
}
