// Property tests on random trees of up to 2,000 leaves, for SHA-256 and SM3: incremental roots equal a naive
// recursive RFC 9162 MTH, generated proofs verify (and equal naive reference proofs), any flipped bit in a
// proof element, root or leaf hash fails, the batch appender equals the single-leaf one, and prefetched node
// sets are enough for the generators.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../kernel/index.js';
import {
  emptyRoot,
  leafHash,
  nodeHash,
  treeHasher,
  type LogHashAlg,
  type TreeHasher,
} from './merkle-hash.js';
import { verifyConsistency, verifyInclusion } from './merkle-verify.js';
import {
  consistencyProof,
  consistencyProofRefs,
  inclusionProof,
  inclusionProofRefs,
  newNodesForBatch,
  perfectSubtrees,
  rootOf,
  type SubtreeSource,
} from './merkle.js';
import { MemorySubtreeStore, SubtreeNodeMap } from './subtree-store.js';

const MAX_LEAVES = 2000;
const TREES_PER_RUN = 12;
const SAMPLES_PER_TREE = 250; // 12 × 250 = 3,000 inclusion and 3,000 consistency proofs per hash per run

/** Largest power of two strictly below n. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1 MTH over leaf hashes, written straight from the definition. */
function mth(h: TreeHasher, leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return emptyRoot(h);
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return nodeHash(h, mth(h, leaves.slice(0, k)), mth(h, leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), recursively. */
function refPath(h: TreeHasher, m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...refPath(h, m, leaves.slice(0, k)), mth(h, leaves.slice(k))]
    : [...refPath(h, m - k, leaves.slice(k)), mth(h, leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), recursively. */
function refSubproof(h: TreeHasher, m: number, leaves: Buffer[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [mth(h, leaves)];
  const k = split(n);
  return m <= k
    ? [...refSubproof(h, m, leaves.slice(0, k), b), mth(h, leaves.slice(k))]
    : [...refSubproof(h, m - k, leaves.slice(k), false), mth(h, leaves.slice(0, k))];
}

/** Deterministic pseudo-random leaf data of 0–40 bytes (fast-check supplies the seed). */
function leafData(seed: number, i: number): Buffer {
  const d = sha256(`${seed}/${i}`);
  return Buffer.concat([d, d]).subarray(0, (d[0] ?? 0) % 41);
}

/** A copy of bytes with one bit flipped. */
function flip(bytes: Uint8Array, bit: number): Buffer {
  const out = Buffer.from(bytes);
  const i = Math.floor(bit / 8) % out.length;
  out[i] = (out[i] as number) ^ (1 << (bit % 8));
  return out;
}

/** A pick in [lo, hi] from a random natural. */
const pick = (r: number, lo: number, hi: number): number => lo + (r % (hi - lo + 1));

/** The nodes a generator needs, fetched from the full store into a sparse map (what a database store does). */
function prefetched(store: SubtreeSource, refs: { level: number; index: number }[]): SubtreeNodeMap {
  return new SubtreeNodeMap(refs.map((r) => ({ ...r, hash: store.hashAt(r.level, r.index) })));
}

describe.each<LogHashAlg>(['sha256', 'sm3'])('Merkle tree properties (%s)', (alg) => {
  const h = treeHasher(alg);

  it('incremental roots equal the naive MTH; proofs verify, match the RFC recursion and break on any bit flip', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_LEAVES }),
        fc.integer(),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), {
          minLength: SAMPLES_PER_TREE,
          maxLength: SAMPLES_PER_TREE,
        }),
        (n, seed, samples) => {
          const store = new MemorySubtreeStore(h);
          const leaves: Buffer[] = [];
          for (let i = 0; i < n; i++) leaves.push(store.appendLeaf(leafData(seed, i)));
          expect(leaves[0]).toEqual(leafHash(h, leafData(seed, 0)));
          expect(store.root()).toEqual(mth(h, leaves));

          samples.forEach(([a, b, c, d], s) => {
            // Inclusion: a leaf of a tree size sampled up to n.
            const size = pick(a, 1, n);
            const index = pick(b, 0, size - 1);
            const root = store.root(size);
            const proof = store.inclusionProof(index, size);
            const leaf = leaves[index] as Buffer;
            expect(verifyInclusion(h, index, size, leaf, proof, root)).toBe(true);
            if (s < 15) {
              expect(root).toEqual(mth(h, leaves.slice(0, size)));
              expect(proof).toEqual(refPath(h, index, leaves.slice(0, size)));
            }
            expect(verifyInclusion(h, index, size, flip(leaf, c), proof, root)).toBe(false);
            expect(verifyInclusion(h, index, size, leaf, proof, flip(root, c))).toBe(false);
            if (proof.length > 0) {
              const bad = [...proof];
              const j = d % proof.length;
              bad[j] = flip(proof[j] as Buffer, c);
              expect(verifyInclusion(h, index, size, leaf, bad, root)).toBe(false);
              expect(verifyInclusion(h, index, size, leaf, proof.slice(1), root)).toBe(false);
            }
            expect(verifyInclusion(h, index, size, leaf, [...proof, leaf], root)).toBe(false);

            // Consistency: 1 ≤ m ≤ n2 ≤ n.
            const n2 = pick(c, 1, n);
            const m = pick(d, 1, n2);
            const r1 = store.root(m);
            const r2 = store.root(n2);
            const cproof = store.consistencyProof(m, n2);
            expect(verifyConsistency(h, m, n2, r1, r2, cproof)).toBe(true);
            if (s < 15 && m < n2) expect(cproof).toEqual(refSubproof(h, m, leaves.slice(0, n2), true));
            expect(verifyConsistency(h, m, n2, flip(r1, a), r2, cproof)).toBe(false);
            expect(verifyConsistency(h, m, n2, r1, flip(r2, a), cproof)).toBe(false);
            if (cproof.length > 0) {
              const bad = [...cproof];
              const j = b % cproof.length;
              bad[j] = flip(cproof[j] as Buffer, a);
              expect(verifyConsistency(h, m, n2, r1, r2, bad)).toBe(false);
              expect(verifyConsistency(h, m, n2, r1, r2, cproof.slice(0, -1))).toBe(false);
            }
            expect(verifyConsistency(h, m, n2, r1, r2, [...cproof, r2])).toBe(false);
          });
        },
      ),
      { numRuns: TREES_PER_RUN },
    );
  });

  it('the batch appender and prefetched node sets give the same nodes, roots and proofs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_LEAVES }),
        fc.integer(),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 50, maxLength: 50 }),
        (n, seed, batchSizes, samples) => {
          const store = new MemorySubtreeStore(h);
          const leaves = Array.from({ length: n }, (_, i) => leafHash(h, leafData(seed, i)));
          for (const leaf of leaves) store.append(leaf);
          // Rebuild in random batches, each reading only the frontier perfectSubtrees(start) from the store.
          const batched = new SubtreeNodeMap();
          let start = 0;
          for (let b = 0; start < n; b++) {
            const len = Math.min(batchSizes[b % batchSizes.length] as number, n - start);
            const frontier = prefetched(batched, perfectSubtrees(start));
            for (const node of newNodesForBatch(frontier, h, start, leaves.slice(start, start + len))) {
              expect(node.hash).toEqual(store.hashAt(node.level, node.index));
              batched.set(node);
            }
            start += len;
          }
          expect(rootOf(batched, h, n)).toEqual(store.root());
          for (const [a, b] of samples) {
            const size = pick(a, 1, n);
            const index = pick(b, 0, size - 1);
            const m = pick(b, 1, size);
            expect(
              inclusionProof(prefetched(store, inclusionProofRefs(index, size)), h, index, size),
            ).toEqual(store.inclusionProof(index, size));
            expect(consistencyProof(prefetched(store, consistencyProofRefs(m, size)), h, m, size)).toEqual(
              store.consistencyProof(m, size),
            );
            expect(rootOf(prefetched(store, perfectSubtrees(size)), h, size)).toEqual(store.root(size));
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});
