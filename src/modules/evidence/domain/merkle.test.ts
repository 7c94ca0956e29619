// Unit tests of the Merkle API's edges: argument errors, sizes far beyond 32 bits, hostile verifier input.
import { describe, expect, it } from 'vitest';
import { sha256, sm3 } from '../../../kernel/index.js';
import { MerkleError } from './errors.js';
import { emptyRoot, hashSize, leafHash, nodeHash, treeHasher } from './merkle-hash.js';
import { rootFromInclusion, verifyConsistency, verifyInclusion } from './merkle-verify.js';
import {
  consistencyProof,
  floorPow2,
  inclusionProof,
  perfectSubtrees,
  rootOf,
  type SubtreeSource,
} from './merkle.js';
import { MemorySubtreeStore } from './subtree-store.js';

const h = treeHasher('sha256');

describe('hashing', () => {
  it('uses the RFC 9162 domain prefixes and H("") for the empty tree', () => {
    expect(emptyRoot(h).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash(h, Buffer.alloc(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(nodeHash(h, Buffer.from('a'), Buffer.from('b'))).toEqual(h(Buffer.from('\x01ab', 'latin1')));
    expect(hashSize(treeHasher('sm3'))).toBe(32);
    // SM3("abc") from GB/T 32905 Appendix A: the sm tree hash really is SM3.
    expect(treeHasher('sm3')(Buffer.from('abc')).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it("gives exactly the kernel's digests (every byte value; inputs larger than Node's buffer pool)", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    for (const data of [Buffer.alloc(0), all, Buffer.alloc(70_000, 0xff), all.subarray(3, 40)]) {
      expect(treeHasher('sha256')(data).equals(sha256(data))).toBe(true);
      expect(treeHasher('sm3')(data).equals(sm3(data))).toBe(true);
      expect(treeHasher('sha256')(data).length).toBe(32);
    }
  });
});

describe('generation', () => {
  const store = new MemorySubtreeStore(h);
  for (let i = 0; i < 7; i++) store.appendLeaf(Buffer.from([i]));

  it('throws MerkleError for impossible requests', () => {
    expect(() => store.inclusionProof(7, 7)).toThrow(MerkleError);
    expect(() => store.inclusionProof(0, 0)).toThrow(MerkleError);
    expect(() => store.inclusionProof(-1, 3)).toThrow(MerkleError);
    expect(() => store.inclusionProof(0.5, 3)).toThrow(MerkleError);
    expect(() => store.consistencyProof(0, 3)).toThrow(/empty tree/);
    expect(() => store.consistencyProof(4, 3)).toThrow(MerkleError);
    expect(() => store.root(8)).toThrow(/larger than the log/);
    expect(() => rootOf(store, h, 2 ** 53)).toThrow(MerkleError);
    expect(store.consistencyProof(5, 5)).toEqual([]);
    expect(store.root(0)).toEqual(emptyRoot(h));
  });

  it('reports the nodes that become complete on append', () => {
    const s = new MemorySubtreeStore(h);
    const shapes = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      s.append(leafHash(h, Buffer.from([i]))).map((n) => [n.level, n.index]),
    );
    expect(shapes[0]).toEqual([[0, 0]]);
    expect(shapes[1]).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(shapes[7]).toEqual([
      [0, 7],
      [1, 3],
      [2, 1],
      [3, 0],
    ]);
    expect(perfectSubtrees(7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtrees(0)).toEqual([]);
  });

  it('computes floor powers of two exactly up to 2^53', () => {
    for (let k = 1; k <= 53; k++) {
      expect(floorPow2(2 ** k)).toBe(2 ** k);
      expect(floorPow2(2 ** k - 1)).toBe(2 ** (k - 1));
      if (k < 53) expect(floorPow2(2 ** k + 1)).toBe(2 ** k);
    }
    expect(floorPow2(Number.MAX_SAFE_INTEGER)).toBe(2 ** 52);
  });
});

// A virtual tree of 2^53 − 1 identical leaves: the node at level L is the same for every index, so the store
// is consistent without holding anything, and proofs can be generated and checked at sizes beyond 32 bits.
describe('sizes far beyond 32 bits', () => {
  const levels: Buffer[] = [leafHash(h, Buffer.from('same'))];
  for (let l = 1; l <= 53; l++) levels.push(nodeHash(h, levels[l - 1] as Buffer, levels[l - 1] as Buffer));
  const src: SubtreeSource = {
    hashAt(level, index) {
      if (!Number.isSafeInteger(index) || index < 0) throw new Error(`bad index ${index}`);
      return levels[level] as Buffer;
    },
  };

  it.each([
    [0, 2 ** 32 + 1],
    [2 ** 32, 2 ** 32 + 1],
    [2 ** 40 + 12345, 2 ** 41 + 99],
    [2 ** 52 + 7, Number.MAX_SAFE_INTEGER],
    [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
  ])('inclusion of leaf %d in a tree of size %d', (index, n) => {
    const proof = inclusionProof(src, h, index, n);
    expect(proof.length).toBeLessThanOrEqual(53);
    expect(verifyInclusion(h, index, n, levels[0] as Buffer, proof, rootOf(src, h, n))).toBe(true);
  });

  it.each([
    [1, 2 ** 33],
    [2 ** 32 - 1, 2 ** 32 + 3],
    [2 ** 45 + 3, Number.MAX_SAFE_INTEGER],
  ])('consistency from %d to %d', (m, n) => {
    const proof = consistencyProof(src, h, m, n);
    expect(verifyConsistency(h, m, n, rootOf(src, h, m), rootOf(src, h, n), proof)).toBe(true);
  });
});

describe('verifiers on hostile input', () => {
  const store = new MemorySubtreeStore(h);
  for (let i = 0; i < 5; i++) store.appendLeaf(Buffer.from([i]));
  const leaf = leafHash(h, Buffer.from([1]));
  const proof = store.inclusionProof(1, 5);

  it('return false (never throw) for malformed arguments', () => {
    const junk: unknown[] = [null, undefined, 'x', {}, [1], NaN, Infinity, -1, 1.5, 2 ** 64];
    for (const j of junk) {
      const any = j as never;
      expect(verifyInclusion(h, any, 5, leaf, proof, store.root())).toBe(false);
      expect(verifyInclusion(h, 1, any, leaf, proof, store.root())).toBe(false);
      expect(verifyInclusion(h, 1, 5, any, proof, store.root())).toBe(false);
      expect(verifyInclusion(h, 1, 5, leaf, any, store.root())).toBe(false);
      expect(verifyInclusion(h, 1, 5, leaf, proof, any)).toBe(false);
      expect(verifyConsistency(h, any, 5, store.root(2), store.root(), store.consistencyProof(2))).toBe(
        false,
      );
      expect(verifyConsistency(h, 2, 5, store.root(2), store.root(), any)).toBe(false);
    }
    expect(verifyInclusion(h, 1, 5, leaf, proof, store.root())).toBe(true);
    expect(rootFromInclusion(h, 1, 5, leaf, [...proof, leaf])).toBeNull();
  });

  it('rejects hashes of the wrong length even when the arithmetic would pass', () => {
    const short = Buffer.alloc(31);
    expect(verifyInclusion(h, 0, 1, short, [], short)).toBe(false);
    expect(
      verifyConsistency(h, 2, 5, store.root(2), store.root(), [...store.consistencyProof(2), short]),
    ).toBe(false);
  });
});
