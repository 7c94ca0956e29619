import { randomBytes } from 'node:crypto';
import {
  InsertQueryNode,
  Kysely,
  PrimitiveValueListNode,
  RawNode,
  SqliteAdapter,
  SqliteIntrospector,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type RootOperationNode,
} from 'kysely';
import {
  AUDIT_SALT_COLUMNS,
  auditEventRow,
  newId,
  saltedDigest,
  type AnyTx,
  type AuditEventInput,
  type AuditPort,
  type RequestContext,
} from '../../kernel/index.js';
import { EVENT_COLUMNS, eventRowOf } from './audit-event-row.js';
import { bulkInsert, type BulkColumn } from './bulk-insert.repository.js';
import { engineOf } from './ledger-sql.repository.js';
import { ledgerRepo } from './ledger.repository.js';
import { sequenceBatch } from './sequencer.js';

// The evidence module's audit port: the kernel's table port writes the event (and its salt) and, on PostgreSQL,
// this adds the event to the sequencer's queue — all in the transaction of the change, so an event exists in the
// ledger's future exactly when the change committed. SQLite needs no queue: its single writer hands out the
// audit events' rowids in commit order, and the sequencer reads the events after the last sequenced one
// (ledgerRepo.takePending).
//
// On PostgreSQL, record() sends the kernel port's inserts and the queue entry as one statement: the kernel port
// records the event against a capturing handle that executes nothing (its rows, ids and salts are exactly what
// it would have written), and those single-row inserts go to the database together with the queue entry. Each
// audited change then costs one round trip instead of three. SQLite, in-process, gains nothing from it.
//
// recordMany writes a batch of events with multi-row inserts (salts, events, and the queue on PostgreSQL) instead
// of statements per event. The rows are the kernel port's own: the first event (and the first with a change, if
// that is another) is recorded by the kernel port against a capturing handle that executes nothing, its rows are
// compared with the rows this port builds for it — same columns, same values, and the change digest recomputed
// from the captured salt — and only when they agree are the other events' rows built here (ids from the kernel's
// newId, salts of 16 random bytes, digests by the kernel's saltedDigest, rows by the kernel's auditEventRow, one
// timestamp for the batch). Should the inner port ever write anything else, the batch falls back to recording
// each event through it.

/** The ledger's audit port: the kernel port plus queueing, and a batch API. */
export interface LedgerAuditPort extends AuditPort {
  /**
   * Records events in the caller's transaction, in order, all stamped with one time (`at`, default the
   * platform clock's now); returns their ids. Each event's rows are those `record` would write.
   */
  recordMany(
    tx: AnyTx,
    ctx: RequestContext,
    events: readonly AuditEventInput[],
    at?: Date,
  ): Promise<string[]>;
  /** recordMany with a context per event: the group commit of many requests' events (group-commit.ts). */
  recordBatch(tx: AnyTx, entries: readonly BatchEntry[], at?: Date): Promise<string[]>;
}

/** One event of a batch and the context of the request that caused it. */
export interface BatchEntry {
  ctx: RequestContext;
  event: AuditEventInput;
}

/** Wraps the kernel's audit port so every event is queued for the Merkle log. */
export function ledgerAuditPort(inner: AuditPort): LedgerAuditPort {
  return {
    async record(tx, ctx, event, at) {
      if (engineOf(tx) === 'postgres') {
        // The kernel port's rows and the queue entry in one round trip (see the header); anything but plain
        // inserts from the kernel port takes the ordinary path below.
        const captured = await captureInserts((db) => inner.record(db, ctx, event, at));
        if (captured) {
          await ledgerRepo.insertAndEnqueue(tx, captured.inserts, captured.result);
          return captured.result;
        }
      }
      const id = await inner.record(tx, ctx, event, at);
      if (engineOf(tx) === 'postgres') await ledgerRepo.enqueue(tx, id);
      return id;
    },
    async recordMany(tx, ctx, events, at) {
      return this.recordBatch(
        tx,
        events.map((event) => ({ ctx, event })),
        at,
      );
    },
    async recordBatch(tx, entries, at) {
      if (entries.length === 0) return [];
      if (entries.length === 1) return [await this.record(tx, entries[0]!.ctx, entries[0]!.event, at)];
      const engine = engineOf(tx);
      const batch = await buildBatch(inner, entries, at);
      if (!batch) {
        const ids: string[] = [];
        for (const { ctx, event } of entries) ids.push(await inner.record(tx, ctx, event, at));
        if (engine === 'postgres') await ledgerRepo.enqueueMany(tx, engine, ids);
        return ids;
      }
      const write = async () => {
        await bulkInsert(tx, engine, 'audit_salts', SALT_COLUMNS, batch.salts);
        await bulkInsert(tx, engine, 'audit_events', EVENT_COLUMNS, batch.events);
      };
      // A large batch goes into the log in its own transaction (sequencer.ts: sequenceBatch); a small one, or
      // one that finds the sequencer busy, is queued for the background sequencer.
      if (
        entries.length >= INLINE_MIN &&
        (await sequenceBatch(
          tx,
          engine,
          batch.stamp,
          batch.events.map((r) => eventRowOf(r, 0)),
          write,
        ))
      )
        return batch.ids;
      await write();
      if (engine === 'postgres') await ledgerRepo.enqueueMany(tx, engine, batch.ids);
      return batch.ids;
    },
  };
}

