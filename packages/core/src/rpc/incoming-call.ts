import type { OcppAction } from '../messages/index.js';

/** A CALL received from the CSMS for a known action, as it travels through the middleware chain. */
export interface IncomingCall {
  readonly messageId: string;
  readonly action: OcppAction;
  /** The request payload; checked against the schema by the validation middleware. */
  readonly payload: unknown;
  /** Registers work to run after the CALLRESULT is sent. */
  readonly afterReply: (task: () => void) => void;
}

/** Continues the middleware chain and resolves to the response payload. */
export type NextHandler = (call: IncomingCall) => Promise<unknown>;

/** Wraps the handling of incoming CALLs (logging, validation, the registration gate...), undici-style. */
export type Middleware = (call: IncomingCall, next: NextHandler) => Promise<unknown>;
