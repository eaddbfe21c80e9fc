import type { FrameRecord } from '@evstation/core';

/** One OCPP frame of a station's message log, as the control API shows it. */
export interface MessageLogEntry {
  /** Position in the station's log since the process started (1 first); gaps mean older entries were dropped. */
  seq: number;
  /** When the frame went in or out (ISO 8601). */
  at: string;
  /** 'out' = station -> CSMS. */
  direction: 'in' | 'out';
  messageType: 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'unparsable';
  messageId?: string;
  /** The action; for a CALLRESULT/CALLERROR the action of the CALL it answers. */
  action?: string;
  /** The frame's payload (CALL/CALLRESULT) or [errorCode, description, details] (CALLERROR). */
  payload: unknown;
}

interface Stored {
  seq: number;
  atMs: number;
  direction: 'in' | 'out';
  action: string | undefined;
  text: string;
}

const MESSAGE_TYPES = { 2: 'CALL', 3: 'CALLRESULT', 4: 'CALLERROR' } as const;
/** CALLs waiting for their answer whose action is remembered (one in flight each way normally; bounded anyway). */
const MAX_PENDING = 32;

function decode(text: string): unknown[] | undefined {
  try {
    const frame: unknown = JSON.parse(text);
    return Array.isArray(frame) ? frame : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A bounded log of one station's OCPP frames (the dashboard's "last messages" and GET .../messages). Frames are kept
 * as their text and decoded when read, so a thousand idle stations cost little memory.
 */
export class MessageLog {
  private readonly entries: Stored[] = [];
  private readonly pending = new Map<string, string>();
  private seq = 0;

  constructor(private readonly capacity: number) {}

  /** Records a frame; returns its entry. */
  record(record: FrameRecord, at: Date): MessageLogEntry {
    const frame = decode(record.text);
    const id = typeof frame?.[1] === 'string' ? frame[1] : undefined;
    let action: string | undefined;
    if (frame?.[0] === 2 && id !== undefined && typeof frame[2] === 'string') {
      action = frame[2];
      this.pending.set(`${record.direction}:${id}`, action);
      if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value ?? '');
    } else if (id !== undefined) {
      // An answer travels the other way from its CALL.
      const key = `${record.direction === 'in' ? 'out' : 'in'}:${id}`;
      action = this.pending.get(key);
      this.pending.delete(key);
    }
    this.seq += 1;
    const stored: Stored = { seq: this.seq, atMs: at.getTime(), direction: record.direction, action, text: record.text };
    this.entries.push(stored);
    if (this.entries.length > this.capacity) this.entries.shift();
    return this.view(stored, frame);
  }

  /** The last `limit` entries, oldest first. */
  last(limit: number): MessageLogEntry[] {
    return this.entries.slice(Math.max(0, this.entries.length - limit)).map((stored) => this.view(stored, decode(stored.text)));
  }

  get size(): number {
    return this.entries.length;
  }

  private view(stored: Stored, frame: unknown[] | undefined): MessageLogEntry {
    const type = frame?.[0];
    const messageType = type === 2 || type === 3 || type === 4 ? MESSAGE_TYPES[type] : 'unparsable';
    const entry: MessageLogEntry = { seq: stored.seq, at: new Date(stored.atMs).toISOString(), direction: stored.direction, messageType, payload: null };
    if (messageType === 'unparsable') {
      entry.payload = stored.text;
      return entry;
    }
    if (typeof frame?.[1] === 'string') entry.messageId = frame[1];
    if (stored.action !== undefined) entry.action = stored.action;
    entry.payload = messageType === 'CALL' ? frame?.[3] : messageType === 'CALLRESULT' ? frame?.[2] : frame?.slice(2);
    return entry;
  }
}
