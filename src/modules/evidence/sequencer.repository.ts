import { CompiledQuery, sql } from 'kysely';
import { answerLaterOnPostgres, preparedOnPostgres, type AnyTx, type Engine } from '../../kernel/index.js';
import { EVENT_COLUMNS } from './audit-event-row.js';
import { bulkInsert, type BulkColumn } from './bulk-insert.repository.js';
import { first, q } from './ledger-sql.repository.js';
import type { EventRow, StateRow } from './tables.js';

// The sequencer's side of the ledger: the queue of events waiting for the log (PostgreSQL), the lock that makes
// one sequencer at a time, and the log's state row (size, quorum).

const PENDING_COLUMNS: readonly BulkColumn[] = [{ name: 'event_id', pg: 'text' }];

// insertAndEnqueue's statement texts by the shape of the inserts (tables and columns).
const enqueueTexts = new Map<string, string>();

/** `with c0 as (insert …), c1 as (insert …) insert into ledger_pending …` for the inserts' shapes, $n in order. */
function enqueueText(inserts: readonly { table: string; columns: readonly string[] }[]): string {
  let n = 0;
  const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const ctes = inserts.map(
    (ins, i) =>
      `c${i} as (insert into ${id(ins.table)} (${ins.columns.map(id).join(', ')}) values (${ins.columns.map(() => `$${++n}`).join(', ')}))`,
  );
  return `${ctes.length ? `with ${ctes.join(', ')} ` : ''}insert into ledger_pending (event_id) values ($${++n})`;
}

/** The sequencer's queue, lock and state (part of ledgerRepo). */
export const sequencerRepo = {
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
    for (const ins of inserts) for (const v of ins.values) params.push(v);
    params.push(eventId);
    // The text depends only on the kernel port's row shapes (an event with or without a change: two texts), so it
    // runs as a named prepared statement (the kernel's preparedOnPostgres): parsing and planning three inserts
    // were about a third of a single-event append (1,244–1,300 → 845–899 µs, a transaction with one event). It is
    // made once per shape (building it was about 13 µs of a single-event append's processing).
    // Nothing comes back that the caller needs (the ids are made in the process), so inside the change's
    // transaction the pool's client sends it with whatever the transaction sends next, often its COMMIT, instead of
    // waiting for it (the kernel's answerLaterOnPostgres): the evidence costs the change no round trip of its own. A
    // failure still fails the transaction, reported to the caller of that next statement.
    const key = inserts.map((ins) => `${ins.table}(${ins.columns.join(',')})`).join(';');
    let text = enqueueTexts.get(key);
    if (text === undefined) {
      text = answerLaterOnPostgres(preparedOnPostgres(enqueueText(inserts)));
      // Bounded (the port has two shapes; beyond the bound a text is built per call).
      if (enqueueTexts.size < 16) enqueueTexts.set(key, text);
    }
    await tx.executeQuery(CompiledQuery.raw(text, params));
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
    const cols = EVENT_COLUMNS.map((c) => `e.${c.name}`).join(', ');
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
};
