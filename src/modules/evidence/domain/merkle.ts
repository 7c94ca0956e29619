// Root and proof generation (RFC 9162 §2.1) over a store of complete-subtree hashes, so nothing ever rehashes
// the log. Node (level L, index i) is the root of the perfect subtree over leaves [i·2^L, (i+1)·2^L); level 0
// holds the leaf hashes. A node is stored once all its leaves exist and never changes afterwards, which is
// what makes the store append-only. Every range the RFC recursion asks for starts at a multiple of a power of
// two at least as large as the range, so it splits into O(log N) stored nodes (the binary digits of its size).
import { MerkleError } from './errors.js';
import { emptyRoot, nodeHash, type TreeHasher } from './merkle-hash.js';

/** Coordinates of a complete-subtree node: it covers leaves [index·2^level, (index+1)·2^level). */
export interface NodeRef {
  level: number;
  index: number;
}

/** A complete-subtree node with its hash, as a store keeps it. */
export interface SubtreeNode extends NodeRef {
  hash: Buffer;
}

/** Read access to stored complete-subtree hashes; throws if a node is missing (the store is then corrupt). */
export interface SubtreeSource {
  hashAt(level: number, index: number): Buffer;
}

/** Throws unless n is a tree size or index this code can represent exactly (0 ≤ n ≤ 2^53 − 1). */
export function checkCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new MerkleError(`${what} must be an integer between 0 and 2^53-1, got ${String(n)}`);
  }
}

/** Largest power of two ≤ x (x ≥ 1), exact for every safe integer (Math.log2 may round near 2^k). */
export function floorPow2(x: number): number {
  let p = 2 ** Math.floor(Math.log2(x));
  if (p > x) p /= 2;
  else if (p * 2 <= x) p *= 2;
  return p;
}

/** RFC 9162's split point k: the largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  return floorPow2(n - 1);
}

/** log2 of a power of two (exact: powers of two are exact doubles). */
function levelOf(pow2: number): number {
  return Math.round(Math.log2(pow2));
}

/** MTH(D[start:end]) from the stored perfect subtrees that tile the range, folded right to left as RFC 9162 does. */
function rangeHash(src: SubtreeSource, h: TreeHasher, start: number, end: number): Buffer {
  const parts: Buffer[] = [];
  for (let pos = start; pos < end;) {
    const size = floorPow2(end - pos);
    // Unreachable from the RFC recursion; a failure here is a bug, not bad input.
    if (pos % size !== 0) throw new MerkleError(`internal: range [${start}, ${end}) is not aligned`);
    parts.push(src.hashAt(levelOf(size), pos / size));
    pos += size;
  }
  let acc = parts[parts.length - 1];
  if (!acc) throw new MerkleError(`internal: empty range [${start}, ${end})`);
  for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(h, parts[i] as Buffer, acc);
  return acc;
}

/** The stored nodes whose hashes make up the root of a tree of size n: one per set bit of n, largest first. */
export function perfectSubtrees(n: number): NodeRef[] {
  checkCount(n, 'tree size');
  const refs: NodeRef[] = [];
  for (let pos = 0; pos < n;) {
    const size = floorPow2(n - pos);
    refs.push({ level: levelOf(size), index: pos / size });
    pos += size;
  }
  return refs;
}

/** Root hash MTH(D[0:n]) of the tree of size n (H("") for n = 0), from O(log n) stored nodes. */
export function rootOf(src: SubtreeSource, h: TreeHasher, n: number): Buffer {
  checkCount(n, 'tree size');
  return n === 0 ? emptyRoot(h) : rangeHash(src, h, 0, n);
}

