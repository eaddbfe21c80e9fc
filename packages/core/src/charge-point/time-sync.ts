import type { ClockPort } from '../ports/clock.port.js';
import type { DeviceModel } from '../device-model/index.js';

/**
 * B01.FR.06 / G02: applies the CSMS's currentTime only when ClockCtrlr.TimeSource lists Heartbeat, and tells
 * whether the step is large enough (> TimeAdjustmentReportingThreshold s) to raise SettingSystemTime.
 */
export function timeSyncDecision(
  deps: { clock: ClockPort; deviceModel: DeviceModel },
  currentTime: string,
): { apply: false } | { apply: true; time: Date; reportable: boolean } {
  const sources = deps.deviceModel.get('ClockCtrlr', 'TimeSource') ?? [];
  if (!sources.includes('Heartbeat')) return { apply: false };
  const time = new Date(currentTime);
  if (Number.isNaN(time.getTime())) return { apply: false };
  const thresholdS = deps.deviceModel.get('ClockCtrlr', 'TimeAdjustmentReportingThreshold');
  const stepS = Math.abs(time.getTime() - deps.clock.now().getTime()) / 1000;
  return { apply: true, time, reportable: thresholdS !== undefined && thresholdS > 0 && stepS > thresholdS };
}
