// A log leaf is the RFC 8785 (JCS) canonical JSON of an event object, UTF-8 encoded. JCS gives every JSON object
// exactly one byte form, so anyone holding the object can recompute the leaf with any public JCS library.
import { canonicalJson } from '../../../kernel/index.js';
import { leafHash, type TreeHasher } from './merkle-hash.js';

/** The leaf bytes of an event: UTF-8 of JCS(object). Throws a TypeError for non-objects and non-JSON values. */
export function leafBytes(leaf: unknown): Buffer {
  if (leaf === null || typeof leaf !== 'object' || Array.isArray(leaf)) {
    throw new TypeError('a log leaf must be a JSON object');
  }
  return Buffer.from(canonicalJson(leaf), 'utf8');
}

/** RFC 9162 leaf hash of an event object: H(0x00 ‖ JCS(object)). */
export function leafHashOf(h: TreeHasher, leaf: unknown): Buffer {
  return leafHash(h, leafBytes(leaf));
}
