import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, decodeCursor, encodeCursor, GAP_SETTLE_MS, settledPrefix } from './change-feed.js';

describe('change feed rules', () => {
  it('turns row-filter moves into inserts, updates and deletes', () => {
    expect(classify(true, true, 'update')).toBe('update');
    expect(classify(false, true, 'update')).toBe('insert');
    expect(classify(false, true, 'insert')).toBe('insert');
    expect(classify(true, false, 'update')).toBe('delete');
    expect(classify(true, false, 'delete')).toBe('delete');
    expect(classify(false, false, 'update')).toBeNull();
    expect(classify(false, false, 'delete')).toBeNull();
  });

  it('round-trips cursors and refuses anything else', () => {
    fc.assert(fc.property(fc.nat({ max: 999_999_999_999_999 }), (n) => decodeCursor(encodeCursor(n)) === n));
    for (const bad of ['', 'c.', 'c.-1', 'c.1.5', 's.abc', 'c.1234567890123456', ' c.1'])
      expect(decodeCursor(bad)).toBeNull();
  });

  it('holds back entries after a young gap in the log, and passes old gaps', () => {
    const now = new Date('2026-03-02T02:00:00.000Z');
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const young = [
      { seq: 1, at: at(0) },
      { seq: 2, at: at(0) },
      { seq: 4, at: at(0) },
    ];
    expect(settledPrefix(young, 0, now).map((e) => e.seq)).toEqual([1, 2]);
    expect(settledPrefix(young.slice(1), 1, now).map((e) => e.seq)).toEqual([2]);
    const old = young.map((e) => ({ ...e, at: at(GAP_SETTLE_MS + 1) }));
    expect(settledPrefix(old, 0, now).map((e) => e.seq)).toEqual([1, 2, 4]);
  });
});
