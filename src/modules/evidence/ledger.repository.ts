import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import type { NodeRef } from './domain/index.js';
import type {
  CheckpointRow,
  CosignatureRow,
  EventRow,
  LeafRow,
  LedgerTables,
  NodeRow,
  NotarisationRow,
  StateRow,
  WitnessRow,
} from './tables.js';

// All SQL of the ledger. The hot paths (the audit port's batch, the sequencer, full verification) write and read
// many rows per statement: on PostgreSQL one array parameter per column (one round trip whatever the row count),
// on SQLite multi-row VALUES (in-process, so only the statement count matters).

function q(tx: AnyTx): Kysely<LedgerTables> {
  return tx as unknown as Kysely<LedgerTables>;
}

// SQLite's limit on bound parameters per statement.
const SQLITE_MAX_PARAMS = 32_766;
// Rows per statement on PostgreSQL (bounds the size of one parameter, not the round trips).
const PG_ROWS = 20_000;

/** A column of a bulk insert; `pg` is its PostgreSQL type (the array parameter's cast). */
export interface BulkColumn {
  name: string;
  pg: 'text' | 'bigint' | 'integer' | 'bytea' | 'timestamptz';
}

const engines = new WeakMap<AnyTx, Engine>();

/** The engine behind a transaction or handle (from its dialect's placeholders; no round trip). */
export function engineOf(tx: AnyTx): Engine {
  let engine = engines.get(tx);
  if (!engine) {
    engine = sql`${0}`.compile(tx).sql === '?' ? 'sqlite' : 'postgres';
    engines.set(tx, engine);
  }
  return engine;
}

const valuesSql = new Map<string, string>();

/** `insert into t (c…) values (?,…),(?,…)…` for n rows (cached per shape). */
function sqliteValues(table: string, cols: readonly BulkColumn[], n: number): string {
  const key = `${table}/${cols.length}/${n}`;
  let text = valuesSql.get(key);
  if (!text) {
    const row = `(${cols.map(() => '?').join(',')})`;
    text = `insert into ${table} (${cols.map((c) => c.name).join(', ')}) values ${Array(n).fill(row).join(',')}`;
    valuesSql.set(key, text);
  }
  return text;
}

/**
 * Inserts rows (arrays in column order) with as few statements as the engine allows. With `ordered`, rows are
 * inserted in the given order, so an identity or rowid column numbers them in that order (SQLite's VALUES always
 * is; on PostgreSQL it costs a sort, so only the small queue rows ask for it).
 */
export async function bulkInsert(
  tx: AnyTx,
  engine: Engine,
  table: string,
  cols: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  ordered = false,
): Promise<void> {
  if (rows.length === 0) return;
  if (engine === 'postgres') {
    // Each column travels as one array parameter, zipped back into rows by ROWS FROM. Text, numbers and times go
    // as JSON arrays (cast in the select list): node-postgres builds array literals with two regular-expression
    // escapes and a concatenation per element, several times slower than JSON.stringify and the server's JSON
    // parser. Bytes go as bytea[] (hex, which needs no escaping).
    const names = cols.map((c) => c.name).join(', ');
    const fns = cols
      .map((c, i) =>
        c.pg === 'bytea' ? `unnest($${i + 1}::bytea[])` : `json_array_elements_text($${i + 1}::json)`,
      )
      .join(', ');
    const alias = cols.map((_, i) => `c${i}`).join(', ');
    const values = cols
      .map((c, i) => (c.pg === 'bytea' || c.pg === 'text' ? `c${i}` : `c${i}::${c.pg}`))
      .join(', ');
    const text = ordered
      ? `insert into ${table} (${names}) select ${values} from rows from (${fns}) with ordinality as u(${alias}, ord) order by ord`
      : `insert into ${table} (${names}) select ${values} from rows from (${fns}) as u(${alias})`;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS);
      const params = cols.map((c, k) => {
        const column = chunk.map((r) => r[k]);
        return c.pg === 'bytea' ? column : JSON.stringify(column);
      });
      await tx.executeQuery(CompiledQuery.raw(text, params));
    }
    return;
  }
  const per = Math.max(1, Math.floor(SQLITE_MAX_PARAMS / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const n = Math.min(per, rows.length - i);
    // The parameters copied into one array by index: Array.prototype.flat() took about 3 µs an event of a
    // batched append (a tenth of it), copying through its generic path.
    const params = new Array<unknown>(n * cols.length);
    let k = 0;
    for (let r = i; r < i + n; r++) {
      const row = rows[r]!;
      for (let c = 0; c < cols.length; c++) params[k++] = row[c];
    }
    await tx.executeQuery(CompiledQuery.raw(sqliteValues(table, cols, n), params));
  }
}