/**
 * Batches from this many events on are appended to the log in their own transaction. Below it the queue is
 * cheaper for the writer: sequencing costs a lock, a read of the tree's right edge and a state update however
 * few the events, and the group commit's batches of a few requests' events stay short transactions.
 */
const INLINE_MIN = 64;

// Both salt columns are text on PostgreSQL (the event's id, the salt's hex).
const SALT_COLUMNS: readonly BulkColumn[] = AUDIT_SALT_COLUMNS.map((name) => ({ name, pg: 'text' }));

interface Batch {
  /** The batch's time (ISO), as its events carry it. */
  stamp: string;
  ids: string[];
  salts: unknown[][];
  events: unknown[][];
}

/** The rows of a batch, or null when the kernel port's rows for the probed events are not the expected ones. */
async function buildBatch(
  inner: AuditPort,
  entries: readonly BatchEntry[],
  at: Date | undefined,
): Promise<Batch | null> {
  const events = entries.map((x) => x.event);
  // Probe: the first event, and the first with a change when the first has none (both row shapes checked).
  const probes = [0];
  const firstChange = events.findIndex((e) => e.change !== undefined);
  if (firstChange > 0) probes.push(firstChange);
  const probed = new Map<number, { id: string; salt: unknown[] | null; event: unknown[] }>();
  let time = at;
  let hashName: 'sha256' | 'sm3' | undefined;
  for (const i of probes) {
    const e = events[i]!;
    const ctx = entries[i]!.ctx;
    const captured = await captureInserts((db) => inner.record(db, ctx, e, time));
    if (!captured) return null;
    const ev = captured.inserts.find((x) => x.table === 'audit_events');
    const salt = captured.inserts.find((x) => x.table === 'audit_salts');
    if (!ev || captured.inserts.length !== (e.change === undefined ? 1 : 2)) return null;
    if (e.change !== undefined && !salt) return null;
    const row = byColumns(ev, EVENT_COLUMNS);
    if (!row || row[0] !== captured.result) return null;
    const alg = row[11];
    if (alg !== 'sha256' && alg !== 'sm3') return null;
    if (hashName && alg !== hashName) return null;
    hashName = alg;
    time ??= new Date(String(row[1]));
    let saltRow: unknown[] | null = null;
    if (salt) {
      saltRow = byColumns(salt, SALT_COLUMNS);
      if (!saltRow || saltRow[0] !== captured.result || typeof saltRow[1] !== 'string') return null;
      if (saltedDigest(alg, Buffer.from(saltRow[1], 'hex'), e.change) !== row[10]) return null;
    }
    const mine = auditEventRow(ctx, e, time, captured.result, (row[10] as string | null) ?? null, alg);
    if (!mine.every((v, k) => v === row[k])) return null;
    probed.set(i, { id: captured.result, salt: saltRow, event: row });
  }
  const stamp = time!;
  const alg = hashName!;
  const ids = new Array<string>(events.length);
  const eventRows = new Array<unknown[]>(events.length);
  const saltRows: unknown[][] = [];
  const salts = randomBytes(16 * events.length);
  for (let i = 0; i < events.length; i++) {
    const p = probed.get(i);
    if (p) {
      ids[i] = p.id;
      eventRows[i] = p.event;
      if (p.salt) saltRows.push(p.salt);
      continue;
    }
    const e = events[i]!;
    const id = newId(stamp.getTime());
    let digest: string | null = null;
    if (e.change !== undefined) {
      const salt = salts.subarray(16 * i, 16 * i + 16);
      digest = saltedDigest(alg, salt, e.change);
      saltRows.push([id, salt.toString('hex')]);
    }
    ids[i] = id;
    eventRows[i] = auditEventRow(entries[i]!.ctx, e, stamp, id, digest, alg);
  }
  return { stamp: stamp.toISOString(), ids, salts: saltRows, events: eventRows };
}

/** An insert the kernel port asked for: one row. */
interface CapturedInsert {
  table: string;
  columns: string[];
  values: unknown[];
}

