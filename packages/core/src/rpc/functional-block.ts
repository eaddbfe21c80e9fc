import type { OcppAction, RequestOf, ResponseOf } from '../messages/index.js';

/** Serves one action received from the CSMS; throw an RpcError to answer with that CALLERROR. */
export type CallHandler<A extends OcppAction> = (request: RequestOf<A>, context: { messageId: string }) => Promise<ResponseOf<A>> | ResponseOf<A>;

/** The handlers a block declares, keyed by action (DESIGN rule 4). */
export type BlockHandlers = { readonly [A in OcppAction]?: CallHandler<A> };

/** An OCPP functional block (A Security ... P DataTransfer) as the router sees it: a name and what it handles. */
export interface FunctionalBlock {
  readonly name: string;
  readonly handlers: BlockHandlers;
}
