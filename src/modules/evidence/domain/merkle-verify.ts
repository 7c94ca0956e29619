// Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) specify it. These
// functions run on untrusted input (receipts, API answers, witness traffic), so they never throw: anything
// malformed — a size that is not a safe integer, index ≥ size, m = 0, m > n, a hash of the wrong length, a
// proof that is too long or too short — simply fails verification.
import { hashSize, nodeHash, type TreeHasher } from './merkle-hash.js';

/** True for a non-negative safe integer: the only sizes and indices this code represents exactly. */
function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** True for bytes of exactly the hasher's output length. */
function isHash(x: unknown, size: number): x is Uint8Array {
  return x instanceof Uint8Array && x.length === size;
}

/** Byte equality of two arrays (the values are public, so constant time is not needed). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Halves an index (RFC "right-shift"); plain arithmetic because bit operators truncate to 32 bits. */
function half(x: number): number {
  return Math.floor(x / 2);
}

/** The root an inclusion proof implies (RFC 9162 §2.1.3.2 steps 1–5 without the final comparison), or null. */
export function rootFromInclusion(
  h: TreeHasher,
  index: number,
  n: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!isCount(index) || !isCount(n) || index >= n || !Array.isArray(proof)) return null;
  const size = hashSize(h);
  if (!isHash(leaf, size) || !proof.every((p) => isHash(p, size))) return null;
  let fn = index;
  let sn = n - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null; // the proof is longer than the path
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(h, p, r);
      // On the right edge a node may have no sibling at some levels: skip them.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null; // sn ≠ 0: the proof is shorter than the path
}

/** RFC 9162 §2.1.3.2: true iff `proof` shows leaf hash `leaf` at `index` in the tree of size n with root `root`. */
export function verifyInclusion(
  h: TreeHasher,
  index: number,
  n: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusion(h, index, n, leaf, proof);
  return computed !== null && root instanceof Uint8Array && sameBytes(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: true iff `proof` shows the tree of size m with root `root1` is a prefix of the tree of size
 * n with root `root2`. m = 0 is rejected (nothing to prove); m = n needs an empty proof and equal roots, which
 * are then compared as opaque bytes, as the RFC and the transparency-dev test vectors do.
 */
export function verifyConsistency(
  h: TreeHasher,
  m: number,
  n: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isCount(m) || !isCount(n) || m === 0 || m > n || !Array.isArray(proof)) return false;
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return false;
  if (m === n) return proof.length === 0 && sameBytes(root1, root2);
  const size = hashSize(h);
  if (!isHash(root1, size) || !isHash(root2, size) || !proof.every((p) => isHash(p, size))) return false;
  if (proof.length === 0) return false; // step 1
  // Step 2: when m is a power of two the old root is itself a node of the new tree and is not sent.
  const path = isPow2(m) ? [root1, ...proof] : proof;
  let fn = m - 1; // step 3
  let sn = n - 1;
  while (fn % 2 === 1) {
    // step 4
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array); // step 5
  let sr = fr;
  for (const c of path.slice(1)) {
    // step 6
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameBytes(fr, root1) && sameBytes(sr, root2); // step 7
}

/** True when x (≥ 1) is an exact power of two; arithmetic, since `&` would truncate sizes above 2^32. */
function isPow2(x: number): boolean {
  let v = x;
  while (v % 2 === 0) v /= 2;
  return v === 1;
}
