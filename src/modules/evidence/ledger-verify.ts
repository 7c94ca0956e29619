import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db, PlatformKeyring } from '../../kernel/index.js';
import {
  checkNote,
  encodeBase64,
  nodeHash,
  noteVerifier,
  parseCheckpoint,
  treeHasher,
  type LogHashAlg,
  type TreeHasher,
} from './domain/index.js';
import { leafTexts } from './leaf-text.js';
import { ledgerRepo as repo, type LeafWithEvent } from './ledger.repository.js';

// Full verification of the stored log (`orderly ledger verify`): every leaf is re-derived from its audit event
// and re-hashed, indices must run 0, 1, 2, … without gaps, the tree is rebuilt from the leaves, and every
// stored checkpoint must carry a valid platform signature over the rebuilt root at its size. The first bad
// index names where the stored history stops matching (a tampered, deleted, reordered or inserted row).
//
// The per-leaf work (re-deriving, comparing, hashing) is checkRows(); on a large log it runs in worker threads,
// each with its own read connection and a range of indices, while this thread takes their results strictly in
// index order — so the findings, their order and the rebuilt tree are the same as a single-threaded scan's.

/** The verdict. */
export interface LedgerVerification {
  ok: boolean;
  size: number;
  leavesChecked: number;
  checkpointsChecked: number;
  firstBadIndex: number | null;
  problems: string[];
  seconds: number;
  /** Worker threads that checked leaves (0: this thread did). */
  workers: number;
}

/** How to verify. */
export interface VerifyOptions {
  /**
   * Worker threads for the per-leaf work (default: the available parallelism, at most 4; 0 = none). They need
   * their own connections: SQLite's file is found from the handle; PostgreSQL needs `databaseUrl`.
   */
  workers?: number;
  /** Use workers only from this many stored leaves on (default 100,000; starting them costs about a second). */
  workerThreshold?: number;
  /** PostgreSQL: the database URL for the workers' connections (without it PostgreSQL is checked here). */
  databaseUrl?: string;
}

// Small pages keep each page's strings in V8's young generation (10,000-row pages spent a third of the time in
// the garbage collector); a worker is sent ranges of WORKER_CHUNK indices.
const PAGE = 1000;
const WORKER_CHUNK = 2000;

/** What the per-leaf checks found in a run of rows (stored order). */
export interface CheckedRows {
  /** Stored index of each row. */
  idx: number[];
  /** The leaf hash of each row as stored (H(0x00 ‖ leaf)), `hashSize` bytes each, back to back. */
  hashes: Uint8Array;
  hashSize: number;
  /** Findings in row order, and within a row in the order the single-threaded scan made them. */
  findings: { pos: number; why: string }[];
}

/**
 * The per-leaf checks of a run of rows in index order: the leaf is re-derived from its event at its index (a
 * leaf equal to that is JSON and names this index; anything else gets every check, the most specific first),
 * hashed, and the hash compared with the stored one. Gaps between rows are the caller's to find.
 */
export function checkRows(rows: readonly LeafWithEvent[], h: TreeHasher, hashSize: number): CheckedRows {
  const derived = leafTextsOrNull(rows);
  const idx = new Array<number>(rows.length);
  const hashes = new Uint8Array(rows.length * hashSize);
  const findings: { pos: number; why: string }[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    idx[i] = r.idx;
    const text = r.leaf;
    const matches = derived[i] === text;
    if (!matches) {
      let parsed: { index?: unknown } | null = null;
      try {
        parsed = JSON.parse(text) as { index?: unknown };
      } catch {
        findings.push({ pos: i, why: 'leaf is not JSON' });
      }
      if (parsed && parsed.index !== r.idx)
        findings.push({ pos: i, why: `leaf says index ${String(parsed.index)} (reordered or inserted)` });
    }
    // H(0x00 ‖ leaf) over one buffer (a NUL character is the single byte 0x00 in UTF-8).
    const hash = h(Buffer.from(`\u0000${text}`, 'utf8'));
    if (!hash.equals(r.leaf_hash)) findings.push({ pos: i, why: 'stored leaf hash does not match the leaf' });
    if (!matches) {
      if (!r.event) findings.push({ pos: i, why: `its audit event ${r.event_id} is missing` });
      else findings.push({ pos: i, why: 'the leaf does not match its audit event' });
    }
    hashes.set(hash, i * hashSize);
  }
  return { idx, hashes, hashSize, findings };
}

/** The leaf each row's event gives at the row's index, or null without an event (runs of rows share a batch). */
function leafTextsOrNull(rows: readonly LeafWithEvent[]): (string | null)[] {
  const out = new Array<string | null>(rows.length).fill(null);
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]!.event && rows[j]!.idx === rows[i]!.idx + (j - i)) j++;
    if (j === i) {
      i++;
      continue;
    }
    const texts = leafTexts(
      rows[i]!.idx,
      rows.slice(i, j).map((r) => r.event!),
    );
    for (let k = i; k < j; k++) out[k] = texts[k - i]!;
    i = j;
  }
  return out;
}