const LEAF_COLUMNS: readonly BulkColumn[] = [
  { name: 'idx', pg: 'bigint' },
  { name: 'event_id', pg: 'text' },
  { name: 'leaf', pg: 'text' },
  { name: 'leaf_hash', pg: 'bytea' },
  { name: 'action', pg: 'text' },
  { name: 'org_id', pg: 'text' },
  { name: 'occurred_at', pg: 'timestamptz' },
];
const NODE_COLUMNS: readonly BulkColumn[] = [
  { name: 'level', pg: 'integer' },
  { name: 'idx', pg: 'bigint' },
  { name: 'hash', pg: 'bytea' },
];
const PENDING_COLUMNS: readonly BulkColumn[] = [{ name: 'event_id', pg: 'text' }];

/** The audit event columns a leaf is derived from, in the order of EventRow. */
const EVENT_COLUMNS = [
  'id',
  'occurred_at',
  'request_id',
  'actor_kind',
  'actor_id',
  'actor_org_id',
  'action',
  'subject_type',
  'subject_id',
  'org_id',
  'change_digest',
  'digest_alg',
  'details',
] as const;

/** A stored leaf with its audit event (null when the event is missing), as full verification reads it. */
export interface LeafWithEvent {
  idx: number;
  event_id: string;
  leaf: string;
  leaf_hash: Buffer;
  event: EventRow | null;
}

/**
 * The first row of a fixed query written with `?` placeholders (numbered on PostgreSQL). For the hottest reads —
 * every proof, every sequencer tick — where building and compiling a query each time costs about as much as
 * the database's own work.
 */
async function first<T>(tx: AnyTx, text: string, params: unknown[]): Promise<T | undefined> {
  let n = 0;
  const sqlText = engineOf(tx) === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return (await tx.executeQuery<T>(CompiledQuery.raw(sqlText, params))).rows[0];
}

/** Leaves joined with their audit events under a condition with {0}, {1}, … placeholders for its parameters. */
async function leavesWithEvents(tx: AnyTx, where: string, params: number[]): Promise<LeafWithEvent[]> {
  const pg = engineOf(tx) === 'postgres';
  // The event's columns under their own names, so each row object serves as its EventRow (no copies: this runs
  // once per leaf of the log).
  const r = await tx.executeQuery<
    EventRow & { l_idx: number; l_event_id: string; l_leaf: string; l_hash: Buffer }
  >(
    CompiledQuery.raw(
      `select l.idx as l_idx, l.event_id as l_event_id, l.leaf as l_leaf, l.leaf_hash as l_hash,
         ${EVENT_COLUMNS.map((c) => `e.${c}`).join(', ')}
       from ledger_leaves l left join audit_events e on e.id = l.event_id
       where ${where.replace(/\{(\d)\}/g, (_m, i: string) => (pg ? `$${Number(i) + 1}` : '?'))}`,
      params,
    ),
  );
  return r.rows.map((row) => ({
    idx: Number(row.l_idx),
    event_id: row.l_event_id,
    leaf: row.l_leaf,
    leaf_hash: row.l_hash,
    event: row.id === null || row.id === undefined ? null : row,
  }));
}

