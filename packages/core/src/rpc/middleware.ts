import { getValidator } from '../messages/index.js';
import type { LoggerPort } from '../ports/logger.port.js';
import type { Middleware } from './incoming-call.js';
import { InternalError, RpcError } from './rpc-error.js';
import { rpcErrorForSchemaErrors } from './schema-error-mapping.js';

/**
 * Checks every incoming request against its official schema before any handler sees it (DESIGN rule 7), and
 * every response of ours before it is sent: a bad response is our bug, answered with InternalError and logged.
 */
export function validationMiddleware(logger: LoggerPort): Middleware {
  return async (call, next) => {
    const requestErrors = getValidator(call.action, 'request')(call.payload);
    if (requestErrors !== undefined) throw rpcErrorForSchemaErrors(requestErrors);
    const response = await next(call);
    const responseErrors = getValidator(call.action, 'response')(response);
    if (responseErrors !== undefined) {
      logger.error({ action: call.action, messageId: call.messageId, errors: responseErrors }, 'Our response breaks the schema; answering InternalError');
      throw new InternalError(`Station produced an invalid ${call.action} response`);
    }
    return response;
  };
}

/** Logs each served CALL and its outcome; handler crashes become InternalError without a stack on the wire. */
export function loggingMiddleware(logger: LoggerPort): Middleware {
  return async (call, next) => {
    logger.debug({ action: call.action, messageId: call.messageId }, 'Serving CALL');
    try {
      return await next(call);
    } catch (error) {
      if (error instanceof RpcError) {
        logger.info({ action: call.action, messageId: call.messageId, code: error.code }, `Answering CALLERROR: ${error.message}`);
        throw error;
      }
      logger.error({ action: call.action, messageId: call.messageId, err: error }, 'Handler failed');
      throw new InternalError(`Failed to process ${call.action}`);
    }
  };
}
