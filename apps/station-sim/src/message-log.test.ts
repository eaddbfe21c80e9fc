import { describe, expect, it } from 'vitest';
import { MessageLog } from './message-log.js';

const at = new Date('2026-03-01T12:00:00.000Z');

describe('MessageLog (the message log of GET .../messages)', () => {
  it('keeps the last `capacity` frames with increasing seq, oldest first', () => {
    const log = new MessageLog(3);
    for (let i = 1; i <= 5; i += 1) log.record({ direction: 'out', text: JSON.stringify([2, `m${i}`, 'Heartbeat', {}]) }, at);
    expect(log.size).toBe(3);
    expect(log.last(10).map((e) => [e.seq, e.messageId])).toEqual([
      [3, 'm3'],
      [4, 'm4'],
      [5, 'm5'],
    ]);
    expect(log.last(1).map((e) => e.seq)).toEqual([5]);
  });

  it('names an answer after the CALL it answers, in either direction, and shows CALLERROR details', () => {
    const log = new MessageLog(10);
    log.record({ direction: 'out', text: '[2,"a","BootNotification",{"reason":"PowerUp"}]' }, at);
    log.record({ direction: 'in', text: '[2,"b","Reset",{"type":"Immediate"}]' }, at);
    const boot = log.record({ direction: 'in', text: '[3,"a",{"status":"Accepted"}]' }, at);
    const reset = log.record({ direction: 'out', text: '[4,"b","NotSupported","no",{}]' }, at);
    expect(boot).toMatchObject({ messageType: 'CALLRESULT', action: 'BootNotification', payload: { status: 'Accepted' }, direction: 'in', at: at.toISOString() });
    expect(reset).toMatchObject({ messageType: 'CALLERROR', action: 'Reset', payload: ['NotSupported', 'no', {}] });
  });

  it('keeps a frame that is not JSON as its text', () => {
    const log = new MessageLog(10);
    expect(log.record({ direction: 'in', text: 'garbage' }, at)).toMatchObject({ messageType: 'unparsable', payload: 'garbage' });
  });
});