/** RFC 9162 §2.1.3.1 inclusion proof PATH(index, D[0:n]), ordered from the leaf's sibling up to the root. */
export function inclusionProof(src: SubtreeSource, h: TreeHasher, index: number, n: number): Buffer[] {
  checkCount(index, 'leaf index');
  checkCount(n, 'tree size');
  if (index >= n) throw new MerkleError(`leaf index ${index} is not in a tree of size ${n}`);
  // Walk from the root down, collecting the sibling of each subtree that holds the leaf, then reverse.
  const path: Buffer[] = [];
  let a = 0;
  let b = n;
  while (b - a > 1) {
    const k = splitPoint(b - a);
    if (index < a + k) {
      path.push(rangeHash(src, h, a + k, b));
      b = a + k;
    } else {
      path.push(rangeHash(src, h, a, a + k));
      a += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1 consistency proof PROOF(m, D[0:n]) (algorithm SUBPROOF); [] when m = n; m = 0 throws. */
export function consistencyProof(src: SubtreeSource, h: TreeHasher, m: number, n: number): Buffer[] {
  checkCount(m, 'first tree size');
  checkCount(n, 'second tree size');
  if (m === 0) throw new MerkleError('a consistency proof from the empty tree is meaningless (size 0)');
  if (m > n) throw new MerkleError(`first tree size ${m} is larger than second tree size ${n}`);
  // SUBPROOF(m, D[a:b], complete) iteratively: each step appends its sibling after the inner proof, so the
  // elements are collected outermost first and reversed at the end.
  const path: Buffer[] = [];
  let a = 0;
  let b = n;
  let complete = true;
  while (m !== b) {
    const k = splitPoint(b - a);
    if (m <= a + k) {
      path.push(rangeHash(src, h, a + k, b));
      b = a + k;
    } else {
      path.push(rangeHash(src, h, a, a + k));
      a += k;
      complete = false;
    }
  }
  // Here D[a:b] is the old tree's last subtree; it is omitted when it is the whole old tree (the verifier has
  // that root already).
  if (!complete) path.push(rangeHash(src, h, a, b));
  return path.reverse();
}

/** A source that consults nodes created earlier in the same batch before the underlying store. */
class OverlaySource implements SubtreeSource {
  readonly #added = new Map<string, Buffer>();

  constructor(private readonly base: SubtreeSource) {}

  add(node: SubtreeNode): void {
    this.#added.set(`${node.level}/${node.index}`, node.hash);
  }

  hashAt(level: number, index: number): Buffer {
    return this.#added.get(`${level}/${index}`) ?? this.base.hashAt(level, index);
  }
}

/** The nodes that become complete when leaf `index` (= the current size) is appended: the leaf, then parents. */
export function newNodes(src: SubtreeSource, h: TreeHasher, index: number, leaf: Buffer): SubtreeNode[] {
  checkCount(index, 'leaf index');
  const out: SubtreeNode[] = [{ level: 0, index, hash: leaf }];
  let level = 0;
  let i = index;
  let hash = leaf;
  // A right child (odd index) completes its parent; a left child leaves the parent incomplete.
  while (i % 2 === 1) {
    hash = nodeHash(h, src.hashAt(level, i - 1), hash);
    i = (i - 1) / 2;
    level++;
    out.push({ level, index: i, hash });
  }
  return out;
}

/**
 * The nodes that become complete when `leaves` are appended at indices start, start+1, … (start = current size),
 * in an order a store can insert them. Reads from `src` only the nodes of perfectSubtrees(start).
 */
export function newNodesForBatch(
  src: SubtreeSource,
  h: TreeHasher,
  start: number,
  leaves: readonly Buffer[],
): SubtreeNode[] {
  checkCount(start, 'batch start');
  checkCount(start + leaves.length, 'tree size after the batch');
  const overlay = new OverlaySource(src);
  const out: SubtreeNode[] = [];
  leaves.forEach((leaf, j) => {
    for (const node of newNodes(overlay, h, start + j, leaf)) {
      overlay.add(node);
      out.push(node);
    }
  });
  return out;
}

/** Runs a generator against a recording source to learn which nodes it reads (the control flow ignores values). */
function recordRefs(run: (src: SubtreeSource, h: TreeHasher) => unknown): NodeRef[] {
  const refs = new Map<string, NodeRef>();
  const dummy = Buffer.alloc(1);
  const src: SubtreeSource = {
    hashAt(level, index) {
      refs.set(`${level}/${index}`, { level, index });
      return dummy;
    },
  };
  run(src, () => dummy);
  return [...refs.values()];
}

/** The nodes inclusionProof(index, n) reads: an asynchronous store fetches these in one query, then calls it. */
export function inclusionProofRefs(index: number, n: number): NodeRef[] {
  return recordRefs((src, h) => inclusionProof(src, h, index, n));
}

/** The nodes consistencyProof(m, n) reads (for prefetching from an asynchronous store). */
export function consistencyProofRefs(m: number, n: number): NodeRef[] {
  return recordRefs((src, h) => consistencyProof(src, h, m, n));
}
