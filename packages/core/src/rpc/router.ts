import { ACTIONS, isOcppAction, type OcppAction } from '../messages/index.js';
import type { CallContext, CallHandler, FunctionalBlock } from './functional-block.js';
import type { IncomingCall, Middleware, NextHandler } from './incoming-call.js';
import { NotImplementedError } from './rpc-error.js';

type AnyHandler = (request: unknown, context: CallContext) => unknown;

/** Raised at construction when blocks are wired wrongly (two handlers for one action, or a CS->CSMS action). */
export class RouterConfigError extends Error {
  override readonly name = 'RouterConfigError';
}

/**
 * Routes CALLs from the CSMS to the block that declared the action (DESIGN rule 4): the table is built from
 * what the installed blocks declare, never kept by hand. An unknown action, or one no installed block handles,
 * gets NotImplemented.
 */
export class Router {
  private readonly handlers = new Map<OcppAction, { block: string; handler: AnyHandler }>();
  private readonly chain: NextHandler;

  constructor(blocks: readonly FunctionalBlock[], middleware: readonly Middleware[] = []) {
    for (const block of blocks) this.install(block);
    const terminal: NextHandler = async (call) => {
      const entry = this.handlers.get(call.action);
      if (entry === undefined) throw new NotImplementedError(`No installed block handles ${call.action}`);
      return await entry.handler(call.payload, { messageId: call.messageId, afterReply: call.afterReply });
    };
    this.chain = middleware.reduceRight<NextHandler>((next, mw) => (call) => mw(call, next), terminal);
  }

  /** The actions the installed blocks handle, with the block that handles each. */
  routes(): ReadonlyMap<OcppAction, string> {
    return new Map([...this.handlers].map(([action, { block }]) => [action, block]));
  }

  /** Whether an installed block handles `action`. */
  handles(action: string): boolean {
    return isOcppAction(action) && this.handlers.has(action);
  }

  /** Serves one CALL: resolves to the response payload or rejects with the RpcError to answer with. */
  async handle(messageId: string, action: string, payload: unknown, afterReply: (task: () => void) => void = () => undefined): Promise<unknown> {
    if (!isOcppAction(action)) throw new NotImplementedError(`Unknown action ${action.slice(0, 64)}`);
    if (!this.handlers.has(action)) throw new NotImplementedError(`No installed block handles ${action}`);
    const call: IncomingCall = { messageId, action, payload, afterReply };
    return this.chain(call);
  }

  private install(block: FunctionalBlock): void {
    const entries = Object.entries(block.handlers) as [OcppAction, CallHandler<OcppAction> | undefined][];
    for (const [action, handler] of entries) {
      if (handler === undefined) continue;
      if (!isOcppAction(action)) throw new RouterConfigError(`Block ${block.name} declares unknown action ${String(action)}`);
      if (ACTIONS[action].direction === 'CS->CSMS') {
        throw new RouterConfigError(`Block ${block.name} declares ${action}, which only a station sends`);
      }
      const existing = this.handlers.get(action);
      if (existing !== undefined) {
        throw new RouterConfigError(`Both ${existing.block} and ${block.name} declare ${action}`);
      }
      this.handlers.set(action, { block: block.name, handler: handler as AnyHandler });
    }
  }
}
