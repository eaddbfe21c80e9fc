import type { DataTransferRequest, DataTransferResponse } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';

/**
 * P02 Data Transfer to the CSMS (libocpp's data_transfer_req): sends the request and resolves to the CSMS's answer,
 * or to undefined when it could not be delivered (offline, timeout, CALLERROR), which is logged.
 */
export async function dataTransferRequest(
  deps: { sendDataTransfer(request: DataTransferRequest): Promise<DataTransferResponse>; logger: LoggerPort },
  request: DataTransferRequest,
): Promise<DataTransferResponse | undefined> {
  try {
    return await deps.sendDataTransfer(request);
  } catch (error) {
    deps.logger.warn({ err: error, vendorId: request.vendorId, messageId: request.messageId }, 'DataTransfer to the CSMS not delivered');
    return undefined;
  }
}
