import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker, type Db, type PlatformKeyring } from '../../kernel/index.js';
import {
  checkNote,
  encodeBase64,
  noteVerifier,
  parseCheckpoint,
  treeHasher,
  type LogHashAlg,
} from './domain/index.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import { openLeafReader, type LeafRangeReader } from './leaf-reader.repository.js';
import { checkRows, Frontier, RangeChecker, type CheckedRows } from './verify-rows.js';

// Full verification of the stored log (`orderly ledger verify`): every leaf is re-derived from its audit event
// and re-hashed, indices must run 0, 1, 2, … without gaps, the tree is rebuilt from the leaves, and every
// stored checkpoint must carry a valid platform signature over the rebuilt root at its size. The first bad
// index names where the stored history stops matching (a tampered, deleted, reordered or inserted row).
//
// The per-leaf work (re-deriving, comparing, hashing) is checkRows() (verify-rows.ts); on a large log it runs in
// worker threads, each with its own read connection and a range of indices, while this thread takes their results
// strictly in index order — so the findings, their order and the rebuilt tree are the same as a single-threaded
// scan's.

/** The verdict. */
export interface LedgerVerification {
  ok: boolean;
  size: number;
  leavesChecked: number;
  checkpointsChecked: number;
  firstBadIndex: number | null;
  problems: string[];
  seconds: number;
  /** Worker threads that checked leaves alongside this thread (0: this thread alone). */
  workers: number;
  /**
   * Leaves the threads' readers checked from their audit events rather than from the leaf text the database built
   * (notarisations, rows without an event, events stored before details were kept in RFC 8785 form and the ranges
   * after them, and any row that does not match). 0 when this thread checked alone.
   */
  rechecked: number;
}

/** How to verify. */
export interface VerifyOptions {
  /**
   * Worker threads for the per-leaf work besides this thread, which takes part (default: the available
   * parallelism less one, at most 3; 0 = none). They need their own connections: SQLite's file is found from the
   * handle; PostgreSQL needs `databaseUrl`.
   */
  workers?: number;
  /** Use workers only from this many stored leaves on (default 100,000; starting them costs about a second). */
  workerThreshold?: number;
  /** PostgreSQL: the database URL for the workers' connections (without it PostgreSQL is checked here). */
  databaseUrl?: string | undefined;
}

// Small pages keep each page's strings in V8's young generation: the garbage collector copies what is alive at
// each scavenge, so 2,000-row ranges cost about twice the CPU per leaf of 250-row ones on SQLite (10,000-row pages
// spent a third of the time in the collector). PostgreSQL plans each query (about 2 ms on a freshly grown log),
// so it reads 1,000 rows at a time. A worker is sent ranges of the same size.
function pageSize(engine: Db['engine']): number {
  return engine === 'postgres' ? 1000 : 250;
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
      rechecked: 0,
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

  const tree = new Frontier(alg, hashSize);
  let expected = 0;
  let after = -1;
  let rechecked = 0;
  // Takes checked rows in index order: gaps, the rows' findings, the rebuilt tree.
  const consume = (c: CheckedRows) => {
    const hashes = Buffer.from(c.hashes.buffer, c.hashes.byteOffset, c.hashes.byteLength);
    rechecked += c.rechecked;
    for (let i = 0, f = 0; i < c.idx.length; i++) {
      const idx = c.idx[i]!;
      if (idx !== expected)
        bad(expected, idx > expected ? `missing (next stored index is ${idx})` : `unexpected row ${idx}`);
      for (; f < c.findings.length && c.findings[f]!.pos === i; f++) bad(idx, c.findings[f]!.why);
      // The rebuilt tree uses the hash of the leaf as stored, so later checks compare what was signed.
      tree.push(hashes, i * c.hashSize);
      if (rootAt.has(tree.size)) rootAt.set(tree.size, tree.root());
      expected = idx + 1;
      after = idx;
    }
  };

  let workers = 0;
  const wanted = opts.workers ?? Math.min(3, os.availableParallelism() - 1);
  if (wanted > 0 && state.size >= (opts.workerThreshold ?? 100_000)) {
    const location = db.engine === 'sqlite' ? await repo.sqliteFile(k) : (opts.databaseUrl ?? null);
    const range = location ? await repo.leafIndexRange(k) : null;
    if (location && range) {
      workers = await scanInWorkers({ engine: db.engine, location, hashAlg: alg }, wanted, range, consume);
    }
  }
  // Single-threaded (or whatever the workers did not finish): keyset pages, the next one fetched meanwhile.
  const pageRows = pageSize(db.engine);
  let page = repo.leafPageWithEvents(k, after, pageRows);
  for (;;) {
    const rows = await page;
    if (rows.length === 0) break;
    page = repo.leafPageWithEvents(k, rows[rows.length - 1]!.idx, pageRows);
    consume(checkRows(rows, alg));
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
    rechecked,
  };
}

