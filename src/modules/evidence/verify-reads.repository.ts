import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, sql } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import { EVENT_COLUMNS, eventRowOf } from './audit-event-row.js';
import { engineOf, q } from './ledger-sql.repository.js';
import type { EventRow } from './tables.js';

// What full verification (`orderly ledger verify`) reads: the stored leaves with their audit events, in pages
// through the platform's handle or in index ranges over a connection of a worker's own.

/** A stored leaf with its audit event (null when the event is missing), as full verification reads it. */
export interface LeafWithEvent {
  idx: number;
  event_id: string;
  /** The stored leaf hash in lower-case hex (null or '' when there is none): see LEAF_HASH_HEX. */
  leaf_hash_hex: string | null;
  event: EventRow | null;
}

// The stored leaf hash is read as lower-case hex text, not as bytes: verification only compares it with the hash
// it computes (as hex, verify-rows.ts; the rebuilt tree uses the computed one), and the drivers make a Buffer of
// every blob — on SQLite about a microsecond a leaf, an eighth of all the per-leaf work; a 64-character string
// costs a tenth of that.
const LEAF_HASH_HEX = {
  sqlite: 'lower(hex(l.leaf_hash))',
  postgres: "encode(l.leaf_hash, 'hex')",
} as const;

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

/** Reads leaves with their audit events by index range over a connection of its own (verification workers). */
export interface LeafRangeReader {
  /** The leaves with indices in [from, to), in index order, each with its audit event (null when missing). */
  range(from: number, to: number): Promise<LeafWithEvent[]>;
  close(): Promise<void>;
}

/** The leaf of an array row [idx, event_id, leaf hash hex, ...EVENT_COLUMNS] (see openLeafReader). */
function leafOfArray(r: unknown[]): LeafWithEvent {
  return {
    idx: r[0] as number,
    event_id: r[1] as string,
    leaf_hash_hex: r[2] as string | null,
    event: r[3] === null ? null : eventRowOf(r, 3),
  };
}

/**
 * Opens a reader on the database at `location` (a SQLite file or a PostgreSQL URL). On SQLite it is a read-only
 * better-sqlite3 connection of its own whose statement returns array rows: Kysely's driver asks better-sqlite3
 * for row objects, which it builds property by property in native code — the largest single cost of full
 * verification per leaf. The objects are then built here with one literal each.
 */
export function openLeafReader(engine: Engine, location: string): LeafRangeReader {
  if (engine === 'sqlite') {
    const conn = new Sqlite(location, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
    const stmt = conn
      .prepare(
        `select l.idx, l.event_id, ${LEAF_HASH_HEX.sqlite}, ${EVENT_COLUMNS.map((c) => `e.${c.name}`).join(', ')}
         from ledger_leaves l left join audit_events e on e.id = l.event_id
         where l.idx >= ? and l.idx < ? order by l.idx`,
      )
      .raw(true);
    return {
      range: async (from, to) => (stmt.all(from, to) as unknown[][]).map(leafOfArray),
      close: async () => void conn.close(),
    };
  }
  // PostgreSQL: a client of its own with array rows, and the event time formatted by the server in the text the
  // platform stores (ISO 8601 UTC with milliseconds, what the kernel's timestamptz parser makes of it): through
  // the pool, node-postgres built a row object and parsed a Date for every leaf, about 29 µs of CPU a leaf.
  const client = new pg.Client({
    connectionString: location,
    options: '-c TimeZone=UTC',
    types: { getTypeParser: leafReaderParser },
  });
  const connected = client.connect();
  connected.catch(() => undefined);
  const text = `select l.idx, l.event_id, ${LEAF_HASH_HEX.postgres},
      ${EVENT_COLUMNS.map((c) =>
        c.name === 'occurred_at' ? `to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `e.${c.name}`,
      ).join(', ')}
    from ledger_leaves l left join audit_events e on e.id = l.event_id
    where l.idx >= $1 and l.idx < $2 order by l.idx limit $3`;
  // The LIMIT (never reached: indices are unique) keeps PostgreSQL on the nested loop over the two primary keys
  // even while the statistics of a freshly grown log are stale: without it the planner estimated the range at
  // several times its size and hashed a sequential scan of every audit event for each range (200 ms a range).
  return {
    range: async (from, to) => {
      await connected;
      const r = await client.query<unknown[]>({ text, values: [from, to, to - from], rowMode: 'array' });
      return r.rows.map(leafOfArray);
    },
    close: async () => {
      await connected.catch(() => undefined);
      await client.end();
    },
  };
}

/** Type parsers of the PostgreSQL leaf reader: bigint as a number (indices stay far below 2^53). */
function leafReaderParser(oid: number, format?: 'text' | 'binary'): (v: string) => unknown {
  if (oid === 20) return Number;
  return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
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
