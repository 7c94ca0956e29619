import { hash } from 'node:crypto';
import type { LogHashAlg } from './domain/index.js';
import { leafTexts } from './leaf-text.js';
import type { LeafRangeReader, LeafTextRow, LeafWithEvent } from './leaf-reader.repository.js';
import type { EventRow } from './tables.js';

// The per-leaf work of full verification (ledger-verify.ts), in the main thread and in its worker threads: each
// stored leaf is re-derived from its audit event, hashed, and the hash compared with the stored one.
//
// Hashes are taken with node:crypto's one-shot hash and a string result (the kernel's hashers, which both
// profiles' sha256/sm3 are, run the same OpenSSL digest): a Buffer result allocates a backing store per call,
// which cost about three times the digest of a leaf itself. The stored hash is read as hex and compared as text,
// and the computed bytes go straight into the range's one buffer.

/** What the per-leaf checks found in a run of rows (stored order). */
export interface CheckedRows {
  /** Stored index of each row. */
  idx: number[];
  /** The leaf hash of each row as stored (H(0x00 ‖ leaf)), `hashSize` bytes each, back to back. */
  hashes: Uint8Array;
  hashSize: number;
  /** Findings in row order, and within a row in the order the single-threaded scan made them. */
  findings: { pos: number; why: string }[];
  /** Rows checked from their audit events, not from the database-built leaf text (checkRange, RangeChecker). */
  rechecked: number;
}

/**
 * The RFC 9162 leaf hash H(0x00 ‖ UTF-8(text)) in lower-case hex. U+0000 is the single byte 0x00 in UTF-8, so
 * hashing the string "\0" + text hashes exactly the prefixed bytes (lone surrogates are replaced as Buffer.write
 * replaces them).
 */
export function leafTextHashHex(alg: LogHashAlg, text: string): string {
  return hash(alg, '\u0000' + text, 'hex');
}

/**
 * The per-leaf checks of a run of rows in index order: the leaf is derived from the row's audit event at the
 * row's index (leaves are stored as hashes only), hashed, and the hash compared with the stored one — a leaf
 * hash that matches no event at this index is a tampered, reordered or inserted row, or an altered event. Gaps
 * between rows are the caller's to find. The rebuilt tree takes the computed hash (the stored one when there is
 * no event to derive from).
 */
export function checkRows(rows: readonly LeafWithEvent[], alg: LogHashAlg): CheckedRows {
  const derived = leafTextsOrNull(rows);
  const hashSize = hash(alg, '', 'binary').length;
  const idx = new Array<number>(rows.length);
  const hashes = Buffer.alloc(rows.length * hashSize);
  const findings: { pos: number; why: string }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    idx[i] = r.idx;
    const text = derived[i];
    if (typeof text !== 'string') {
      findings.push({
        pos: i,
        why:
          text === false
            ? `its audit event ${r.event_id} gives no leaf (its stored details are not JSON a leaf can carry)`
            : `its audit event ${r.event_id} is missing`,
      });
      if (r.leaf_hash_hex?.length === 2 * hashSize) hashes.write(r.leaf_hash_hex, i * hashSize, 'hex');
      continue;
    }
    const hex = leafTextHashHex(alg, text);
    if (hex !== r.leaf_hash_hex)
      findings.push({
        pos: i,
        why: 'the stored leaf hash is not that of the leaf its audit event gives at this index (a tampered, reordered or inserted row, or an altered event)',
      });
    hashes.write(hex, i * hashSize, 'hex');
  }
  return { idx, hashes, hashSize, findings, rechecked: 0 };
}

/**
 * The per-leaf checks of the stored leaves with indices in [from, to) through `reader` (a verification thread's
 * own connection). The reader's database builds each leaf's text (leafTextSql); a row whose text hashes to its
 * stored leaf hash passes, and any other row — no text, or a text that does not match — is read again with its audit
 * event and checked as checkRows() does; the result is the same as checkRows() over the whole range.
 */
export async function checkRange(
  reader: LeafRangeReader,
  from: number,
  to: number,
  alg: LogHashAlg,
): Promise<CheckedRows> {
  const rows = await reader.texts(from, to);
  const hashSize = hash(alg, '', 'binary').length;
  const idx = new Array<number>(rows.length);
  const hashes = Buffer.alloc(rows.length * hashSize);
  const again = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    const r: LeafTextRow = rows[i]!;
    idx[i] = r[0];
    if (r[2] !== null) {
      const hex = leafTextHashHex(alg, r[2]);
      if (hex === r[1]) {
        hashes.write(hex, i * hashSize, 'hex');
        continue;
      }
    }
    again.set(r[0], i);
  }
  const findings: CheckedRows['findings'] = [];
  if (again.size === 0) return { idx, hashes, hashSize, findings, rechecked: 0 };
  // The rows to check the JavaScript way, read again with their events (only they are kept).
  const full = (await reader.range(from, to)).filter((r) => again.has(r.idx));
  const checked = checkRows(full, alg);
  const seen = new Set<number>();
  for (let k = 0; k < full.length; k++) {
    const i = again.get(full[k]!.idx)!;
    seen.add(i);
    hashes.set(checked.hashes.subarray(k * hashSize, (k + 1) * hashSize), i * hashSize);
  }
  for (const f of checked.findings) findings.push({ pos: again.get(full[f.pos]!.idx)!, why: f.why });
  // A row gone between the two reads (the log is being changed under the verifier) keeps its stored hash.
  for (const i of again.values()) {
    if (seen.has(i)) continue;
    findings.push({ pos: i, why: 'the row changed while it was being verified' });
    const stored = rows[i]![1];
    if (stored?.length === 2 * hashSize) hashes.write(stored, i * hashSize, 'hex');
  }
  findings.sort((a, b) => a.pos - b.pos);
  return { idx, hashes, hashSize, findings, rechecked: again.size };
}

