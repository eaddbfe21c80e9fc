export {
  CustomerInformation,
  type CustomerInformationDecision,
  type CustomerInformationDeps,
  type CustomerInformationOptions,
  type CustomerReference,
} from './customer-information.js';
export { authCacheLine, CUSTOMER_DATA_CHUNK, customerInformationMessages } from './customer-information-data.js';
export { customerInformationHandler } from './customer-information.handler.js';
export { diagnosticsBlock } from './diagnostics.block.js';
export { getLogHandler } from './get-log.handler.js';
export { logFileName, securityLogFile } from './log-file.js';
export { LogUpload, uploadFailureStatus } from './log-upload.js';
export { logStatusTrigger } from './log-status-trigger.js';
export { LogUploader, type GetLogDecision } from './log-uploader.js';
export type { DiagnosticsLogFile, DiagnosticsLogQuery, LogUploaderDeps, LogUploaderOptions } from './log-uploader-deps.js';
