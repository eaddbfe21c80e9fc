import type { FunctionalBlock } from '../../rpc/functional-block.js';
import type { CustomerInformation } from './customer-information.js';
import { customerInformationHandler } from './customer-information.handler.js';
import { getLogHandler } from './get-log.handler.js';
import type { LogUploader } from './log-uploader.js';

/** Functional block N Diagnostics: N01 GetLog and N09/N10 CustomerInformation (each installed when given). */
export function diagnosticsBlock(deps: { logs?: Pick<LogUploader, 'getLog'>; customerInformation?: Pick<CustomerInformation, 'handle'> }): FunctionalBlock {
  return {
    name: 'diagnostics',
    handlers: {
      ...(deps.logs === undefined ? {} : { GetLog: getLogHandler(deps.logs) }),
      ...(deps.customerInformation === undefined ? {} : { CustomerInformation: customerInformationHandler(deps.customerInformation) }),
    },
  };
}