/**
 * The right edge of a Merkle tree being built leaf by leaf: the roots of its perfect subtrees, largest first
 * (one per set bit of the size). Enough to give the root at every size on the way, in O(log n) memory.
 */
class Frontier {
  size = 0;
  readonly #stack: Buffer[] = [];
  readonly #buf = Buffer.alloc(65);

  constructor(private readonly h: TreeHasher) {
    this.#buf[0] = 0x01;
  }

  /** H(0x01 ‖ left ‖ right) without allocating the concatenation. */
  #node(left: Buffer, right: Buffer): Buffer {
    if (left.length !== 32 || right.length !== 32) return nodeHash(this.h, left, right);
    left.copy(this.#buf, 1);
    right.copy(this.#buf, 33);
    return this.h(this.#buf);
  }

  /** Appends a leaf hash: a right child completes its parent (as MemorySubtreeStore.append does). */
  push(leafHash: Buffer): void {
    let hash = leafHash;
    for (let n = this.size; n % 2 === 1; n = (n - 1) / 2) hash = this.#node(this.#stack.pop()!, hash);
    this.#stack.push(hash);
    this.size++;
  }

  /** The root of the tree so far (RFC 9162: the perfect subtrees folded right to left). */
  root(): Buffer {
    let acc = this.#stack[this.#stack.length - 1]!;
    for (let i = this.#stack.length - 2; i >= 0; i--) acc = this.#node(this.#stack[i]!, acc);
    return acc;
  }
}

/** Recomputes the log from stored leaves and checks every checkpoint. */
export async function verifyStoredLedger(
  db: Db,
  keyring: PlatformKeyring,
  opts: VerifyOptions = {},
): Promise<LedgerVerification> {
  const started = performance.now();
  const k = db.kysely;
  const state = await repo.state(k);
  const problems: string[] = [];
  let firstBad: number | null = null;
  const bad = (index: number, why: string) => {
    if (firstBad === null || index < firstBad) firstBad = index;
    if (problems.length < 100) problems.push(`index ${index}: ${why}`);
  };
  if (!state)
    return {
      ok: true,
      size: 0,
      leavesChecked: 0,
      checkpointsChecked: 0,
      firstBadIndex: null,
      problems,
      seconds: 0,
      workers: 0,
    };
  const alg = state.hash_alg as LogHashAlg;
  const h = treeHasher(alg);
  const hashSize = h(new Uint8Array(0)).length;
  // Checkpoint signatures are checked first, so the scan knows at which sizes to take the rebuilt root.
  const purposes =
    keyring.profile === 'sm' ? (['checkpoint', 'checkpointSm2'] as const) : (['checkpoint'] as const);
  const verifiers = purposes.flatMap((p) =>
    keyring
      .publicKeys(p)
      .map((key) => noteVerifier(state.origin, key.alg === 'SM2' ? 'sm2' : 'ed25519', key)),
  );
  const checkpoints = (await repo.allCheckpoints(k)).map((c) => {
    const checked = checkNote(c.note, verifiers);
    const signed =
      checked.signatures.some((s) => s.status === 'verified') &&
      !checked.signatures.some((s) => s.status === 'invalid');
    return { row: c, cp: signed ? parseCheckpoint(checked.text) : null };
  });
  const rootAt = new Map<number, Buffer | null>();
  for (const c of checkpoints) if (c.cp && c.cp.size > 0) rootAt.set(c.cp.size, null);

  const tree = new Frontier(h);
  let expected = 0;
  let after = -1;
  // Takes checked rows in index order: gaps, the rows' findings, the rebuilt tree.
  const consume = (c: CheckedRows) => {
    for (let i = 0, f = 0; i < c.idx.length; i++) {
      const idx = c.idx[i]!;
      if (idx !== expected)
        bad(expected, idx > expected ? `missing (next stored index is ${idx})` : `unexpected row ${idx}`);
      for (; f < c.findings.length && c.findings[f]!.pos === i; f++) bad(idx, c.findings[f]!.why);
      // The rebuilt tree uses the hash of the leaf as stored, so later checks compare what was signed.
      tree.push(Buffer.from(c.hashes.buffer, c.hashes.byteOffset + i * c.hashSize, c.hashSize));
      if (rootAt.has(tree.size)) rootAt.set(tree.size, tree.root());
      expected = idx + 1;
      after = idx;
    }
  };

  let workers = 0;
  const wanted = opts.workers ?? Math.min(4, os.availableParallelism());
  if (wanted > 0 && state.size >= (opts.workerThreshold ?? 100_000)) {
    const location = db.engine === 'sqlite' ? await repo.sqliteFile(k) : (opts.databaseUrl ?? null);
    const range = location ? await repo.leafIndexRange(k) : null;
    if (location && range) {
      workers = await scanInWorkers({ engine: db.engine, location, hashAlg: alg }, wanted, range, consume);
    }
  }
  // Single-threaded (or whatever the workers did not finish): keyset pages, the next one fetched meanwhile.
  let page = repo.leafPageWithEvents(k, after, PAGE);
  for (;;) {
    const rows = await page;
    if (rows.length === 0) break;
    page = repo.leafPageWithEvents(k, rows[rows.length - 1]!.idx, PAGE);
    consume(checkRows(rows, h, hashSize));
  }

  if (expected !== state.size)
    bad(Math.min(expected, state.size), `the log state says ${state.size} leaves, ${expected} are stored`);
  let lastGood = 0;
  for (const { row: c, cp } of checkpoints) {
    if (!cp) {
      problems.push(`checkpoint ${c.id} (size ${c.size}): platform signature does not verify`);
      continue;
    }
    if (cp.size > tree.size) {
      bad(tree.size, `checkpoint of size ${cp.size} covers leaves that are not stored`);
      continue;
    }
    const root = cp.size === 0 ? null : rootAt.get(cp.size)!;
    if (root && !root.equals(cp.rootHash)) {
      const why = `checkpoint of size ${cp.size} signed root ${encodeBase64(cp.rootHash)}, the stored leaves give ${encodeBase64(root)}`;
      // A leaf-level finding inside this checkpoint explains the mismatch exactly; otherwise the history differs
      // somewhere after the last checkpoint that still matches (a rewrite that kept leaves self-consistent).
      if (firstBad !== null && firstBad < cp.size) problems.push(why);
      else bad(lastGood, `${why} (the first difference is at or after ${lastGood})`);
    } else if (firstBad === null || cp.size <= firstBad) lastGood = cp.size;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    ok: firstBad === null && problems.length === 0,
    size: tree.size,
    leavesChecked: tree.size,
    checkpointsChecked: checkpoints.length,
    firstBadIndex: firstBad,
    problems,
    seconds,
    workers,
  };
}

/** What a verification worker needs: its database and the log's hash. */
export interface VerifyWorkerData {
  engine: Db['engine'];
  location: string;
  hashAlg: LogHashAlg;
}

/** A worker's answer for one range. */
export type VerifyWorkerReply =
  | { ready: true }
  | { chunk: number; idx: number[]; hashes: Uint8Array; hashSize: number; findings: CheckedRows['findings'] }
  | { error: string };

// Loads the worker module. Compiled JavaScript loads as is; TypeScript sources (tests, tsx) need tsx's loader
// registered inside the worker first (Node 20 applies neither an inherited --import loader nor a test runner's
// transform to a worker).
const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
(async () => {
  if (workerData.moduleUrl.endsWith('.ts')) {
    const api = createRequire(workerData.moduleUrl).resolve('tsx/esm/api').replace(/\\.cjs$/, '.mjs');
    (await import(pathToFileURL(api).href)).register();
  }
  const mod = await import(workerData.moduleUrl);
  await mod.runLedgerVerifyWorker();
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/**
 * Checks the index range [lo, hi] in chunks spread over worker threads, passing results to `consume` in index
 * order. Returns the number of workers used; on any failure it stops where the consumed results end (the caller
 * continues single-threaded from there) and returns 0 if no worker ever answered.
 */
async function scanInWorkers(
  data: VerifyWorkerData,
  count: number,
  range: { lo: number; hi: number },
  consume: (c: CheckedRows) => void,
): Promise<number> {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const moduleUrl = new URL(`./ledger-verify-worker.${ext}`, import.meta.url).href;
  const chunks: [number, number][] = [];
  for (let a = Math.max(0, range.lo); a <= range.hi; a += WORKER_CHUNK)
    chunks.push([a, Math.min(a + WORKER_CHUNK, range.hi + 1)]);
  const pool: Worker[] = [];
  const done = new Map<number, CheckedRows>();
  let next = 0;
  let consumed = 0;
  let answered = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const assign = (w: Worker) => {
        if (next < chunks.length) {
          const [from, to] = chunks[next]!;
          w.postMessage({ chunk: next++, from, to });
        }
      };
      for (let i = 0; i < count; i++) {
        const w = new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, moduleUrl } });
        pool.push(w);
        w.on('error', reject);
        w.on('exit', (code) => {
          if (consumed < chunks.length) reject(new Error(`verification worker exited (${code})`));
        });
        w.on('message', (m: VerifyWorkerReply) => {
          if ('error' in m) return reject(new Error(m.error));
          answered = true;
          if ('ready' in m) {
            // Two ranges in flight per worker keep it busy while this thread consumes.
            assign(w);
            assign(w);
            return;
          }
          done.set(m.chunk, { idx: m.idx, hashes: m.hashes, hashSize: m.hashSize, findings: m.findings });
          for (let c = done.get(consumed); c; c = done.get(consumed)) {
            done.delete(consumed++);
            consume(c);
          }
          if (consumed === chunks.length) resolve();
          else assign(w);
        });
      }
    });
  } catch {
    // Fall back: the caller scans on from the last consumed index.
    return answered ? pool.length : 0;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return pool.length;
}