/** Reads leaves with their audit events by index range over a connection of its own (verification workers). */
export interface LeafRangeReader {
  /** The leaves with indices in [from, to), in index order, each with its audit event (null when missing). */
  range(from: number, to: number): Promise<LeafWithEvent[]>;
  close(): Promise<void>;
}

/** The leaf of an array row [idx, event_id, leaf, leaf_hash, ...EVENT_COLUMNS] (see openLeafReader). */
function leafOfArray(r: unknown[]): LeafWithEvent {
  const event: EventRow | null =
    r[4] === null
      ? null
      : {
          id: r[4] as string,
          occurred_at: r[5] as string,
          request_id: r[6] as string,
          actor_kind: r[7] as string,
          actor_id: r[8] as string | null,
          actor_org_id: r[9] as string | null,
          action: r[10] as string,
          subject_type: r[11] as string,
          subject_id: r[12] as string,
          org_id: r[13] as string | null,
          change_digest: r[14] as string | null,
          digest_alg: r[15] as string,
          details: r[16] as string,
        };
  return {
    idx: r[0] as number,
    event_id: r[1] as string,
    leaf: r[2] as string,
    leaf_hash: r[3] as Buffer,
    event,
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
        `select l.idx, l.event_id, l.leaf, l.leaf_hash, ${EVENT_COLUMNS.map((c) => `e.${c}`).join(', ')}
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
  const text = `select l.idx, l.event_id, l.leaf, l.leaf_hash,
      ${EVENT_COLUMNS.map((c) =>
        c === 'occurred_at' ? `to_char(e.occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `e.${c}`,
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

/** Ledger SQL. */
export const ledgerRepo = {
  /** Queues an event for the sequencer (PostgreSQL; SQLite has no queue, see takePending). */
  async enqueue(tx: AnyTx, eventId: string): Promise<void> {
    // Fixed text (no query builder): one per audited change, the statement cached by its text on SQLite.
    await first(tx, 'insert into ledger_pending (event_id) values (?)', [eventId]);
  },
  /**
   * PostgreSQL: single-row inserts (another port's rows) and the event's queue entry as one statement —
   * data-modifying WITH clauses, each executed once — so an audited change costs one round trip, not three.
   */
  async insertAndEnqueue(
    tx: AnyTx,
    inserts: readonly { table: string; columns: readonly string[]; values: readonly unknown[] }[],
    eventId: string,
  ): Promise<void> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const ctes = inserts.map(
      (ins, i) =>
        `c${i} as (insert into ${id(ins.table)} (${ins.columns.map(id).join(', ')}) values (${ins.values.map(p).join(', ')}))`,
    );
    await tx.executeQuery(
      CompiledQuery.raw(
        `${ctes.length ? `with ${ctes.join(', ')} ` : ''}insert into ledger_pending (event_id) values (${p(eventId)})`,
        params,
      ),
    );
  },
  /** Queues several events in one statement, in the given order (PostgreSQL, as enqueue). */
  async enqueueMany(tx: AnyTx, engine: Engine, eventIds: readonly string[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_pending',
      PENDING_COLUMNS,
      eventIds.map((id) => [id]),
      true,
    );
  },
  /**
   * Takes the sequencer lock for the rest of the transaction, across processes: an advisory lock on
   * PostgreSQL; on SQLite a first write, which takes the database's single write lock at once (a read first
   * could deadlock two processes upgrading their locks).
   */
  async lock(tx: AnyTx, engine: Engine, at: string): Promise<StateRow | undefined> {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(tx);
    // The state as of the lock (RETURNING saves a second round trip).
    return q(tx)
      .updateTable('ledger_state')
      .set({ updated_at: at })
      .where('id', '=', 1)
      .returningAll()
      .executeTakeFirst();
  },
  /**
   * lock() without waiting (PostgreSQL: pg_try_advisory_xact_lock): undefined when another transaction holds the
   * lock. On SQLite it is lock(): the first write waits for the database's write lock as every write does.
   */
  async tryLock(tx: AnyTx, engine: Engine, at: string): Promise<StateRow | undefined> {
    if (engine === 'sqlite') return this.lock(tx, engine, at);
    // One round trip: the state row is updated (and returned) only when the lock was free. A single row is
    // scanned, so the lock function runs once.
    return first<StateRow>(
      tx,
      'update ledger_state set updated_at = ? where id = 1 and pg_try_advisory_xact_lock(727274) returning *',
      [at],
    );
  },
  async state(tx: AnyTx): Promise<StateRow | undefined> {
    return q(tx).selectFrom('ledger_state').selectAll().where('id', '=', 1).executeTakeFirst();
  },
  async initState(tx: AnyTx, row: StateRow): Promise<void> {
    await q(tx)
      .insertInto('ledger_state')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
  async setSize(tx: AnyTx, size: number, at: string): Promise<void> {
    await q(tx).updateTable('ledger_state').set({ size, updated_at: at }).where('id', '=', 1).execute();
  },
  async setQuorum(tx: AnyTx, quorum: number, at: string): Promise<void> {
    await q(tx).updateTable('ledger_state').set({ quorum, updated_at: at }).where('id', '=', 1).execute();
  },
  /**
   * Takes up to `limit` events waiting for the log, in commit order, with their audit rows (the caller holds the
   * sequencer lock, inside its transaction); `seq` is each event's position in that order.
   *
   * PostgreSQL: from the queue, removing exactly the events taken. The delete and the read are one statement under
   * one snapshot, so an event whose transaction commits meanwhile — even with a lower sequence number — stays
   * queued for the next round instead of being dropped unsequenced.
   *
   * SQLite has no queue: the audit events after `after` (the rowid of the last sequenced event, see
   * lastSequencedRowid) in rowid order. SQLite has one writer at a time, so rowids are handed out in commit
   * order (a transaction that begins after another committed inserts above it: a rowid table without
   * AUTOINCREMENT takes max(rowid) + 1, and audit events are never deleted), and the writer holding the lock sees
   * every committed row. The queue's insert, index entry and later delete per event are spared, and the read is a
   * range of the table instead of a join through the events' primary key.
   */
  async takePending(
    tx: AnyTx,
    engine: Engine,
    limit: number,
    after: number,
  ): Promise<(EventRow & { seq: number })[]> {
    const cols = EVENT_COLUMNS.map((c) => `e.${c}`).join(', ');
    if (engine === 'postgres') {
      const r = await tx.executeQuery<EventRow & { seq: number }>(
        CompiledQuery.raw(
          `with d as (
             delete from ledger_pending where seq in (select seq from ledger_pending order by seq limit $1)
             returning seq, event_id)
           select d.seq, ${cols} from d join audit_events e on e.id = d.event_id order by d.seq`,
          [limit],
        ),
      );
      return r.rows;
    }
    const r = await tx.executeQuery<EventRow & { seq: number }>(
      CompiledQuery.raw(
        `select e.rowid as seq, ${cols} from audit_events e where e.rowid > ? order by e.rowid limit ?`,
        [after, limit],
      ),
    );
    return r.rows;
  },
  /**
   * SQLite: the rowid of the audit event of the leaf at `idx` (0 before the first leaf), where the next round
   * starts (see takePending). Read from the stored leaf rather than kept as a counter, so it stays right if a
   * VACUUM renumbers the rowids (it keeps their order). A missing event is a damaged store: the sequencer stops
   * rather than guess (`orderly ledger verify` names the index).
   */
  async lastSequencedRowid(tx: AnyTx, idx: number): Promise<number> {
    if (idx < 0) return 0;
    const r = await first<{ rowid: number }>(
      tx,
      'select e.rowid as rowid from ledger_leaves l join audit_events e on e.id = l.event_id where l.idx = ?',
      [idx],
    );
    if (r === undefined)
      throw new Error(`ledger: the audit event of leaf ${idx} is missing; run orderly ledger verify`);
    return Number(r.rowid);
  },
  /** Events waiting for the log (see takePending). */
  async pendingCount(tx: AnyTx, engine: Engine, size: number): Promise<number> {
    if (engine === 'postgres') {
      const r = await first<{ n: number }>(tx, 'select count(*) as n from ledger_pending', []);
      return Number(r?.n ?? 0);
    }
    const after = await this.lastSequencedRowid(tx, size - 1);
    const r = await first<{ n: number }>(tx, 'select count(*) as n from audit_events where rowid > ?', [
      after,
    ]);
    return Number(r?.n ?? 0);
  },
  async insertLeaves(tx: AnyTx, engine: Engine, rows: readonly LeafRow[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_leaves',
      LEAF_COLUMNS,
      rows.map((r) => [r.idx, r.event_id, r.leaf, r.leaf_hash, r.action, r.org_id, r.occurred_at]),
    );
  },
  async insertNodes(tx: AnyTx, engine: Engine, rows: readonly NodeRow[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_nodes',
      NODE_COLUMNS,
      rows.map((r) => [r.level, r.idx, r.hash]),
    );
  },
  /**
   * The requested complete-subtree nodes (one query). Level 0 — the leaf hashes — is read from the leaves, which
   * store it anyway: since migration 20261129_2200 the sequencer no longer writes a second copy as a node row
   * (older logs still hold such rows; they are ignored).
   */
  async nodes(tx: AnyTx, refs: NodeRef[]): Promise<NodeRow[]> {
    if (refs.length === 0) return [];
    const upper = refs.filter((r) => r.level > 0);
    const leaves = refs.filter((r) => r.level === 0).map((r) => r.index);
    if (engineOf(tx) === 'postgres') {
      // The wanted coordinates as one row-valued IN over two arrays: it plans in a fraction of the time of a long
      // OR, and measured about a quarter faster than joining the unnested arrays (proof latency). Each branch
      // only when wanted: planning an unused one costs a round trip's worth of time on a busy server.
      const parts: string[] = [];
      const params: unknown[] = [];
      if (upper.length) {
        parts.push(`select level, idx, hash from ledger_nodes
          where (level, idx) in (select * from unnest($1::integer[], $2::bigint[]))`);
        params.push(
          upper.map((x) => x.level),
          upper.map((x) => x.index),
        );
      }
      if (leaves.length) {
        parts.push(
          `select 0 as level, idx, leaf_hash as hash from ledger_leaves where idx = any($${params.length + 1}::bigint[])`,
        );
        params.push(leaves);
      }
      return (await tx.executeQuery<NodeRow>(CompiledQuery.raw(parts.join(' union all '), params))).rows;
    }
    const parts: string[] = [];
    const params: number[] = [];
    if (upper.length) {
      parts.push(
        `select level, idx, hash from ledger_nodes where ${upper.map(() => '(level = ? and idx = ?)').join(' or ')}`,
      );
      for (const r of upper) params.push(r.level, r.index);
    }
    if (leaves.length) {
      parts.push(
        `select 0 as level, idx, leaf_hash as hash from ledger_leaves where idx in (${leaves.map(() => '?').join(',')})`,
      );
      params.push(...leaves);
    }
    return (await tx.executeQuery<NodeRow>(CompiledQuery.raw(parts.join(' union all '), params))).rows;
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
    // The prefix condition is the indexed expression (migration 20261129_1400), written exactly as indexed.
    return first<LeafRow>(
      tx,
      'select * from ledger_leaves where substr(leaf_hash, 1, 8) = ? and leaf_hash = ? order by idx limit 1',
      [hash.subarray(0, 8), hash],
    );
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
  async insertCheckpoint(tx: AnyTx, row: CheckpointRow): Promise<void> {
    await q(tx).insertInto('ledger_checkpoints').values(row).execute();
  },
  async latestCheckpoint(tx: AnyTx): Promise<CheckpointRow | undefined> {
    return first<CheckpointRow>(
      tx,
      'select * from ledger_checkpoints order by size desc, created_at desc, id desc limit 1',
      [],
    );
  },
  async checkpoint(tx: AnyTx, id: string): Promise<CheckpointRow | undefined> {
    return q(tx).selectFrom('ledger_checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async checkpointsOfSize(tx: AnyTx, size: number): Promise<CheckpointRow[]> {
    return q(tx)
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .where('size', '=', size)
      .orderBy('created_at')
      .execute();
  },
  async checkpoints(tx: AnyTx, fromSize: number, limit: number): Promise<CheckpointRow[]> {
    return q(tx)
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .where('size', '>=', fromSize)
      .orderBy('size')
      .orderBy('created_at')
      .limit(limit)
      .execute();
  },
  async allCheckpoints(tx: AnyTx): Promise<CheckpointRow[]> {
    return q(tx).selectFrom('ledger_checkpoints').selectAll().orderBy('size').orderBy('created_at').execute();
  },
  /** The newest checkpoint at least `size` leaves large that carries at least `quorum` cosignatures. */
  async cosignedCheckpoint(tx: AnyTx, size: number, quorum: number): Promise<CheckpointRow | undefined> {
    return q(tx)
      .selectFrom('ledger_checkpoints as c')
      .selectAll('c')
      .where('c.size', '>=', size)
      .where((eb) =>
        eb(
          eb
            .selectFrom('ledger_cosignatures as s')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('s.checkpoint_id', '=', 'c.id'),
          '>=',
          quorum,
        ),
      )
      .orderBy('c.size', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  async insertNotarisation(tx: AnyTx, row: NotarisationRow): Promise<void> {
    await q(tx).insertInto('notarisations').values(row).execute();
  },
  async notarisation(tx: AnyTx, id: string): Promise<NotarisationRow | undefined> {
    return q(tx).selectFrom('notarisations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertWitness(tx: AnyTx, row: WitnessRow): Promise<void> {
    await q(tx).insertInto('ledger_witnesses').values(row).execute();
  },
  async updateWitness(tx: AnyTx, id: string, patch: Partial<WitnessRow>): Promise<void> {
    await q(tx).updateTable('ledger_witnesses').set(patch).where('id', '=', id).execute();
  },
  async witnesses(tx: AnyTx): Promise<WitnessRow[]> {
    return q(tx).selectFrom('ledger_witnesses').selectAll().orderBy('name').execute();
  },
  async witnessByName(tx: AnyTx, name: string): Promise<WitnessRow | undefined> {
    return q(tx).selectFrom('ledger_witnesses').selectAll().where('name', '=', name).executeTakeFirst();
  },
  async insertCosignature(tx: AnyTx, row: CosignatureRow): Promise<void> {
    await q(tx)
      .insertInto('ledger_cosignatures')
      .values(row)
      .onConflict((oc) => oc.columns(['checkpoint_id', 'witness_id']).doNothing())
      .execute();
  },
  async cosignatures(tx: AnyTx, checkpointIds: string[]): Promise<CosignatureRow[]> {
    if (checkpointIds.length === 0) return [];
    return q(tx)
      .selectFrom('ledger_cosignatures')
      .selectAll()
      .where('checkpoint_id', 'in', checkpointIds)
      .orderBy('witness_id')
      .execute();
  },
  /** Each witness's newest cosigned checkpoint size. */
  async lastCosigned(tx: AnyTx): Promise<{ witness_id: string; size: number; signed_at: number }[]> {
    const rows = await q(tx)
      .selectFrom('ledger_cosignatures as s')
      .innerJoin('ledger_checkpoints as c', 'c.id', 's.checkpoint_id')
      .select([
        's.witness_id',
        (eb) => eb.fn.max('c.size').as('size'),
        (eb) => eb.fn.max('s.signed_at').as('signed_at'),
      ])
      .groupBy('s.witness_id')
      .execute();
    return rows.map((r) => ({
      witness_id: r.witness_id,
      size: Number(r.size),
      signed_at: Number(r.signed_at),
    }));
  },
};
