import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Engine } from '../../kernel/index.js';
import { EVENT_COLUMNS, eventRowOf } from './audit-event-row.js';
import type { EventRow } from './tables.js';

// What a full-verification worker thread reads: the stored leaves with their audit events by index range, over a
// connection of its own. This file imports only the drivers (no Kysely, nothing of the kernel at run time): a
// worker's start-up is its import graph, and under tsx Kysely alone took 1.1 s of it (ADR 0007).

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
export const LEAF_HASH_HEX = {
  sqlite: 'lower(hex(l.leaf_hash))',
  postgres: "encode(l.leaf_hash, 'hex')",
} as const;

/**
 * A stored leaf as [index, stored leaf hash in lower-case hex, the leaf text the database built from its audit
 * event], the text null where the database does not build it (see LEAF_TEXT_SQLITE).
 */
export type LeafTextRow = readonly [idx: number, leafHashHex: string | null, text: string | null];

/** Reads leaves with their audit events by index range over a connection of its own (verification workers). */
export interface LeafRangeReader {
  /** The leaves with indices in [from, to), in index order, each with its audit event (null when missing). */
  range(from: number, to: number): Promise<LeafWithEvent[]>;
  /**
   * The leaves with indices in [from, to), in index order, with leaf texts built by the database; null where the
   * engine does not build them (PostgreSQL: measured no faster there, the server's work replacing the client's).
   */
  texts: ((from: number, to: number) => Promise<LeafTextRow[]>) | null;
  close(): Promise<void>;
}

// The leaf text of eventLeaf() (event-leaf.ts) built by SQLite from the stored columns, for full verification: one
// string a row instead of sixteen values and a leaf written in JavaScript, which made the per-leaf work about
// 1.5–2× faster (docs/evidence.md, "Leaf texts from SQLite"). json_quote() writes a JSON string as JCS does
// (escapes \b \f \n \r \t, other control characters as lower-case \u00xx, everything else as it is) and the
// details are embedded as stored — their RFC 8785 form since the kernel stores that (auditDetailsText).
//
// The text is only ever a faster way to a match: a row whose text does not hash to the stored leaf hash (a
// legacy row with non-canonical details, an engine that escapes differently, a tampered row) is checked again the
// JavaScript way (verify-rows.ts), and that verdict stands. The converse holds because every value is a quoted
// literal or a number at a fixed place between fixed punctuation, and json_valid() makes the details one complete
// JSON value: text equal to the signed leaf means every field equals the signed one. Rows without an event and
// notarisations (whose file digest is lifted to the top level) get null: the JavaScript way.
const q = (column: string) => `json_quote(e.${column})`;
const LEAF_TEXT_SQLITE = `case when e.id is null or e.action = 'evidence.notarise' or not json_valid(e.details) then null
  else '{"action":' || ${q('action')} || ',"actor":{"id":' || ${q('actor_id')} || ',"kind":' || ${q('actor_kind')} ||
    ',"org":' || ${q('actor_org_id')} || '},"change":' ||
    case when e.change_digest is null or e.change_digest = '' then 'null'
      else '{"alg":' || ${q('digest_alg')} || ',"digest":' || ${q('change_digest')} || '}' end ||
    ',"details":' || e.details || ',"id":' || ${q('id')} || ',"index":' || l.idx || ',"org":' || ${q('org_id')} ||
    ',"request":' || ${q('request_id')} || ',"subject":{"id":' || ${q('subject_id')} ||
    ',"type":' || ${q('subject_type')} || '},"time":' || ${q('occurred_at')} || ',"v":1}'
  end`;

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
    const textStmt = conn
      .prepare(
        `select l.idx, ${LEAF_HASH_HEX.sqlite}, ${LEAF_TEXT_SQLITE}
         from ledger_leaves l left join audit_events e on e.id = l.event_id
         where l.idx >= ? and l.idx < ? order by l.idx`,
      )
      .raw(true);
    return {
      range: async (from, to) => (stmt.all(from, to) as unknown[][]).map(leafOfArray),
      texts: async (from, to) => textStmt.all(from, to) as LeafTextRow[],
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
    texts: null,
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
