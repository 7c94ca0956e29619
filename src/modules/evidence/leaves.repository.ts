import { CompiledQuery } from 'kysely';
import { preparedOnPostgres, type AnyTx, type Engine } from '../../kernel/index.js';
import { EVENT_COLUMNS, eventRowOf } from './audit-event-row.js';
import { bulkInsert, type BulkColumn } from './bulk-insert.repository.js';
import { engineOf, first } from './ledger-sql.repository.js';
import { LEAF_HASH_PARTITION } from './leaf-hash-partition.js';
import type { EventRow, LeafRow } from './tables.js';

// The log's leaves: written by the sequencer, read for proofs (by index, event or hash) and for entry listings.

const LEAF_COLUMNS: readonly BulkColumn[] = [
  { name: 'idx', pg: 'bigint' },
  { name: 'event_id', pg: 'text' },
  { name: 'leaf_hash', pg: 'bytea' },
];

// The proof reads name their columns and run as prepared statements on PostgreSQL (the kernel's
// preparedOnPostgres; a prepared `select *` would fail once a migration changes the table).
const LEAF_AT = 'select idx, event_id, leaf_hash from ledger_leaves where idx = ?';
const PG_LEAVES_AT = preparedOnPostgres(
  'select idx, event_id, leaf_hash from ledger_leaves where idx = any($1::bigint[])',
);

/** A stored leaf with its audit event (null when the event is missing): what a leaf body is derived from. */
export type LeafWithEventRow = LeafRow & { event: EventRow | null };

/** The leaf's columns and its event's, each under its own name (no name is in both). */
const LEAF_AND_EVENT = `l.idx, l.event_id, l.leaf_hash, ${EVENT_COLUMNS.map((c) => `e.${c.name}`).join(', ')}`;

type LeafAndEvent = LeafRow & { [K in keyof EventRow]: EventRow[K] | null };

function leafWithEventOf(r: LeafAndEvent): LeafWithEventRow {
  const event =
    r.id === null
      ? null
      : eventRowOf(
          EVENT_COLUMNS.map((c) => r[c.name as keyof EventRow]),
          0,
        );
  return { idx: Number(r.idx), event_id: r.event_id, leaf_hash: r.leaf_hash, event };
}

