import type { DeviceModel } from '../../device-model/index.js';
import type { MeterValuesRequest } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { TriggerAction } from '../remote-control/trigger-message.handler.js';
import { deliver } from './deliver.js';
import type { MeterValueStore } from './meter-value-store.js';
import { selectMeterValues } from './select-measurands.js';
import type { Delivery } from './transaction-meter-values.js';

/** What a triggered MeterValues message is built from. */
export interface MeterValuesTriggerDeps {
  store: MeterValueStore;
  deviceModel: Pick<DeviceModel, 'get'>;
}

/**
 * F06.FR.06 (TC_F_11/TC_F_12): the MeterValues requests a TriggerMessage(MeterValues) asks for: the latest readings
 * filtered to AlignedDataCtrlr.Measurands, context Trigger, for `evseId` or, when omitted, one per EVSE >= 1 (not the
 * main meter, as libocpp). [] when there is nothing to report (answer Rejected).
 */
export function meterValuesTrigger(deps: MeterValuesTriggerDeps, evseId?: number): MeterValuesRequest[] {
  const measurands = deps.deviceModel.get('AlignedDataCtrlr', 'Measurands');
  const evseIds = evseId === undefined ? deps.store.evseIds().filter((id) => id >= 1) : [evseId];
  return evseIds.flatMap((id) => {
    const meterValue = selectMeterValues(deps.store.latest(id), measurands, 'Trigger');
    return meterValue.length === 0 ? [] : [{ evseId: id, meterValue }];
  });
}

/**
 * F06: the TriggerTable entry for MeterValues: Accepted and sent after the reply when there are values, else Rejected.
 * An EVSE the station does not have must be refused before (OccurrenceConstraintViolation, as for StatusNotification).
 */
export function meterValuesTriggerAction(deps: MeterValuesTriggerDeps & { logger: LoggerPort; send: Delivery<MeterValuesRequest> }): TriggerAction {
  return (request) => {
    const requests = meterValuesTrigger(deps, request.evse?.id);
    if (requests.length === 0) return { status: 'Rejected' };
    return {
      status: 'Accepted',
      send: () => {
        for (const meterValues of requests) deliver(deps.logger, 'triggered MeterValues', deps.send, meterValues);
      },
    };
  };
}
