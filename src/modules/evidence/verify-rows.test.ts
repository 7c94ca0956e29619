import { describe, expect, it } from 'vitest';
import { MemorySubtreeStore, treeHasher, type LogHashAlg } from './domain/index.js';
import { leafTextHash } from './leaf-text.js';
import type { LeafRangeReader } from './leaf-reader.repository.js';
import { EVENT_RANGES_AFTER_MISSES, Frontier, leafTextHashHex, RangeChecker } from './verify-rows.js';

// Full verification hashes with string results and rebuilds the tree in one buffer (verify-rows.ts); both must
// give exactly the bytes of the log's own hashing (leafTextHash, which the sequencer stores, and the RFC 9162
// tree of MemorySubtreeStore).

const algs: LogHashAlg[] = ['sha256', 'sm3'];

describe.each(algs)('verification hashing (%s)', (alg) => {
  const h = treeHasher(alg);

  it('hashes a leaf text as the sequencer does', () => {
    const texts = [
      '',
      '{"v":1}',
      '中文 and émoji 😀',
      'a lone surrogate \ud800 and \udc00 at the end \ud83d',
      'x'.repeat(40_000),
    ];
    for (const t of texts) expect(leafTextHashHex(alg, t)).toBe(leafTextHash(h, t).toString('hex'));
  });

  it('rebuilds the root at every size as the RFC 9162 tree gives it', () => {
    const store = new MemorySubtreeStore(h);
    const tree = new Frontier(alg, 32);
    for (let i = 0; i < 70; i++) {
      const leafHash = store.appendLeaf(Buffer.from(`leaf ${i}`));
      // Leaf hashes arrive back to back in a range's buffer; put this one at an offset.
      const range = Buffer.alloc(96);
      leafHash.copy(range, 64);
      tree.push(range, 64);
      expect(tree.size).toBe(i + 1);
      expect(tree.root().equals(store.root())).toBe(true);
    }
  });
});

describe('RangeChecker', () => {
  // A reader over a made-up log of 100-leaf ranges whose database texts match in ranges 0 and 17 on, and
  // never in ranges 1–16 (as in a log written before details were stored canonically).
  const alg: LogHashAlg = 'sha256';
  const goodText = (i: number) => `leaf ${i}`;
  const calls: string[] = [];
  const rangeOf = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  const reader: LeafRangeReader = {
    async texts(from, to) {
      calls.push(`texts ${from}`);
      const matches = from < 100 || from >= 1700;
      return rangeOf(from, to).map((i) => [
        i,
        leafTextHashHex(alg, goodText(i)),
        matches ? goodText(i) : 'x',
      ]);
    },
    async range(from, to) {
      calls.push(`range ${from}`);
      // No event: each row is a finding, but the checker's choice of reads is what is under test.
      return rangeOf(from, to).map((i) => ({
        idx: i,
        event_id: `e${i}`,
        leaf_hash_hex: leafTextHashHex(alg, goodText(i)),
        event: null,
      }));
    },
    async close() {},
  };

  it('reads ranges with their events for a while after a range whose texts mostly missed', async () => {
    const checker = new RangeChecker(reader, alg);
    const results = [];
    for (let r = 0; r < 20; r++) results.push(await checker.check(r * 100, r * 100 + 100));
    expect(calls.slice(0, 3)).toEqual(['texts 0', 'texts 100', 'range 100']);
    // Ranges 2–16 by their events only, then texts again from range 17.
    for (let r = 2; r <= 1 + EVENT_RANGES_AFTER_MISSES; r++) expect(calls).not.toContain(`texts ${r * 100}`);
    expect(calls).toContain(`texts ${(2 + EVENT_RANGES_AFTER_MISSES) * 100}`);
    expect(results.map((c) => c.rechecked)).toEqual([0, ...new Array<number>(16).fill(100), 0, 0, 0]);
    // The hashes are the stored ones either way, and the first range's are the texts' hashes.
    expect(Buffer.from(results[0]!.hashes.subarray(0, 32)).toString('hex')).toBe(
      leafTextHashHex(alg, goodText(0)),
    );
  });
});