/** The leaves' SQL (part of ledgerRepo). */
export const leavesRepo = {
  async insertLeaves(tx: AnyTx, engine: Engine, rows: readonly LeafRow[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_leaves',
      LEAF_COLUMNS,
      rows.map((r) => [r.idx, r.event_id, r.leaf_hash]),
    );
  },
  async leaf(tx: AnyTx, idx: number): Promise<LeafRow | undefined> {
    return first<LeafRow>(tx, LEAF_AT, [idx], true);
  },
  /** The leaves at the given indices (any order; missing ones are left out). */
  async leavesAt(tx: AnyTx, idx: readonly number[]): Promise<LeafRow[]> {
    if (idx.length === 1) {
      // The common case (a leaf without a sibling, or a proof by hash's second step): the fixed lookup.
      const l = await this.leaf(tx, idx[0]!);
      return l ? [l] : [];
    }
    const pg = engineOf(tx) === 'postgres';
    const text = pg
      ? PG_LEAVES_AT
      : `select idx, event_id, leaf_hash from ledger_leaves where idx in (${idx.map(() => '?').join(',')})`;
    return (await tx.executeQuery<LeafRow>(CompiledQuery.raw(text, pg ? [idx] : [...idx]))).rows;
  },
  /** The leaf of an audit event, with the event (a receipt's leaf body is derived from it). */
  async leafByEvent(tx: AnyTx, eventId: string): Promise<LeafWithEventRow | undefined> {
    const row = await first<LeafAndEvent>(
      tx,
      `select ${LEAF_AND_EVENT} from ledger_leaves l left join audit_events e on e.id = l.event_id
       where l.event_id = ?`,
      [eventId],
      true,
    );
    return row === undefined ? undefined : leafWithEventOf(row);
  },
  async leafByHash(tx: AnyTx, hash: Buffer): Promise<LeafRow | undefined> {
    // One seek per partition of the leaf-hash index (migration 20261130_0200), from the lowest stored index's
    // partition to the highest's; the conditions are the indexed expressions, written exactly as indexed, and the
    // full hash is compared on the rows that share a prefix. The partitions are the outer loop (SQLite: CROSS JOIN
    // keeps that order; PostgreSQL: an array of keys on the index's first column), and the lowest index wins.
    const part = String(LEAF_HASH_PARTITION);
    const text =
      engineOf(tx) === 'postgres'
        ? `with m as materialized (
             select l.idx, l.event_id, l.leaf_hash from ledger_leaves l
             where l.idx / ${part} = any(array(select generate_series(coalesce(min(idx), 0) / ${part},
                                                              coalesce(max(idx), 0) / ${part}) from ledger_leaves))
               and substr(l.leaf_hash, 1, 8) = ? and l.leaf_hash = ?)
           select idx, event_id, leaf_hash from m order by idx limit 1`
        : `with recursive p(k) as (
             select coalesce(min(idx), 0) / ${part} from ledger_leaves
             union all
             select k + 1 from p where k < (select coalesce(max(idx), 0) / ${part} from ledger_leaves))
           select l.idx, l.event_id, l.leaf_hash from p cross join ledger_leaves l
           where l.idx / ${part} = p.k and substr(l.leaf_hash, 1, 8) = ? and l.leaf_hash = ?
           order by l.idx limit 1`;
    return first<LeafRow>(tx, text, [hash.subarray(0, 8), hash], true);
  },
  /**
   * Leaves in an index range, each with its audit event; the filters apply to the event (its action,
   * organisation and time: the leaf names them, and the leaf is derived from the event).
   */
  async leaves(
    tx: AnyTx,
    f: {
      start: number;
      end: number;
      action?: string;
      orgId?: string;
      from?: string;
      to?: string;
      limit: number;
    },
  ): Promise<LeafWithEventRow[]> {
    const pg = engineOf(tx) === 'postgres';
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), pg ? `$${params.length}` : '?');
    const where = [`l.idx >= ${p(f.start)}`, `l.idx < ${p(f.end)}`];
    if (f.action) where.push(`e.action = ${p(f.action)}`);
    if (f.orgId) where.push(`e.org_id = ${p(f.orgId)}`);
    if (f.from) where.push(`e.occurred_at >= ${p(f.from)}`);
    if (f.to) where.push(`e.occurred_at < ${p(f.to)}`);
    // An inner join only when filtering by the event: without filters a leaf whose event is missing (a damaged
    // store) is still listed, with its hash.
    let join = where.length > 2 ? 'join' : 'left join';
    // SQLite has no statistics here and takes the events' action index whenever the action is given: right for
    // a rare action, but for a common one it reads and sorts every matching event to return the first page
    // (156 ms at 200,000 leaves). Above a few thousand matches (counted in that index alone), walking the leaves
    // in index order and stopping at the page's last match is faster: CROSS JOIN fixes that order.
    if (!pg && f.action && (await this.actionCount(tx, f.action)) > COMMON_ACTION) join = 'cross join';
    const r = await tx.executeQuery<LeafAndEvent>(
      CompiledQuery.raw(
        `select ${LEAF_AND_EVENT} from ledger_leaves l ${join} audit_events e on e.id = l.event_id
         where ${where.join(' and ')} order by l.idx limit ${p(f.limit)}`,
        params,
      ),
    );
    return r.rows.map(leafWithEventOf);
  },
  /** How many audit events have an action, up to COMMON_ACTION + 1 (SQLite; see leaves). */
  async actionCount(tx: AnyTx, action: string): Promise<number> {
    const r = await first<{ n: number }>(
      tx,
      'select count(*) as n from (select 1 from audit_events where action = ? limit ?)',
      [action, COMMON_ACTION + 1],
    );
    return Number(r?.n ?? 0);
  },
};

/** Events of one action above which listings walk the leaves rather than the action's events (SQLite). */
const COMMON_ACTION = 5000;
