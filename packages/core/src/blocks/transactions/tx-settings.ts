import type { DeviceModel } from '../../device-model/index.js';
import { txPointsOf, type TxPoint } from './tx-points.js';

/** The TxCtrlr and OCPPCommCtrlr values a transaction decision uses, read fresh each time (they change at run time). */
export interface TxSettings {
  startPoints: TxPoint[];
  stopPoints: TxPoint[];
  /** TxCtrlr.EVConnectionTimeOut in seconds; undefined or 0: no timeout (E03). */
  evConnectionTimeOutS: number | undefined;
  /** TxCtrlr.StopTxOnEVSideDisconnect (E09/E10); default true. */
  stopTxOnEVSideDisconnect: boolean;
  /** OCPPCommCtrlr.UnlockOnEVSideDisconnect (E09/E10). */
  unlockOnEVSideDisconnect: boolean;
  /** TxCtrlr.StopTxOnInvalidId (E05/C15); default true. */
  stopTxOnInvalidId: boolean;
  /** TxCtrlr.MaxEnergyOnInvalidId in Wh (E05/C15); undefined when the station does not define it. */
  maxEnergyOnInvalidIdWh: number | undefined;
}

/** Reads the transaction settings from the device model (issue 4 §2: TxStartPoint/TxStopPoint applied by the ChargePoint). */
export function readTxSettings(deviceModel: DeviceModel): TxSettings {
  const timeout = deviceModel.get('TxCtrlr', 'EVConnectionTimeOut');
  const maxEnergy = deviceModel.getValue({ name: 'TxCtrlr' }, { name: 'MaxEnergyOnInvalidId' });
  return {
    startPoints: txPointsOf(deviceModel.get('TxCtrlr', 'TxStartPoint')),
    stopPoints: txPointsOf(deviceModel.get('TxCtrlr', 'TxStopPoint')),
    evConnectionTimeOutS: timeout !== undefined && Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    stopTxOnEVSideDisconnect: deviceModel.get('TxCtrlr', 'StopTxOnEVSideDisconnect') !== false,
    unlockOnEVSideDisconnect: deviceModel.get('OCPPCommCtrlr', 'UnlockOnEVSideDisconnect') === true,
    stopTxOnInvalidId: deviceModel.get('TxCtrlr', 'StopTxOnInvalidId') !== false,
    maxEnergyOnInvalidIdWh: typeof maxEnergy === 'number' && Number.isFinite(maxEnergy) && maxEnergy >= 0 ? maxEnergy : undefined,
  };
}
