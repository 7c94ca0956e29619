import { canonicalJson, type Db, type PlatformKeyring } from '../../kernel/index.js';
import {
  checkNote,
  encodeBase64,
  leafHash,
  MemorySubtreeStore,
  noteVerifier,
  parseCheckpoint,
  treeHasher,
  type LogHashAlg,
} from './domain/index.js';
import { eventLeaf } from './event-leaf.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import type { EventRow } from './tables.js';

// Full verification of the stored log (`orderly ledger verify`): every leaf is re-derived from its audit event
// and re-hashed, indices must run 0, 1, 2, … without gaps, the tree is rebuilt from the leaves, and every
// stored checkpoint must carry a valid platform signature over the rebuilt root at its size. The first bad
// index names where the stored history stops matching (a tampered, deleted, reordered or inserted row).

/** The verdict. */
export interface LedgerVerification {
  ok: boolean;
  size: number;
  leavesChecked: number;
  checkpointsChecked: number;
  firstBadIndex: number | null;
  problems: string[];
  seconds: number;
}

const PAGE = 5000;

/** Recomputes the log from stored leaves and checks every checkpoint. */
export async function verifyStoredLedger(db: Db, keyring: PlatformKeyring): Promise<LedgerVerification> {
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
    };
  const h = treeHasher(state.hash_alg as LogHashAlg);
  const tree = new MemorySubtreeStore(h);
  let expected = 0;
  let after = -1;
  for (;;) {
    const rows = await repo.leafPage(k, after, PAGE);
    if (rows.length === 0) break;
    const events = new Map(
      (
        await repo.events(
          k,
          rows.map((r) => r.event_id),
        )
      ).map((e: EventRow) => [e.id, e]),
    );
    for (const r of rows) {
      if (r.idx !== expected)
        bad(
          expected,
          r.idx > expected ? `missing (next stored index is ${r.idx})` : `unexpected row ${r.idx}`,
        );
      const text = r.leaf;
      let parsed: { index?: unknown } | null = null;
      try {
        parsed = JSON.parse(text) as { index?: unknown };
      } catch {
        bad(r.idx, 'leaf is not JSON');
      }
      if (parsed && parsed.index !== r.idx)
        bad(r.idx, `leaf says index ${String(parsed.index)} (reordered or inserted)`);
      const hash = leafHash(h, Buffer.from(text, 'utf8'));
      if (!hash.equals(r.leaf_hash)) bad(r.idx, 'stored leaf hash does not match the leaf');
      const e = events.get(r.event_id);
      if (!e) bad(r.idx, `its audit event ${r.event_id} is missing`);
      else if (canonicalJson(eventLeaf(r.idx, e)) !== text)
        bad(r.idx, 'the leaf does not match its audit event');
      // The rebuilt tree uses the hash of the leaf as stored, so later checks compare what was signed.
      tree.append(hash);
      expected = r.idx + 1;
      after = r.idx;
    }
  }
  if (expected !== state.size)
    bad(Math.min(expected, state.size), `the log state says ${state.size} leaves, ${expected} are stored`);
  const purposes =
    keyring.profile === 'sm' ? (['checkpoint', 'checkpointSm2'] as const) : (['checkpoint'] as const);
  const verifiers = purposes.flatMap((p) =>
    keyring
      .publicKeys(p)
      .map((key) => noteVerifier(state.origin, key.alg === 'SM2' ? 'sm2' : 'ed25519', key)),
  );
  const checkpoints = await repo.allCheckpoints(k);
  let lastGood = 0;
  for (const c of checkpoints) {
    const checked = checkNote(c.note, verifiers);
    if (
      !checked.signatures.some((s) => s.status === 'verified') ||
      checked.signatures.some((s) => s.status === 'invalid')
    ) {
      problems.push(`checkpoint ${c.id} (size ${c.size}): platform signature does not verify`);
      continue;
    }
    const cp = parseCheckpoint(checked.text);
    if (cp.size > tree.size) {
      bad(tree.size, `checkpoint of size ${cp.size} covers leaves that are not stored`);
      continue;
    }
    const root = cp.size === 0 ? null : tree.root(cp.size);
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
  };
}
