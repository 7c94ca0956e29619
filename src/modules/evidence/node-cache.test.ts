import { describe, expect, it } from 'vitest';
import { NODE_CACHE_MAX, UpperNodeCache } from './node-cache.js';

// The proofs' upper-node cache keeps only what it was told to, returns exactly what it kept, and stays bounded.

const row = (level: number, idx: number) => ({ level, idx, hash: Buffer.from(`${level}/${idx}`) });

describe('UpperNodeCache', () => {
  it('keeps the levels that hold at most the cap, never level 0', () => {
    expect(UpperNodeCache.lowestLevelFor(10)).toBe(1);
    expect(UpperNodeCache.lowestLevelFor(NODE_CACHE_MAX)).toBe(1);
    expect(UpperNodeCache.lowestLevelFor(NODE_CACHE_MAX + 1)).toBe(2);
    // A million leaves: levels 5 and up hold 1,000,000 / 16 = 62,500 nodes at most.
    expect(UpperNodeCache.lowestLevelFor(1_000_000)).toBe(5);
    expect(UpperNodeCache.lowestLevelFor(1_000_000, 1000)).toBe(11);
  });

  it('serves nothing until its lowest level is set, then only what it kept at or above it', () => {
    const c = new UpperNodeCache();
    c.keep([row(3, 1)]);
    expect(c.size).toBe(0);
    c.setLowestLevel(2);
    c.keep([row(1, 0), row(2, 5), row(7, 0)]);
    expect(c.size).toBe(2);
    const { rows, missing } = c.take([
      { level: 2, index: 5 },
      { level: 2, index: 6 },
      { level: 1, index: 0 },
      { level: 7, index: 0 },
    ]);
    expect(rows).toEqual([row(2, 5), row(7, 0)]);
    expect(missing).toEqual([
      { level: 2, index: 6 },
      { level: 1, index: 0 },
    ]);
  });

  it('stops growing at its cap', () => {
    const c = new UpperNodeCache(3);
    c.setLowestLevel(1);
    c.keep([row(1, 0), row(1, 1), row(1, 2), row(1, 3)]);
    expect(c.size).toBe(3);
    expect(c.take([{ level: 1, index: 3 }]).missing).toHaveLength(1);
  });
});
