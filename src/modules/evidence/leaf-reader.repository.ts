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
 * event], the text null where the database does not build it (see leafTextSql).
 */
export type LeafTextRow = readonly [idx: number, leafHashHex: string | null, text: string | null];

/** Reads leaves with their audit events by index range over a connection of its own (verification workers). */
export interface LeafRangeReader {
  /** The leaves with indices in [from, to), in index order, each with its audit event (null when missing). */
  range(from: number, to: number): Promise<LeafWithEvent[]>;
  /** The leaves with indices in [from, to), in index order, with the leaf texts the database builds. */
  texts(from: number, to: number): Promise<LeafTextRow[]>;
  close(): Promise<void>;
}

// The event time as the platform stores and reads it (ISO 8601 UTC with milliseconds): SQLite keeps that text;
// PostgreSQL formats its timestamptz so (the reader's session is in UTC).
const OCCURRED_AT = {
  sqlite: 'e.occurred_at',
  postgres: `to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
} as const;

/**
 * The leaf text of eventLeaf() (event-leaf.ts) as an SQL expression over `l` (ledger_leaves) and `e`
 * (audit_events), for full verification: the database hands over one string a row instead of sixteen values
 * and a leaf written in JavaScript, which made the per-leaf work 1.5–2× faster on SQLite and full verification
 * 20–30 % faster on PostgreSQL (docs/evidence-benchmarks.md, "Leaf texts from the database"). SQLite's
 * json_quote() and PostgreSQL's to_json() write a JSON string as JCS does (\" and \\, the short escapes \b \f \n \r
 * \t, other control characters as lower-case \u00xx, everything else as it is); the details are embedded as stored
 * — their RFC 8785 form since the kernel stores that (auditDetailsText).
 *
 * The text is only ever a faster way to a match: a row whose text does not hash to its stored leaf hash (a
 * legacy row with non-canonical details, a string escaped otherwise, a tampered row) is checked again the
 * JavaScript way (verify-rows.ts), whose verdict stands. A match says what that verdict would: the template
 * puts every value — a quoted literal, a number or null — between fixed punctuation that no JSON string literal
 * can contain (each of its quotation marks follows a comma, a colon or a brace), so the values before the details
 * are found in the signed leaf reading from its start and those after reading from its end; a text equal to the
 * signed leaf therefore has every field, the details' stored text included, equal to the signed leaf's. Rows
 * without an event and notarisations (whose file digest is lifted to the top level) get null: the JavaScript way.
 */
function leafTextSql(engine: Engine): string {
  const q =
    engine === 'sqlite'
      ? (column: string) => `json_quote(${column})`
      : (column: string) => `coalesce(to_json(${column})::text, 'null')`;
  return `case when e.id is null or e.action = 'evidence.notarise' then null
  else '{"action":' || ${q('e.action')} || ',"actor":{"id":' || ${q('e.actor_id')} || ',"kind":' || ${q('e.actor_kind')} ||
    ',"org":' || ${q('e.actor_org_id')} || '},"change":' ||
    case when e.change_digest is null or e.change_digest = '' then 'null'
      else '{"alg":' || ${q('e.digest_alg')} || ',"digest":' || ${q('e.change_digest')} || '}' end ||
    ',"details":' || e.details || ',"id":' || ${q('e.id')} || ',"index":' || l.idx || ',"org":' || ${q('e.org_id')} ||
    ',"request":' || ${q('e.request_id')} || ',"subject":{"id":' || ${q('e.subject_id')} ||
    ',"type":' || ${q('e.subject_type')} || '},"time":' || ${q(OCCURRED_AT[engine])} || ',"v":1}'
  end`;
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
    const textStmt = conn
      .prepare(
        `select l.idx, ${LEAF_HASH_HEX.sqlite}, ${leafTextSql('sqlite')}
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
  // The LIMIT (never reached: indices are unique) keeps PostgreSQL on the nested loop over the two primary keys
  // even while the statistics of a freshly grown log are stale: without it the planner estimated the range at
  // several times its size and hashed a sequential scan of every audit event for each range (200 ms a range).
  const rangeOf = `from ledger_leaves l left join audit_events e on e.id = l.event_id
    where l.idx >= $1 and l.idx < $2 order by l.idx limit $3`;
  const withEvents = `select l.idx, l.event_id, ${LEAF_HASH_HEX.postgres},
    ${EVENT_COLUMNS.map((c) => (c.name === 'occurred_at' ? OCCURRED_AT.postgres : `e.${c.name}`)).join(', ')}
    ${rangeOf}`;
  const withTexts = `select l.idx, ${LEAF_HASH_HEX.postgres}, ${leafTextSql('postgres')} ${rangeOf}`;
  const rows = async (text: string, from: number, to: number) => {
    await connected;
    return (await client.query<unknown[]>({ text, values: [from, to, to - from], rowMode: 'array' })).rows;
  };
  return {
    range: async (from, to) => (await rows(withEvents, from, to)).map(leafOfArray),
    texts: async (from, to) => (await rows(withTexts, from, to)) as unknown as LeafTextRow[],
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
