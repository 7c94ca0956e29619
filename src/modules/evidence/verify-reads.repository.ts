import { CompiledQuery, sql } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import { EVENT_COLUMNS } from './audit-event-row.js';
import { LEAF_HASH_HEX, type LeafWithEvent } from './leaf-reader.repository.js';
import { engineOf, q } from './ledger-sql.repository.js';
import type { EventRow } from './tables.js';

// What full verification (`orderly ledger verify`) reads through the platform's handle: the stored leaves with
// their audit events, in pages. Worker threads read index ranges over connections of their own
// (leaf-reader.repository.ts).

/** Leaves joined with their audit events under a condition with {0}, {1}, … placeholders for its parameters. */
async function leavesWithEvents(tx: AnyTx, where: string, params: number[]): Promise<LeafWithEvent[]> {
  const pg = engineOf(tx) === 'postgres';
  // The event's columns under their own names, so each row object serves as its EventRow (no copies: this runs
  // once per leaf of the log).
  const r = await tx.executeQuery<EventRow & { l_idx: number; l_event_id: string; l_hash: string | null }>(
    CompiledQuery.raw(
      `select l.idx as l_idx, l.event_id as l_event_id,
         ${LEAF_HASH_HEX[pg ? 'postgres' : 'sqlite']} as l_hash,
         ${EVENT_COLUMNS.map((c) => `e.${c.name}`).join(', ')}
       from ledger_leaves l left join audit_events e on e.id = l.event_id
       where ${where.replace(/\{(\d)\}/g, (_m, i: string) => (pg ? `$${Number(i) + 1}` : '?'))}`,
      params,
    ),
  );
  return r.rows.map((row) => ({
    idx: Number(row.l_idx),
    event_id: row.l_event_id,
    leaf_hash_hex: row.l_hash,
    event: row.id === null || row.id === undefined ? null : row,
  }));
}

/** Full verification's reads through the platform's handle (part of ledgerRepo). */
export const verifyReadsRepo = {
  /**
   * Streams leaves in index order in pages, each with its audit event (one query per page; full verification).
   * A leaf whose event is missing comes with `event: null`.
   */
  async leafPageWithEvents(tx: AnyTx, afterIdx: number, limit: number): Promise<LeafWithEvent[]> {
    return leavesWithEvents(tx, 'l.idx > {0} order by l.idx limit {1}', [afterIdx, limit]);
  },
  /** The lowest and highest stored leaf index (null for an empty table). */
  async leafIndexRange(tx: AnyTx): Promise<{ lo: number; hi: number } | null> {
    const r = await q(tx)
      .selectFrom('ledger_leaves')
      .select((eb) => [eb.fn.min('idx').as('lo'), eb.fn.max('idx').as('hi')])
      .executeTakeFirst();
    return r?.lo === null || r?.lo === undefined ? null : { lo: Number(r.lo), hi: Number(r.hi) };
  },
  /** The SQLite database file (for read connections of verification workers); null for a temporary database. */
  async sqliteFile(tx: AnyTx): Promise<string | null> {
    const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
      tx,
    );
    return r.rows[0]?.file || null;
  },
};
