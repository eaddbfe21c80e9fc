import type { DeviceModel } from '../device-model/index.js';
import type { MeterValuesRequest } from '../messages/index.js';
import type { LoggerPort } from '../ports/logger.port.js';
import { meterValuesTriggerAction, selectMeterValues } from '../blocks/meter-values/index.js';
import type { TriggerAction, TriggerTable } from '../blocks/remote-control/trigger-message.handler.js';
import type { ChargingSessions } from './charging-sessions.js';

/** What the MeterValues and TransactionEvent triggers read and where they send. */
export interface SessionTriggerDeps {
  sessions: ChargingSessions;
  deviceModel: DeviceModel;
  logger: LoggerPort;
  evseExists: (evseId: number) => boolean;
  sendMeterValues: (request: MeterValuesRequest) => void;
}

/**
 * F06 (TC_F_11-14): TriggerMessage MeterValues (latest AlignedDataCtrlr.Measurands, context Trigger) and TransactionEvent
 * (Updated, triggerReason Trigger, with the latest SampledDataCtrlr.TxUpdatedMeasurands) for one EVSE or all; Rejected
 * for an EVSE the station does not have or when there is nothing to send.
 */
export function sessionTriggers(deps: SessionTriggerDeps): TriggerTable {
  const meterValues = meterValuesTriggerAction({ store: deps.sessions.meterValues, deviceModel: deps.deviceModel, logger: deps.logger, send: deps.sendMeterValues });
  return {
    MeterValues: (request) => (request.evse !== undefined && !deps.evseExists(request.evse.id) ? { status: 'Rejected' } : meterValues(request)),
    TransactionEvent: transactionEventTrigger(deps),
  };
}

function transactionEventTrigger(deps: SessionTriggerDeps): TriggerAction {
  return (request) => {
    const { transactions, meterValues } = deps.sessions;
    const evseIds = transactions
      .activeTransactions()
      .map((t) => t.evseId)
      .filter((id) => request.evse === undefined || request.evse.id === id);
    if (evseIds.length === 0) return { status: 'Rejected' };
    const measurands = deps.deviceModel.get('SampledDataCtrlr', 'TxUpdatedMeasurands');
    return {
      status: 'Accepted',
      send: () => {
        for (const evseId of evseIds) transactions.reportTriggered(evseId, selectMeterValues(meterValues.latest(evseId), measurands, 'Trigger'));
      },
    };
  };
}
