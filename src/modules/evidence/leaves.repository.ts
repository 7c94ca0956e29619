import { CompiledQuery } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import { bulkInsert, type BulkColumn } from './bulk-insert.repository.js';
import { engineOf, first, q } from './ledger-sql.repository.js';
import { LEAF_HASH_PARTITION } from './leaf-hash-partition.js';
import type { LeafRow } from './tables.js';

// The log's leaves: written by the sequencer, read for proofs (by index, event or hash) and for entry listings.

const LEAF_COLUMNS: readonly BulkColumn[] = [
  { name: 'idx', pg: 'bigint' },
  { name: 'event_id', pg: 'text' },
  { name: 'leaf', pg: 'text' },
  { name: 'leaf_hash', pg: 'bytea' },
  { name: 'action', pg: 'text' },
  { name: 'org_id', pg: 'text' },
  { name: 'occurred_at', pg: 'timestamptz' },
];

/** The leaves' SQL (part of ledgerRepo). */
export const leavesRepo = {
  async insertLeaves(tx: AnyTx, engine: Engine, rows: readonly LeafRow[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_leaves',
      LEAF_COLUMNS,
      rows.map((r) => [r.idx, r.event_id, r.leaf, r.leaf_hash, r.action, r.org_id, r.occurred_at]),
    );
  },
  async leaf(tx: AnyTx, idx: number): Promise<LeafRow | undefined> {
    return first<LeafRow>(tx, 'select * from ledger_leaves where idx = ?', [idx]);
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
      ? 'select * from ledger_leaves where idx = any($1::bigint[])'
      : `select * from ledger_leaves where idx in (${idx.map(() => '?').join(',')})`;
    return (await tx.executeQuery<LeafRow>(CompiledQuery.raw(text, pg ? [idx] : [...idx]))).rows;
  },
  async leafByEvent(tx: AnyTx, eventId: string): Promise<LeafRow | undefined> {
    return q(tx).selectFrom('ledger_leaves').selectAll().where('event_id', '=', eventId).executeTakeFirst();
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
             select l.* from ledger_leaves l
             where l.idx / ${part} = any(array(select generate_series(coalesce(min(idx), 0) / ${part},
                                                              coalesce(max(idx), 0) / ${part}) from ledger_leaves))
               and substr(l.leaf_hash, 1, 8) = ? and l.leaf_hash = ?)
           select * from m order by idx limit 1`
        : `with recursive p(k) as (
             select coalesce(min(idx), 0) / ${part} from ledger_leaves
             union all
             select k + 1 from p where k < (select coalesce(max(idx), 0) / ${part} from ledger_leaves))
           select l.* from p cross join ledger_leaves l
           where l.idx / ${part} = p.k and substr(l.leaf_hash, 1, 8) = ? and l.leaf_hash = ?
           order by l.idx limit 1`;
    return first<LeafRow>(tx, text, [hash.subarray(0, 8), hash]);
  },
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
  ): Promise<LeafRow[]> {
    let query = q(tx)
      .selectFrom('ledger_leaves')
      .selectAll()
      .where('idx', '>=', f.start)
      .where('idx', '<', f.end);
    if (f.action) query = query.where('action', '=', f.action);
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    if (f.from) query = query.where('occurred_at', '>=', f.from);
    if (f.to) query = query.where('occurred_at', '<', f.to);
    return query.orderBy('idx').limit(f.limit).execute();
  },
};
