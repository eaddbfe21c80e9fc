import type { RpcError } from './rpc-error.js';

/** Our own outgoing payload breaks the official schema: a bug, raised to the caller and never sent (DESIGN rule 7). */
export class OutgoingPayloadError extends Error {
  override readonly name = 'OutgoingPayloadError';
  constructor(
    readonly action: string,
    readonly violation: RpcError,
  ) {
    super(`Refusing to send an invalid ${action}: ${violation.message}`);
  }
}

/** The CSMS did not answer within MessageTimeout. */
export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError';
  constructor(
    readonly action: string,
    readonly messageId: string,
  ) {
    super(`No answer to ${action} (${messageId}) within MessageTimeout`);
  }
}

/** The call could not be sent or answered because there is no connection, or it was lost. */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  constructor(readonly action: string) {
    super(`Not connected: ${action} was not answered`);
  }
}

/** The CSMS answered with a CALLRESULT whose payload breaks the official schema. */
export class InvalidResponseError extends Error {
  override readonly name = 'InvalidResponseError';
  constructor(
    readonly action: string,
    readonly violation: RpcError,
  ) {
    super(`CSMS sent an invalid ${action} response: ${violation.message}`);
  }
}
