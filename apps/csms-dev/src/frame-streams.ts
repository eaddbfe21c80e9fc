import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FrameRecord } from './frame-record.js';

/** Where the streams get their frames from. */
export interface FrameStreamsDeps {
  readonly subscribe: (listener: (frame: FrameRecord) => void) => () => void;
}

/** Live frame streams as Server-Sent Events (`GET /api/frames/stream`): one `frame` event per ledger entry. */
export class FrameStreams {
  private readonly responses = new Set<ServerResponse>();

  constructor(private readonly deps: FrameStreamsDeps) {}

  /** Starts streaming frames (of one station, when given) to this response until the client goes away. */
  open(request: IncomingMessage, response: ServerResponse, identity: string | undefined): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // A first comment line flushes the headers so the client knows the stream is live.
    response.write(': csms-dev frame stream\n\n');
    const unsubscribe = this.deps.subscribe((frame) => {
      if (identity === undefined || frame.identity === identity) response.write(`event: frame\nid: ${frame.seq}\ndata: ${JSON.stringify(frame)}\n\n`);
    });
    this.responses.add(response);
    const stop = (): void => {
      unsubscribe();
      this.responses.delete(response);
    };
    request.once('close', stop);
    response.once('close', stop);
  }

  /** Ends every open stream (at shutdown, so the HTTP server can close). */
  closeAll(): void {
    for (const response of this.responses) response.end();
    this.responses.clear();
  }
}
