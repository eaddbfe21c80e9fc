import type { DataTransferRequest, DataTransferResponse } from '../../messages/index.js';
import type { LoggerPort } from '../../ports/logger.port.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** Serves one DataTransfer of a vendor the station knows; the answer may carry data back. */
export type DataTransferHandler = (request: DataTransferRequest) => Promise<DataTransferResponse> | DataTransferResponse;

/**
 * A vendor extension the station supports: one handler for all its messages, or a table by messageId (a message
 * missing from the table, or a request without messageId, falls back to `otherwise`, else UnknownMessageId).
 */
export type DataTransferVendor = DataTransferHandler | { messages: Readonly<Record<string, DataTransferHandler>>; otherwise?: DataTransferHandler };

/** What the P01 DataTransfer handler needs. */
export interface DataTransferDeps {
  logger: LoggerPort;
  /** Vendor extensions by vendorId (compared exactly). */
  vendors?: Readonly<Record<string, DataTransferVendor>>;
  /** For vendorIds not in `vendors` (the DESIGN callback dataTransfer, libocpp's data_transfer_callback); without it UnknownVendorId. */
  fallback?: DataTransferHandler;
}

function pick(vendor: DataTransferVendor, messageId: string | undefined): DataTransferHandler | undefined {
  if (typeof vendor === 'function') return vendor;
  const handler = messageId === undefined ? undefined : Object.hasOwn(vendor.messages, messageId) ? vendor.messages[messageId] : undefined;
  return handler ?? vendor.otherwise;
}

/**
 * P01 Data Transfer to the Charging Station: routes by vendorId (then messageId) to the station's handler; an unknown
 * vendor gets UnknownVendorId, a known vendor's unknown message UnknownMessageId (TC_P_01). A handler that throws
 * answers Rejected instead of breaking the connection.
 */
export function dataTransferHandler(deps: DataTransferDeps): CallHandler<'DataTransfer'> {
  return async (request) => {
    const vendors = deps.vendors ?? {};
    let handler: DataTransferHandler | undefined;
    if (Object.hasOwn(vendors, request.vendorId)) {
      handler = pick(vendors[request.vendorId]!, request.messageId);
      if (handler === undefined) return { status: 'UnknownMessageId' };
    } else {
      handler = deps.fallback;
      if (handler === undefined) return { status: 'UnknownVendorId' };
    }
    try {
      return await handler(request);
    } catch (error) {
      deps.logger.error({ err: error, vendorId: request.vendorId, messageId: request.messageId }, 'DataTransfer handler failed');
      return { status: 'Rejected', statusInfo: { reasonCode: 'InternalError' } };
    }
  };
}
