// RFC 9162 §2.1 in the browser: leaf and node hashes, and inclusion-proof verification step by step as
// §2.1.3.2 gives it (the same algorithm as src/modules/evidence/domain/merkle-verify.ts). The input is
// untrusted (an API answer, a receipt file), so nothing here throws: anything malformed — a size that is not a
// safe integer, index ≥ size, a hash that is not 32 bytes, a proof too long or too short — fails.
import { concatBytes, equalBytes, type Bytes } from './bytes.js';
import type { Hasher } from './hash.js';

/** Length of every hash in the log (SHA-256 and SM3 alike). */
export const HASH_BYTES = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** RFC 9162 leaf hash: H(0x00 ‖ leaf). */
export function leafHash(h: Hasher, leaf: Uint8Array): Promise<Bytes> {
  return h(concatBytes(LEAF_PREFIX, leaf));
}

/** RFC 9162 interior node hash: H(0x01 ‖ left ‖ right). */
export function nodeHash(h: Hasher, left: Uint8Array, right: Uint8Array): Promise<Bytes> {
  return h(concatBytes(NODE_PREFIX, left, right));
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isHash(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array && x.length === HASH_BYTES;
}

/** Halves an index (the RFC's right shift); arithmetic, since bit operators truncate to 32 bits. */
function half(x: number): number {
  return Math.floor(x / 2);
}

/** The root an inclusion proof implies (RFC 9162 §2.1.3.2 without the final comparison), or null. */
export async function rootFromInclusion(
  h: Hasher,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Bytes | null> {
  if (!isCount(index) || !isCount(size) || index >= size || !Array.isArray(proof)) return null;
  if (!isHash(leaf) || !proof.every(isHash)) return null;
  let fn = index;
  let sn = size - 1;
  let r: Bytes = new Uint8Array(leaf);
  for (const p of proof) {
    if (sn === 0) return null; // the proof is longer than the path
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(h, p, r);
      // On the right edge a node may have no sibling at some levels: skip them.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(h, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null; // sn ≠ 0: the proof is shorter than the path
}

/** True iff `proof` shows leaf hash `leaf` at `index` in the tree of `size` leaves with root `root`. */
export async function verifyInclusion(
  h: Hasher,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const computed = await rootFromInclusion(h, index, size, leaf, proof);
  return computed !== null && root instanceof Uint8Array && equalBytes(computed, root);
}
