import type { ResetResponse } from '../../messages/index.js';
import type { DeviceModel } from '../../device-model/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';
import type { ResetCommand } from '../../charge-point/callbacks.js';

/** What Reset needs from the station. */
export interface ResetDeps {
  deviceModel: DeviceModel;
  evseExists: (evseId: number) => boolean;
  isResetAllowed: (request: ResetCommand) => boolean;
  /** Whether a transaction runs on the scope (whole station when evseId is absent). */
  hasActiveTransaction: (evseId?: number) => boolean;
  /** Performs the reset now (after the response is sent). */
  performReset: (request: ResetCommand) => void;
  /** Performs the reset once the scope is idle (B12.FR.01 OnIdle). */
  scheduleResetOnIdle: (request: ResetCommand) => void;
}

/**
 * B11/B12 Reset: Rejected when the station refuses or the EVSE cannot be reset on its own (EVSE.AllowReset);
 * Immediate resets after the response; OnIdle answers Scheduled while a transaction runs and resets when idle.
 */
export function resetHandler(deps: ResetDeps): CallHandler<'Reset'> {
  return (request, context): ResetResponse => {
    const reset: ResetCommand = request.evseId === undefined || request.evseId === 0 ? { type: request.type } : { type: request.type, evseId: request.evseId };
    if (reset.evseId !== undefined) {
      if (!deps.evseExists(reset.evseId)) return { status: 'Rejected', statusInfo: { reasonCode: 'UnknownEvse' } };
      const allowReset = deps.deviceModel.get('EVSE', 'AllowReset', { evseId: reset.evseId });
      if (allowReset !== true) return { status: 'Rejected', statusInfo: { reasonCode: 'NoEvseReset' } };
    }
    if (!deps.isResetAllowed(reset)) return { status: 'Rejected' };
    if (reset.type === 'OnIdle' && deps.hasActiveTransaction(reset.evseId)) {
      deps.scheduleResetOnIdle(reset);
      return { status: 'Scheduled' };
    }
    context.afterReply(() => deps.performReset(reset));
    return { status: 'Accepted' };
  };
}