/** Ranges read with their events, after a range whose texts mostly did not serve, before texts are tried again. */
export const EVENT_RANGES_AFTER_MISSES = 15;

/**
 * checkRange() for one verification thread, with a memory: in a log written before details were stored in RFC
 * 8785 form few leaves match the database's text, and reading each range twice (texts, then events) would be
 * slower than reading it once with its events. After a range where most leaves were checked again, the next
 * EVENT_RANGES_AFTER_MISSES ranges are checked from their events directly (checkRows; counted as rechecked),
 * then the texts are tried again. The findings are the same either way.
 */
export class RangeChecker {
  #eventRanges = 0;

  constructor(
    private readonly reader: LeafRangeReader,
    private readonly alg: LogHashAlg,
  ) {}

  async check(from: number, to: number): Promise<CheckedRows> {
    if (this.#eventRanges > 0) {
      this.#eventRanges--;
      const c = checkRows(await this.reader.range(from, to), this.alg);
      return { ...c, rechecked: c.idx.length };
    }
    const c = await checkRange(this.reader, from, to, this.alg);
    if (c.rechecked * 2 > c.idx.length) this.#eventRanges = EVENT_RANGES_AFTER_MISSES;
    return c;
  }
}

/**
 * The leaf each row's event gives at the row's index; null without an event, false for an event that gives no
 * leaf (details altered into text that is not JSON, or JSON with a number beyond a double's range). Runs of
 * consecutive rows are written as one batch.
 */
function leafTextsOrNull(rows: readonly LeafWithEvent[]): (string | null | false)[] {
  const out = new Array<string | null | false>(rows.length).fill(null);
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]!.event && rows[j]!.idx === rows[i]!.idx + (j - i)) j++;
    if (j === i) {
      i++;
      continue;
    }
    try {
      const texts = leafTexts(
        rows[i]!.idx,
        rows.slice(i, j).map((r) => r.event!),
      );
      for (let k = i; k < j; k++) out[k] = texts[k - i]!;
    } catch {
      // Some event of the run gives no leaf: find which, one at a time.
      for (let k = i; k < j; k++) out[k] = leafTextOrFalse(rows[k]!.idx, rows[k]!.event!);
    }
    i = j;
  }
  return out;
}

function leafTextOrFalse(index: number, e: EventRow): string | false {
  try {
    return leafTexts(index, [e])[0]!;
  } catch {
    return false;
  }
}

/**
 * The right edge of a Merkle tree being built leaf by leaf: the roots of its perfect subtrees, largest first
 * (one per set bit of the size), back to back in one buffer. Enough to give the root at every size on the way, in
 * O(log n) memory; a leaf costs no allocation but the digest's 32-character string.
 */
export class Frontier {
  size = 0;
  #depth = 0;
  readonly #n: number;
  readonly #stack: Buffer;
  // 0x01 ‖ left ‖ right, hashed in place.
  readonly #node: Buffer;

  constructor(
    private readonly alg: LogHashAlg,
    hashSize: number,
  ) {
    this.#n = hashSize;
    this.#stack = Buffer.alloc(64 * hashSize);
    this.#node = Buffer.alloc(1 + 2 * hashSize);
    this.#node[0] = 0x01;
  }

  /**
   * Appends the leaf hash at `at` in `hashes`: a right child completes its parent (as MemorySubtreeStore.append
   * does). A parent's two children are adjacent on the stack, so one copy fills the node buffer.
   */
  push(hashes: Buffer, at: number): void {
    const n = this.#n;
    hashes.copy(this.#stack, this.#depth * n, at, at + n);
    this.#depth++;
    for (let s = this.size; s % 2 === 1; s = (s - 1) / 2) {
      const left = (this.#depth - 2) * n;
      this.#stack.copy(this.#node, 1, left, left + 2 * n);
      // 'binary' is latin1: one character per byte of the digest, written back as those bytes.
      this.#stack.write(hash(this.alg, this.#node, 'binary'), left, 'latin1');
      this.#depth--;
    }
    this.size++;
  }

  /** The root of the tree so far (RFC 9162: the perfect subtrees folded right to left); the size must be > 0. */
  root(): Buffer {
    const n = this.#n;
    const acc = Buffer.from(this.#stack.subarray((this.#depth - 1) * n, this.#depth * n));
    const node = Buffer.alloc(1 + 2 * n);
    node[0] = 0x01;
    for (let i = this.#depth - 2; i >= 0; i--) {
      this.#stack.copy(node, 1, i * n, (i + 1) * n);
      acc.copy(node, 1 + n);
      acc.write(hash(this.alg, node, 'binary'), 0, 'latin1');
    }
    return acc;
  }
}
