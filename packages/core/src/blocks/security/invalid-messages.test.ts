import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock.js';
import { InvalidMessagesReporter } from './invalid-messages.js';

describe('A04 InvalidMessages', () => {
  it('R1: raises the first refused frame of each minute and counts the rest', async () => {
    const clock = new FakeClock();
    const raised: string[] = [];
    const reporter = new InvalidMessagesReporter({ clock, raise: (techInfo) => raised.push(techInfo) });
    for (let i = 0; i < 1000; i += 1) reporter.refused({ code: 'FormatViolation', description: 'bad frame' });
    expect(raised).toEqual(['FormatViolation: bad frame']);
    await clock.advance(60_000);
    reporter.refused({ code: 'RpcFrameworkError', description: 'not JSON' });
    expect(raised).toEqual(['FormatViolation: bad frame', 'RpcFrameworkError: not JSON (+999 more since the last report)']);
  });
});
