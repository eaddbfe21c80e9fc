import { describe, expect, it } from 'vitest';
import { FrameLedger } from './frame-ledger.js';
import type { FrameRecord } from './frame-record.js';

const at = new Date('2025-01-01T00:00:00.000Z');

function ledger(capacity: number, onListenerError: (error: unknown) => void = () => undefined): FrameLedger {
  return new FrameLedger({ capacity, now: () => at, onListenerError });
}

describe('FrameLedger', () => {
  it('records time, identity, direction, message type, message id, action and payload of each frame', () => {
    const frames = ledger(10);
    frames.record('CS1', 'CS->CSMS', JSON.stringify([2, 'm1', 'Heartbeat', {}]));
    frames.record('CS1', 'CSMS->CS', JSON.stringify([3, 'm1', { currentTime: '2025-01-01T00:00:00Z' }]));
    frames.record('CS1', 'CSMS->CS', JSON.stringify([2, 'm2', 'Reset', { type: 'Immediate' }]));
    frames.record('CS1', 'CS->CSMS', JSON.stringify([4, 'm2', 'NotImplemented', 'no', {}]));
    expect(frames.list()).toEqual([
      { seq: 0, time: at.toISOString(), identity: 'CS1', direction: 'CS->CSMS', messageType: 'CALL', messageId: 'm1', action: 'Heartbeat', payload: {} },
      { seq: 1, time: at.toISOString(), identity: 'CS1', direction: 'CSMS->CS', messageType: 'CALLRESULT', messageId: 'm1', action: 'Heartbeat', payload: { currentTime: '2025-01-01T00:00:00Z' } },
      { seq: 2, time: at.toISOString(), identity: 'CS1', direction: 'CSMS->CS', messageType: 'CALL', messageId: 'm2', action: 'Reset', payload: { type: 'Immediate' } },
      {
        seq: 3,
        time: at.toISOString(),
        identity: 'CS1',
        direction: 'CS->CSMS',
        messageType: 'CALLERROR',
        messageId: 'm2',
        action: 'Reset',
        payload: { errorCode: 'NotImplemented', errorDescription: 'no', errorDetails: {} },
      },
    ]);
  });

  it('names the action of a result only from a CALL of the opposite direction on the same station', () => {
    const frames = ledger(10);
    frames.record('CS1', 'CS->CSMS', JSON.stringify([2, 'same', 'Heartbeat', {}]));
    // Same message id, but from another station or from the same side: not the answer to that CALL.
    frames.record('CS2', 'CSMS->CS', JSON.stringify([3, 'same', {}]));
    frames.record('CS1', 'CS->CSMS', JSON.stringify([3, 'same', {}]));
    expect(frames.list().map((f) => f.action)).toEqual(['Heartbeat', null, null]);
  });

  it('keeps text that is no OCPP-J frame as Unparseable with the raw text', () => {
    const frames = ledger(10);
    frames.record('CS1', 'CS->CSMS', 'not json');
    frames.record('CS1', 'CS->CSMS', '[9,"x"]');
    expect(frames.list().map((f) => [f.messageType, f.payload])).toEqual([
      ['Unparseable', 'not json'],
      ['Unparseable', '[9,"x"]'],
    ]);
  });

  it('is bounded: past capacity the oldest frames go, seq keeps counting', () => {
    const frames = ledger(3);
    for (let i = 0; i < 7; i += 1) frames.record('CS1', 'CS->CSMS', JSON.stringify([2, `m${i}`, 'Heartbeat', {}]));
    expect(frames.list().map((f) => f.seq)).toEqual([4, 5, 6]);
    expect(frames.list({ limit: 2 }).map((f) => f.messageId)).toEqual(['m5', 'm6']);
  });

  it('filters by station and returns the newest `limit` frames, newest last', () => {
    const frames = ledger(100);
    for (let i = 0; i < 6; i += 1) frames.record(i % 2 === 0 ? 'A' : 'B', 'CS->CSMS', JSON.stringify([2, `m${i}`, 'Heartbeat', {}]));
    expect(frames.list({ identity: 'A' }).map((f) => f.messageId)).toEqual(['m0', 'm2', 'm4']);
    expect(frames.list({ identity: 'B', limit: 2 }).map((f) => f.messageId)).toEqual(['m3', 'm5']);
    expect(frames.list({ identity: 'nobody' })).toEqual([]);
  });

  it('pushes every frame to subscribers until they unsubscribe; a throwing subscriber does not stop recording', () => {
    const errors: unknown[] = [];
    const frames = ledger(10, (error) => errors.push(error));
    const seen: FrameRecord[] = [];
    const unsubscribe = frames.subscribe((frame) => seen.push(frame));
    frames.subscribe(() => {
      throw new Error('bad subscriber');
    });
    frames.record('CS1', 'CS->CSMS', JSON.stringify([2, 'm1', 'Heartbeat', {}]));
    unsubscribe();
    frames.record('CS1', 'CS->CSMS', JSON.stringify([2, 'm2', 'Heartbeat', {}]));
    expect(seen.map((f) => f.messageId)).toEqual(['m1']);
    expect(frames.list()).toHaveLength(2);
    expect(errors).toHaveLength(2);
  });

  it('forgets the open CALLs of a station that went away, so a late result is not misnamed', () => {
    const frames = ledger(10);
    frames.record('CS1', 'CSMS->CS', JSON.stringify([2, 'm1', 'Reset', { type: 'Immediate' }]));
    frames.forgetOpenCalls('CS1');
    frames.record('CS1', 'CS->CSMS', JSON.stringify([3, 'm1', { status: 'Accepted' }]));
    expect(frames.list()[1]?.action).toBeNull();
  });

  it('refuses a capacity below 1', () => {
    expect(() => ledger(0)).toThrow(RangeError);
  });
});
