import { setImmediate as nextTurn } from 'node:timers/promises';

/** Lets pending I/O callbacks (streams, sockets, mock bindings) run: a few event-loop turns, never a timer. */
export async function flushIo(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i += 1) await nextTurn();
}
