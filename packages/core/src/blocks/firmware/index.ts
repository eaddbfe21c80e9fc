export { firmwareBlock } from './firmware.block.js';
export { firmwareRequestProblem, isSignedRequest } from './firmware-request-check.js';
export { FirmwareRun, type FirmwareRunPhase } from './firmware-run.js';
export { FINAL_FIRMWARE_STATUSES, FirmwareStatusReporter } from './firmware-status-reporter.js';
export { firmwareStatusTrigger } from './firmware-status-trigger.js';
export { FirmwareUpdater, type FirmwareUpdateDecision } from './firmware-updater.js';
export type {
  FirmwareInstallOutcome,
  FirmwareInstallResult,
  FirmwareUpdaterDeps,
  FirmwareUpdaterOptions,
  InstalledFirmwareOutcome,
} from './firmware-updater-deps.js';
export { updateFirmwareHandler } from './update-firmware.handler.js';