/** A captured row's values in the given column order, or null unless it has exactly those columns. */
function byColumns(ins: CapturedInsert, cols: readonly BulkColumn[]): unknown[] | null {
  if (ins.columns.length !== cols.length) return null;
  const at = new Map(ins.columns.map((c, i) => [c, i]));
  const out: unknown[] = [];
  for (const c of cols) {
    const i = at.get(c.name);
    if (i === undefined) return null;
    out.push(ins.values[i]);
  }
  return out;
}

// A fixed-text single-row insert with `?` placeholders, as the kernel port runs it (kernel/audit.ts): table,
// columns, and one placeholder per column. Nothing else in the text (no RETURNING, ON CONFLICT, expressions).
const FIXED_INSERT =
  /^insert into ([a-z_][a-z0-9_]*) \(([a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*)\) values \((\?(?:, \?)*)\)$/;

// The shapes of fixed texts already parsed: the kernel port's texts are a handful, parsed once each instead of once
// per audited change (the pattern and the splits were about 9 µs of a single-event append on PostgreSQL).
const shapes = new Map<string, { table: string; columns: string[] } | null>();

function fixedInsertShape(text: string): { table: string; columns: string[] } | null {
  let shape = shapes.get(text);
  if (shape === undefined) {
    const m = FIXED_INSERT.exec(text);
    const columns = m ? m[2]!.split(', ') : [];
    shape = m && m[3]!.split(', ').length === columns.length ? { table: m[1]!, columns } : null;
    // Bounded: a text that is not one of the port's (built per call) must not grow the map.
    if (shapes.size < 64) shapes.set(text, shape);
  }
  return shape;
}

/** A plain single-row insert — a fixed text or an operation node of the query builder — or null for anything else. */
function plainInsert(q: CompiledQuery): CapturedInsert | null {
  if (RawNode.is(q.query)) {
    const shape = fixedInsertShape(q.sql);
    if (!shape) return null;
    const values = [...q.parameters];
    if (shape.columns.length !== values.length) return null;
    return { table: shape.table, columns: shape.columns, values };
  }
  if (!InsertQueryNode.is(q.query)) return null;
  const n = q.query;
  if (
    !n.into ||
    n.into.table.schema ||
    !n.columns ||
    !n.values ||
    n.returning ||
    n.onConflict ||
    n.onDuplicateKey ||
    n.with ||
    n.ignore ||
    n.orAction ||
    n.replace ||
    n.explain ||
    n.defaultValues ||
    n.endModifiers?.length ||
    n.top ||
    n.output
  )
    return null;
  if (!ValuesNode.is(n.values) || n.values.values.length !== 1) return null;
  const item = n.values.values[0]!;
  let values: unknown[];
  if (PrimitiveValueListNode.is(item)) values = [...item.values];
  else if (ValueListNode.is(item)) {
    values = [];
    for (const v of item.values) {
      if (!ValueNode.is(v)) return null;
      values.push(v.value);
    }
  } else return null;
  const columns = n.columns.map((c) => c.column.name);
  if (columns.length !== values.length) return null;
  return { table: n.into.table.identifier.name, columns, values };
}

/** A Kysely handle that executes nothing and records the queries sent to it. */
interface Capture {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  db: Kysely<{}>;
  queries: CompiledQuery[];
}

function newCapture(): Capture {
  const queries: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async (q: CompiledQuery) => {
      queries.push(q);
      return { rows: [] };
    },
    // eslint-disable-next-line require-yield
    streamQuery: async function* () {
      throw new Error('not supported while capturing');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const compiler: QueryCompiler = {
    compileQuery: (node: RootOperationNode, queryId) => ({ query: node, queryId, sql: '', parameters: [] }),
  };
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const db = new Kysely<{}>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createQueryCompiler: () => compiler,
      createIntrospector: (k) => new SqliteIntrospector(k),
    },
  });
  return { db, queries };
}

// Capturing handles are reused: making a Kysely instance (its driver, executor and connection provider) for every
// audited change was about a tenth of a single-event append's processing on PostgreSQL. One handle serves one
// capture at a time, so concurrent captures each take their own.
const idleCaptures: Capture[] = [];

/**
 * Runs `fn` against a Kysely handle that executes nothing and records each query; returns
 * fn's result and the inserts, or null if fn issued anything but plain single-row inserts.
 */
async function captureInserts(
  fn: (db: AnyTx) => Promise<string>,
): Promise<{ result: string; inserts: CapturedInsert[] } | null> {
  const capture = idleCaptures.pop() ?? newCapture();
  try {
    const result = await fn(capture.db);
    const inserts: CapturedInsert[] = [];
    for (const query of capture.queries) {
      const ins = plainInsert(query);
      if (!ins) return null;
      inserts.push(ins);
    }
    return { result, inserts };
  } finally {
    capture.queries.length = 0;
    if (idleCaptures.length < 16) idleCaptures.push(capture);
  }
}
