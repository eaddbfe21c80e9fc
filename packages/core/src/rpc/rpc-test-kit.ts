import { FakeClock } from '../testing/fake-clock.js';
import { flushMicrotasks } from '../testing/clock-driver.js';
import { MemoryLogger } from '../testing/memory-logger.js';
import type { FunctionalBlock } from './functional-block.js';
import { loggingMiddleware, validationMiddleware } from './middleware.js';
import { Router } from './router.js';
import { RpcEndpoint, type BadFrameReport } from './rpc-endpoint.js';

/** An endpoint wired to a capturing sink, a fake clock and sequential ids m1, m2, ... (tests only). */
export function makeEndpoint(blocks: FunctionalBlock[] = [], messageTimeoutMs = 30_000) {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const wire: unknown[] = [];
  const badFrames: BadFrameReport[] = [];
  let counter = 0;
  const router = new Router(blocks, [loggingMiddleware(logger), validationMiddleware(logger)]);
  const endpoint = new RpcEndpoint(
    { clock, logger, dispatcher: router, newMessageId: () => `m${++counter}`, onBadFrame: (r) => badFrames.push(r) },
    messageTimeoutMs,
  );
  const sink = { open: true, send: (text: string) => (sink.open ? (wire.push(JSON.parse(text)), true) : false) };
  endpoint.connected(sink);
  /** Waits until the async handler chain has written its answers. */
  const settle = (): Promise<void> => flushMicrotasks(20);
  return { clock, logger, wire, badFrames, endpoint, sink, settle };
}
