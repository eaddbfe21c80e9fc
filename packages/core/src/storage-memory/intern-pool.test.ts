import { describe, expect, it } from 'vitest';
import { contentKey, InternPool } from './intern-pool.js';

describe('InternPool (issue 6 §5: one copy of what stations have in common)', () => {
  it('hands out the object made first for equal content, and a new one for different content', () => {
    const pool = new InternPool<{ name: string }>();
    let made = 0;
    const make = (name: string) => () => {
      made += 1;
      return Object.freeze({ name });
    };
    const first = pool.intern(contentKey({ name: 'OCPPCommCtrlr' }), make('OCPPCommCtrlr'));
    expect(pool.intern(contentKey({ name: 'OCPPCommCtrlr' }), make('OCPPCommCtrlr'))).toBe(first);
    const other = pool.intern(contentKey({ name: 'SecurityCtrlr' }), make('SecurityCtrlr'));
    expect(other).not.toBe(first);
    expect(other.name).toBe('SecurityCtrlr');
    expect(made).toBe(2);
  });
});

describe('contentKey', () => {
  it('tells apart numbers JSON would merge (-0 and 0, NaN, Infinity and null), so shared data round-trips exactly', () => {
    const keys = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null].map((n) => contentKey({ minLimit: n }));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives equal plain data equal keys, and an absent key the same key as an undefined one', () => {
    expect(contentKey({ dataType: 'integer', minLimit: 0 })).toBe(contentKey({ dataType: 'integer', minLimit: 0 }));
    expect(contentKey({ name: 'EVSE', instance: undefined })).toBe(contentKey({ name: 'EVSE' }));
    expect(contentKey([{ name: 'EVSE' }, undefined])).not.toBe(contentKey([{ name: 'EVSE' }, false]));
  });
});
