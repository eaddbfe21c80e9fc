import { describe, expect, it } from 'vitest';
import { SimulatedDisplay } from './simulated-display.js';

describe('SimulatedDisplay (O01 display messages)', () => {
  it('shows messages most prominent first and replaces a message with the same id', async () => {
    const display = new SimulatedDisplay();
    await display.show({ id: 1, text: 'Welcome', format: 'UTF8', priority: 'NormalCycle' });
    await display.show({ id: 2, text: 'Out of order', format: 'ASCII', priority: 'AlwaysFront' });
    await display.show({ id: 1, text: 'Willkommen', format: 'UTF8', language: 'de', priority: 'NormalCycle' });
    expect(display.shown().map((m) => m.text)).toEqual(['Out of order', 'Willkommen']);
    await display.clear(2);
    expect(display.shown().map((m) => m.id)).toEqual([1]);
    await display.clear();
    expect(display.shown()).toEqual([]);
  });

  it('refuses a format or a length it cannot show', async () => {
    const display = new SimulatedDisplay({ capabilities: { formats: ['ASCII'], maxTextLength: 4 } });
    await expect(display.show({ id: 1, text: '<b>x</b>', format: 'HTML', priority: 'InFront' })).rejects.toThrow('cannot show HTML');
    await expect(display.show({ id: 1, text: 'too long', format: 'ASCII', priority: 'InFront' })).rejects.toThrow('exceeds 4');
    expect(display.capabilities().formats).toEqual(['ASCII']);
  });
});