/** What a verification worker needs: its database and the log's hash. */
export interface VerifyWorkerData {
  engine: Db['engine'];
  location: string;
  hashAlg: LogHashAlg;
}

/** A worker's answer for one range. */
export type VerifyWorkerReply = { ready: true } | ({ chunk: number } & CheckedRows) | { error: string };

/**
 * Checks the index range [lo, hi] in chunks spread over worker threads and this thread, passing results to
 * `consume` in index order. This thread checks chunks too, through a reader of its own: on a two-core machine one
 * worker and this thread keep both cores busy, where two workers and an idle-but-consuming main thread paid two
 * workers' start-up (under tsx, about two seconds of CPU each) and fought over the cores. Returns the number of
 * workers used; on any failure it stops where the consumed results end (the caller continues single-threaded
 * from there) and returns 0 if no worker ever answered.
 */
async function scanInWorkers(
  data: VerifyWorkerData,
  count: number,
  range: { lo: number; hi: number },
  consume: (c: CheckedRows) => void,
): Promise<number> {
  const chunks: [number, number][] = [];
  const rows = pageSize(data.engine);
  for (let a = Math.max(0, range.lo); a <= range.hi; a += rows)
    chunks.push([a, Math.min(a + rows, range.hi + 1)]);
  const pool: Worker[] = [];
  const done = new Map<number, CheckedRows>();
  let next = 0;
  let consumed = 0;
  let answered = false;
  let stopped = false;
  let reader: LeafRangeReader | undefined;
  try {
    reader = openLeafReader(data.engine, data.location);
    const local = new RangeChecker(reader, data.hashAlg);
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        stopped = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      // Results arrive out of order; they are consumed strictly in chunk order.
      const deliver = (chunk: number, c: CheckedRows) => {
        done.set(chunk, c);
        for (let d = done.get(consumed); d; d = done.get(consumed)) {
          done.delete(consumed++);
          consume(d);
        }
        if (consumed === chunks.length) resolve();
      };
      const assign = (w: Worker) => {
        if (!stopped && next < chunks.length) {
          const [from, to] = chunks[next]!;
          w.postMessage({ chunk: next++, from, to });
        }
      };
      for (let i = 0; i < count; i++) {
        const w = startModuleWorker(import.meta.url, 'ledger-verify-worker', 'runLedgerVerifyWorker', data);
        pool.push(w);
        w.on('error', fail);
        w.on('exit', (code) => {
          if (consumed < chunks.length) fail(new Error(`verification worker exited (${code})`));
        });
        w.on('message', (m: VerifyWorkerReply) => {
          if ('error' in m) return fail(new Error(m.error));
          answered = true;
          if ('ready' in m) {
            // Two ranges in flight per worker keep it busy while this thread checks and consumes.
            assign(w);
            assign(w);
            return;
          }
          deliver(m.chunk, m);
          assign(w);
        });
      }
      // This thread's share: the next unassigned chunk, one at a time, yielding between chunks so the
      // workers' answers are taken (and they are given new ranges) without waiting.
      void (async () => {
        while (!stopped && next < chunks.length) {
          const chunk = next++;
          const [from, to] = chunks[chunk]!;
          deliver(chunk, await local.check(from, to));
          await new Promise((r) => setImmediate(r));
        }
      })().catch(fail);
    });
  } catch {
    // Fall back: the caller scans on from the last consumed index.
    return answered ? pool.length : 0;
  } finally {
    stopped = true;
    await Promise.all(pool.map((w) => w.terminate()));
    await reader?.close();
  }
  return pool.length;
}
