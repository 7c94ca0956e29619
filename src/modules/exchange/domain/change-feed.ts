import type { Filter } from '../../datastore/index.js';

// The pure rules of a grant's change feed (docs/subscriptions.md): cursors, change ids, and how a record
// version moving in or out of the grant's row filter becomes an insert, an update or a delete.

/** What a consumer sees happen to a record. */
export type ChangeOp = 'insert' | 'update' | 'delete';

const CURSOR = /^c\.(\d{1,15})$/;

/** The opaque cursor of a log position (the log's `_seq`). */
export function encodeCursor(seq: number): string {
  return `c.${seq}`;
}

/** The log position of a cursor, or null when it is not one this API issued. */
export function decodeCursor(cursor: string): number | null {
  const m = CURSOR.exec(cursor);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

/** The id of a change: stable across pages, retries and redeliveries, so consumers deduplicate by it. */
export function changeId(grantId: string, seq: number): string {
  return `${grantId}:${seq}`;
}

/**
 * What a log entry means to a grant, from whether the record was inside the row filter before the entry
 * (`wasIn`) and after it (`isIn`, false for a delete): in→in is the entry's own op, out→in an insert (the
 * record enters the grant), in→out a delete (it leaves), out→out nothing (the grant never saw it).
 */
export function classify(wasIn: boolean, isIn: boolean, op: ChangeOp): ChangeOp | null {
  if (isIn) return wasIn && op === 'update' ? 'update' : 'insert';
  return wasIn ? 'delete' : null;
}

/** Item names a filter reads (to decode only what filtering needs). */
export function filterItemNames(f: Filter | null, into = new Set<string>()): Set<string> {
  if (f === null) return into;
  if ('args' in f) for (const a of f.args) filterItemNames(a, into);
  else if ('arg' in f) filterItemNames(f.arg, into);
  else into.add(f.item);
  return into;
}

/** How long an entry after a gap in the log is held back (see settledPrefix). */
export const GAP_SETTLE_MS = 120_000;

/**
 * The entries a cursor may pass. Sequence numbers are taken when a row is inserted, not when its transaction
 * commits, so a gap may be a transaction still running (its entries would appear behind a cursor that had
 * already moved past them) or one that rolled back (a gap for ever). An entry right after a gap is therefore
 * handed out only once it is GAP_SETTLE_MS old — longer than any write transaction of the data store runs.
 */
export function settledPrefix<E extends { seq: number; at: string }>(
  entries: E[],
  after: number,
  now: Date,
): E[] {
  const settled = new Date(now.getTime() - GAP_SETTLE_MS).toISOString();
  let prev = after;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== prev + 1 && e.at > settled) return entries.slice(0, i);
    prev = e.seq;
  }
  return entries;
}
