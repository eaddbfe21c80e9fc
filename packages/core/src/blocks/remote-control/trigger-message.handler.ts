import type { MessageTriggerEnumType, TriggerMessageRequest, TriggerMessageStatusEnumType } from '../../messages/index.js';
import type { CallHandler } from '../../rpc/functional-block.js';

/** Sends the triggered message (after the response); returns Rejected when it cannot be sent now. */
export type TriggerAction = (request: TriggerMessageRequest) => { status: TriggerMessageStatusEnumType; send?: () => void };

/** The triggers blocks have registered, by requestedMessage (F06: each block adds its own). */
export type TriggerTable = Partial<Record<MessageTriggerEnumType, TriggerAction>>;

/** F06 TriggerMessage: NotImplemented for messages no block can trigger; the message is sent after the reply. */
export function triggerMessageHandler(triggers: TriggerTable): CallHandler<'TriggerMessage'> {
  return (request, context) => {
    const action = triggers[request.requestedMessage];
    if (action === undefined) return { status: 'NotImplemented' };
    const { status, send } = action(request);
    if (status === 'Accepted' && send !== undefined) context.afterReply(send);
    return { status };
  };
}
