import { decodeFrame, type FrameDirection, type FrameRecord } from './frame-record.js';

/** Settings of a FrameLedger. */
export interface FrameLedgerDeps {
  /** How many frames are kept; the oldest go first. */
  readonly capacity: number;
  readonly now: () => Date;
  /** Called when a frame listener throws, so one bad subscriber cannot break recording. */
  readonly onListenerError: (error: unknown) => void;
}

/** A filter for FrameLedger.list. */
export interface FrameQuery {
  /** Only frames of this station. */
  identity?: string;
  /** At most this many, the newest ones (returned oldest first). */
  limit?: number;
}

/** Calls whose answer never came (a station that ignores a CALL) must not grow the table without end. */
const MAX_OPEN_CALLS_PER_STATION = 1_000;

/** Every frame both ways, newest last, bounded to `capacity`; each new frame is also pushed to subscribers. */
export class FrameLedger {
  private readonly ring: (FrameRecord | undefined)[];
  private nextSeq = 0;
  private readonly listeners = new Set<(frame: FrameRecord) => void>();
  /** Per station: `${direction}|${messageId}` of each unanswered CALL -> its action, to name the action of its result. */
  private readonly openCalls = new Map<string, Map<string, string>>();

  constructor(private readonly deps: FrameLedgerDeps) {
    if (!Number.isInteger(deps.capacity) || deps.capacity < 1) throw new RangeError(`ledger capacity must be a whole number >= 1 (got ${deps.capacity})`);
    this.ring = new Array<FrameRecord | undefined>(deps.capacity);
  }

  /** The most frames kept. */
  get capacity(): number {
    return this.deps.capacity;
  }

  /** Records one frame as sent on the socket and tells the subscribers. */
  record(identity: string, direction: FrameDirection, text: string): FrameRecord {
    const decoded = decodeFrame(text);
    let action = decoded.action;
    if (decoded.messageId !== null) {
      if (decoded.messageType === 'CALL' && action !== null) this.rememberCall(identity, `${direction}|${decoded.messageId}`, action);
      if (decoded.messageType === 'CALLRESULT' || decoded.messageType === 'CALLERROR') {
        action = this.takeCall(identity, `${opposite(direction)}|${decoded.messageId}`);
      }
    }
    const frame: FrameRecord = Object.freeze({ seq: this.nextSeq, time: this.deps.now().toISOString(), identity, direction, ...decoded, action });
    this.ring[this.nextSeq % this.deps.capacity] = frame;
    this.nextSeq += 1;
    for (const listener of this.listeners) {
      try {
        listener(frame);
      } catch (error) {
        this.deps.onListenerError(error);
      }
    }
    return frame;
  }

  /** The kept frames matching the query, oldest first. */
  list(query: FrameQuery = {}): FrameRecord[] {
    const limit = query.limit ?? this.deps.capacity;
    const found: FrameRecord[] = [];
    // Walk from the newest back so a small limit stops early.
    for (let seq = this.nextSeq - 1; seq >= Math.max(0, this.nextSeq - this.deps.capacity) && found.length < limit; seq -= 1) {
      const frame = this.ring[seq % this.deps.capacity];
      if (frame !== undefined && (query.identity === undefined || frame.identity === query.identity)) found.push(frame);
    }
    return found.reverse();
  }

  /** Calls `listener` with every frame recorded from now on; returns the unsubscribe function. */
  subscribe(listener: (frame: FrameRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the open-call table of a station that went away (its pending CALLs will never be answered). */
  forgetOpenCalls(identity: string): void {
    this.openCalls.delete(identity);
  }

  private rememberCall(identity: string, key: string, action: string): void {
    let calls = this.openCalls.get(identity);
    if (calls === undefined) {
      calls = new Map();
      this.openCalls.set(identity, calls);
    }
    calls.set(key, action);
    if (calls.size > MAX_OPEN_CALLS_PER_STATION) {
      const oldest = calls.keys().next();
      if (oldest.done !== true) calls.delete(oldest.value);
    }
  }

  private takeCall(identity: string, key: string): string | null {
    const calls = this.openCalls.get(identity);
    const action = calls?.get(key);
    if (action === undefined) return null;
    calls?.delete(key);
    return action;
  }
}

function opposite(direction: FrameDirection): FrameDirection {
  return direction === 'CS->CSMS' ? 'CSMS->CS' : 'CS->CSMS';
}
