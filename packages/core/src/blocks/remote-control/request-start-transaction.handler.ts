import type { RequestStartTransactionRequest, RequestStartTransactionResponse } from '../../messages/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** The station's answer to a remote start, and the work to do once the answer is sent. */
export interface RemoteStartDecision {
  response: RequestStartTransactionResponse;
  /** Authorizes (AuthorizeRemoteStart) and applies the token after the CALLRESULT went out (F01/F02). */
  proceed?: () => void;
}

/** What RequestStartTransaction needs from the station. */
export interface RequestStartTransactionDeps {
  /** B02.FR.05: while the registration is Pending a remote start is Rejected. */
  isAccepted(): boolean;
  /** Picks and checks the EVSE, and says what to do (F01/F02). */
  decideRemoteStart(request: RequestStartTransactionRequest): RemoteStartDecision;
}

/** F01/F02 RequestStartTransaction (TC_F_01-04): Rejected before Accepted; otherwise the station's decision, applied after the reply. */
export function requestStartTransactionHandler(deps: RequestStartTransactionDeps): CallHandler<'RequestStartTransaction'> {
  return (request, context) => {
    if (!deps.isAccepted()) return { status: 'Rejected', statusInfo: { reasonCode: 'NotRegistered' } };
    const decision = deps.decideRemoteStart(request);
    if (decision.proceed !== undefined) context.afterReply(decision.proceed);
    return decision.response;
  };
}
