import { describe, expect, it } from 'vitest';
import { Router, RouterConfigError } from './router.js';
import type { Middleware } from './incoming-call.js';

describe('Router built from what blocks declare (DESIGN rule 4)', () => {
  it('routes each action to the block that declared it and lists the routes', async () => {
    const router = new Router([
      { name: 'provisioning', handlers: { Reset: () => ({ status: 'Accepted' }) } },
      { name: 'authorization', handlers: { ClearCache: () => ({ status: 'Accepted' }) } },
    ]);
    await expect(router.handle('1', 'ClearCache', {})).resolves.toEqual({ status: 'Accepted' });
    expect(Object.fromEntries(router.routes())).toEqual({ Reset: 'provisioning', ClearCache: 'authorization' });
    expect(router.handles('Reset')).toBe(true);
    expect(router.handles('GetLog')).toBe(false);
  });

  it('refuses two blocks declaring the same action', () => {
    const a = { name: 'a', handlers: { Reset: () => ({ status: 'Accepted' as const }) } };
    const b = { name: 'b', handlers: { Reset: () => ({ status: 'Rejected' as const }) } };
    expect(() => new Router([a, b])).toThrow(new RouterConfigError('Both a and b declare Reset'));
  });

  it('refuses a block that declares an action only a station sends', () => {
    const block = { name: 'x', handlers: { Heartbeat: () => ({ currentTime: '2026-01-01T00:00:00Z' }) } };
    expect(() => new Router([block as never])).toThrow(/only a station sends/);
  });

  it('runs middleware in order around the handler', async () => {
    const order: string[] = [];
    const mw =
      (name: string): Middleware =>
      async (call, next) => {
        order.push(`${name}>`);
        const result = await next(call);
        order.push(`<${name}`);
        return result;
      };
    const router = new Router([{ name: 'p', handlers: { Reset: () => (order.push('handler'), { status: 'Accepted' }) } }], [mw('outer'), mw('inner')]);
    await router.handle('1', 'Reset', { type: 'Immediate' });
    expect(order).toEqual(['outer>', 'inner>', 'handler', '<inner', '<outer']);
  });
});
