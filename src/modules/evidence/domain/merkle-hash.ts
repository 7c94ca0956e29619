// RFC 9162 §2.1.1 tree hashing with the hash function injected, so one implementation serves SHA-256 logs
// (profile intl) and SM3 logs (profile sm). The 0x00/0x01 prefixes give leaves and nodes separate domains,
// so no leaf can be passed off as an interior node (second-preimage resistance of the tree).
import { hash } from 'node:crypto';

/** A log's hash function over bytes: SHA-256 or SM3 (both 32 bytes). */
export type TreeHasher = (data: Uint8Array) => Buffer;

/** The hash algorithms a log may use; which one is named by the checkpoint origin (checkpoint.ts). */
export type LogHashAlg = 'sha256' | 'sm3';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const EMPTY = new Uint8Array(0);

// OpenSSL's SHA-256 and SM3 through node:crypto's one-shot hash, as the kernel's sha256/sm3 — but taking the digest
// as a latin1 string (one character per byte) and copying it into a Buffer from Node's shared pool: asked for a
// Buffer, node:crypto allocates a backing store per digest, which cost about as much again as hashing a leaf and
// twice as much as hashing an interior node. Logs hash one leaf and about one node per event when appending and
// when verified in full.
const SHA256: TreeHasher = (data) => Buffer.from(hash('sha256', data, 'binary'), 'latin1');
const SM3: TreeHasher = (data) => Buffer.from(hash('sm3', data, 'binary'), 'latin1');

/** The tree hasher of an algorithm (OpenSSL's SHA-256 / SM3, as the kernel's hashes). */
export function treeHasher(alg: LogHashAlg): TreeHasher {
  if (alg === 'sha256') return SHA256;
  if (alg === 'sm3') return SM3;
  throw new TypeError(`unknown log hash algorithm ${JSON.stringify(alg)}; expected "sha256" or "sm3"`);
}

/** RFC 9162 leaf hash: H(0x00 ‖ leaf). */
export function leafHash(h: TreeHasher, leaf: Uint8Array): Buffer {
  return h(Buffer.concat([LEAF_PREFIX, leaf]));
}

/** RFC 9162 interior node hash: H(0x01 ‖ left ‖ right). */
export function nodeHash(h: TreeHasher, left: Uint8Array, right: Uint8Array): Buffer {
  return h(Buffer.concat([NODE_PREFIX, left, right]));
}

/** RFC 9162 root of the empty tree: H("") (the empty string, not a leaf). */
export function emptyRoot(h: TreeHasher): Buffer {
  return h(EMPTY);
}

const sizes = new WeakMap<TreeHasher, number>();

/** Output length of a hasher in bytes (cached): proofs and hashes of any other length are rejected. */
export function hashSize(h: TreeHasher): number {
  let size = sizes.get(h);
  if (size === undefined) {
    size = h(EMPTY).length;
    sizes.set(h, size);
  }
  return size;
}
