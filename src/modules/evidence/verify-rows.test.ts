import { describe, expect, it } from 'vitest';
import { MemorySubtreeStore, treeHasher, type LogHashAlg } from './domain/index.js';
import { leafTextHash } from './leaf-text.js';
import { Frontier, leafTextHashHex } from './verify-rows.js';

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
