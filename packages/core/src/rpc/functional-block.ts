import type { OcppAction, RequestOf, ResponseOf } from '../messages/index.js';

/** What a handler knows about the CALL it serves. */
export interface CallContext {
  messageId: string;
  /** Runs `task` once the CALLRESULT has been sent (e.g. NotifyReport after GetBaseReport, the reboot after Reset). */
  afterReply(task: () => void): void;
}

/** Serves one action received from the CSMS; throw an RpcError to answer with that CALLERROR. */
export type CallHandler<A extends OcppAction> = (request: RequestOf<A>, context: CallContext) => Promise<ResponseOf<A>> | ResponseOf<A>;

/** The handlers a block declares, keyed by action (DESIGN rule 4). */
export type BlockHandlers = { readonly [A in OcppAction]?: CallHandler<A> };

/** An OCPP functional block (A Security ... P DataTransfer) as the router sees it: a name and what it handles. */
export interface FunctionalBlock {
  readonly name: string;
  readonly handlers: BlockHandlers;
}
