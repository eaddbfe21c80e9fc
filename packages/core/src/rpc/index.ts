export * from './rpc-error.js';
export * from './call-errors.js';
export * from './frame.js';
export { rpcErrorForSchemaErrors } from './schema-error-mapping.js';
export type { IncomingCall, Middleware, NextHandler } from './incoming-call.js';
export type { BlockHandlers, CallContext, CallHandler, FunctionalBlock } from './functional-block.js';
export { Router, RouterConfigError } from './router.js';
export { loggingMiddleware, validationMiddleware } from './middleware.js';
export {
  RpcEndpoint,
  type BadFrameReport,
  type CallDispatcher,
  type CallOptions,
  type FrameRecord,
  type FrameSink,
  type RpcEndpointDeps,
} from './rpc-endpoint.js';
export { bindTransport, type ConnectionHooks } from './transport-binding.js';
export { MessageQueue, type DiscardReason, type MessageQueueEvents, type MessageQueueSettings, type QueueSender } from './message-queue.js';
