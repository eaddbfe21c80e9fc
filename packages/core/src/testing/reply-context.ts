import type { CallContext } from '../rpc/functional-block.js';

/**
 * A CallContext as the RPC layer hands it to a handler: the afterReply tasks wait until `flush()`, which stands for the
 * CALLRESULT having gone out, so a test can check that nothing started before the answer (tests only).
 */
export function replyContext(messageId = 'csms-1'): CallContext & { flush(): void } {
  const tasks: (() => void)[] = [];
  return { messageId, afterReply: (task) => void tasks.push(task), flush: () => tasks.splice(0).forEach((task) => task()) };
}
