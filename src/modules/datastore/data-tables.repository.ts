import { sql, type Kysely } from 'kysely';
import { bytesType, tsType, type AnyTx, type Engine } from '../../kernel/index.js';
import type { ColumnSpec, Layout } from './domain/layout.js';

// SQL of the per-resource data tables. Table and column names come from planLayout and tableNames (generated
// identifiers, never user input) and are always passed as identifiers, never spliced as text; values are
// parameters. Layout of a data table: `_key` (keyed digest of the primary key; the Citus distribution column),
// `_rev`, `_hash`, `_deleted` (soft delete), `_flags` (warning rule ids), `_job`, `_updated_at`, `_disputed`
// (reserved for objections), then one column per item (`__bi` beside encrypted ones). The log table keeps
// every record version with a global `_seq`: it is both the record history and the change feed.

type Dyn = Record<string, Record<string, unknown>>;
function q(tx: AnyTx): Kysely<Dyn> {
  return tx;
}

/** Rows per INSERT statement (well under both engines' parameter limits for 100+ columns). */
const ROWS_PER_INSERT = 250;

function columnType(engine: Engine, c: ColumnSpec) {
  if (c.encrypted || c.storage === 'bytes') return bytesType(engine);
  if (c.storage === 'numeric') return 'numeric' as const;
  if (c.storage === 'bool') return 'integer' as const;
  return 'text' as const;
}

/** Physical columns of a spec (the encrypted ones carry a blind index). */
export function physicalColumns(c: ColumnSpec): string[] {
  return c.encrypted ? [c.column, `${c.column}__bi`] : [c.column];
}

/** Data-table SQL. */
export const dataTablesRepo = {
  async createDataTable(tx: AnyTx, engine: Engine, name: string, layout: Layout): Promise<void> {
    let t = q(tx)
      .schema.createTable(name)
      .addColumn('_key', 'text', (c) => c.primaryKey())
      .addColumn('_rev', 'integer', (c) => c.notNull())
      .addColumn('_hash', 'text', (c) => c.notNull())
      .addColumn('_deleted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('_flags', 'text')
      .addColumn('_job', 'text')
      .addColumn('_updated_at', tsType(engine), (c) => c.notNull())
      .addColumn('_disputed', 'integer', (c) => c.notNull().defaultTo(0));
    for (const c of [...layout.columns, ...layout.retired]) {
      t = t.addColumn(c.column, columnType(engine, c));
      if (c.encrypted) t = t.addColumn(`${c.column}__bi`, 'text');
    }
    await t.execute();
    for (const c of layout.columns.filter((x) => x.encrypted))
      await q(tx).schema.createIndex(`${name}_${c.column}__bi`).on(name).column(`${c.column}__bi`).execute();
  },

  async createLogTable(tx: AnyTx, engine: Engine, name: string, layout: Layout): Promise<void> {
    let t = q(tx).schema.createTable(name);
    t =
      engine === 'postgres'
        ? t.addColumn('_seq', 'bigserial', (c) => c.primaryKey())
        : t.addColumn('_seq', 'integer', (c) => c.primaryKey().autoIncrement());
    t = t
      .addColumn('_key', 'text', (c) => c.notNull())
      .addColumn('_rev', 'integer', (c) => c.notNull())
      .addColumn('_op', 'text', (c) => c.notNull())
      .addColumn('_at', tsType(engine), (c) => c.notNull())
      .addColumn('_job', 'text');
    for (const c of [...layout.columns, ...layout.retired]) t = t.addColumn(c.column, columnType(engine, c));
    await t.execute();
    // The change feed looks up a record's previous version by key (docs/subscriptions.md).
    await q(tx).schema.createIndex(`${name}_key_seq`).on(name).columns(['_key', '_seq']).execute();
  },

  async addColumns(tx: AnyTx, engine: Engine, data: string, log: string, specs: ColumnSpec[]): Promise<void> {
    for (const c of specs) {
      await q(tx).schema.alterTable(data).addColumn(c.column, columnType(engine, c)).execute();
      if (c.encrypted) {
        await q(tx).schema.alterTable(data).addColumn(`${c.column}__bi`, 'text').execute();
        await q(tx)
          .schema.createIndex(`${data}_${c.column}__bi`)
          .on(data)
          .column(`${c.column}__bi`)
          .execute();
      }
      await q(tx).schema.alterTable(log).addColumn(c.column, columnType(engine, c)).execute();
    }
  },

  async dropTable(tx: AnyTx, name: string): Promise<void> {
    await q(tx).schema.dropTable(name).ifExists().execute();
  },

  /** Current key, revision, hash and deletion flag of the given keys. */
  async existing(
    tx: AnyTx,
    table: string,
    keys: string[],
  ): Promise<Map<string, { rev: number; hash: string; deleted: boolean }>> {
    const out = new Map<string, { rev: number; hash: string; deleted: boolean }>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await q(tx)
        .selectFrom(table)
        .select(['_key', '_rev', '_hash', '_deleted'])
        .where('_key', 'in', keys.slice(i, i + 500))
        .execute();
      for (const r of rows)
        out.set(String(r._key), {
          rev: Number(r._rev),
          hash: String(r._hash),
          deleted: Number(r._deleted) === 1,
        });
    }
    return out;
  },

  async insertRows(tx: AnyTx, table: string, rows: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await q(tx)
        .insertInto(table)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
  },

  async updateRow(tx: AnyTx, table: string, key: string, patch: Record<string, unknown>): Promise<void> {
    await q(tx).updateTable(table).set(patch).where('_key', '=', key).execute();
  },

  /** Live rows with the given keys. */
  async byKeys(tx: AnyTx, table: string, keys: readonly string[]): Promise<Record<string, unknown>[]> {
    if (keys.length === 0) return [];
    return q(tx).selectFrom(table).selectAll().where('_key', 'in', keys).where('_deleted', '=', 0).execute();
  },

  /** Sets or clears the objection flag of one row and moves it to a new revision. */
  async setDisputedRev(tx: AnyTx, table: string, key: string, disputed: boolean, rev: number, at: string) {
    await q(tx)
      .updateTable(table)
      .set({ _disputed: disputed ? 1 : 0, _rev: rev, _updated_at: at })
      .where('_key', '=', key)
      .execute();
  },

  /** Which of the given keys are live rows under an accepted objection. */
  async disputedKeys(tx: AnyTx, table: string, keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await q(tx)
        .selectFrom(table)
        .select('_key')
        .where('_key', 'in', keys.slice(i, i + 500))
        .where('_disputed', '=', 1)
        .execute();
      for (const r of rows) out.add(String(r._key));
    }
    return out;
  },

  /** A page of rows in key order (keyset pagination). */
  async page(
    tx: AnyTx,
    table: string,
    opts: {
      after?: string;
      limit: number;
      includeDeleted?: boolean;
      where?: { column: string; value: unknown };
    },
  ): Promise<Record<string, unknown>[]> {
    let query = q(tx).selectFrom(table).selectAll();
    if (!opts.includeDeleted) query = query.where('_deleted', '=', 0);
    if (opts.after) query = query.where('_key', '>', opts.after);
    if (opts.where) query = query.where(opts.where.column, '=', opts.where.value);
    return query.orderBy('_key').limit(opts.limit).execute();
  },

  async count(tx: AnyTx, table: string): Promise<number> {
    const r = await q(tx)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('_deleted', '=', 0)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  /** Refreshes the planner's statistics of tables (PostgreSQL; SQLite plans well without them). */
  async analyze(tx: AnyTx, engine: Engine, tables: readonly string[]): Promise<void> {
    if (engine !== 'postgres') return;
    for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(tx);
  },

  /** Live rows and the non-null count of each column (nullness is visible without decrypting). */
  async nonNullCounts(
    tx: AnyTx,
    table: string,
    columns: string[],
  ): Promise<{ rows: number; nonNull: Record<string, number> }> {
    const r = await q(tx)
      .selectFrom(table)
      .select((eb) => [eb.fn.countAll().as('_rows'), ...columns.map((c) => eb.fn.count(c).as(c))])
      .where('_deleted', '=', 0)
      .executeTakeFirst();
    const nonNull = Object.fromEntries(columns.map((c) => [c, Number(r?.[c] ?? 0)]));
    return { rows: Number(r?._rows ?? 0), nonNull };
  },

  /** The warning flags of live rows, streamed in pages (only flagged rows are read). */
  async flags(
    tx: AnyTx,
    table: string,
    after: string | null,
    limit: number,
  ): Promise<{ key: string; flags: string }[]> {
    let query = q(tx)
      .selectFrom(table)
      .select(['_key', '_flags'])
      .where('_deleted', '=', 0)
      .where('_flags', 'is not', null);
    if (after) query = query.where('_key', '>', after);
    const rows = await query.orderBy('_key').limit(limit).execute();
    return rows.map((r) => ({ key: String(r._key), flags: String(r._flags) }));
  },

  /** Log entries after a sequence number. */
  async changes(tx: AnyTx, log: string, after: number, limit: number): Promise<Record<string, unknown>[]> {
    return q(tx).selectFrom(log).selectAll().where('_seq', '>', after).orderBy('_seq').limit(limit).execute();
  },

  /** The latest log entry of each key with `_seq` ≤ atOrBefore (one query; keys are parameters). */
  async versionsAsOf(
    tx: AnyTx,
    log: string,
    keys: readonly string[],
    atOrBefore: number,
  ): Promise<Record<string, unknown>[]> {
    if (keys.length === 0) return [];
    const t = sql.table(log);
    const list = sql.join(keys.map((k) => sql`${k}`));
    const r = await sql<Record<string, unknown>>`SELECT l.* FROM ${t} l WHERE l._key IN (${list})
      AND l._seq = (SELECT MAX(m._seq) FROM ${t} m WHERE m._key = l._key AND m._seq <= ${atOrBefore})`.execute(
      tx,
    );
    return r.rows;
  },

  /** The greatest `_seq` written before `at` (every entry when null), 0 for none. */
  async lastSeqBefore(tx: AnyTx, log: string, at: string | null): Promise<number> {
    let s = q(tx)
      .selectFrom(log)
      .select((eb) => eb.fn.max('_seq').as('seq'));
    if (at !== null) s = s.where('_at', '<', at);
    const r = await s.executeTakeFirst();
    return Number(r?.seq ?? 0);
  },

  /**
   * Completes a full replace inside the caller's transaction: the new generation takes the revisions of rows
   * it shares with the old one (+1 where the content changed or the row comes back), rows missing from the
   * new load are carried over soft-deleted, and every difference is written to the log. Set-based SQL that
   * both engines run the same way.
   */
  async finishReplace(
    tx: AnyTx,
    o: {
      oldTable: string;
      newTable: string;
      log: string;
      columns: string[];
      logColumns: string[];
      job: string;
      at: string;
    },
  ): Promise<{ inserted: number; updated: number; deleted: number }> {
    const t = (name: string) => sql.table(name);
    const oldT = t(o.oldTable);
    const newT = t(o.newTable);
    const same = sql`o._key = n._key`;
    await sql`UPDATE ${newT} SET _rev = COALESCE((SELECT o._rev + CASE WHEN o._hash = ${newT}._hash AND o._deleted = 0 THEN 0 ELSE 1 END FROM ${oldT} o WHERE o._key = ${newT}._key), 1)`.execute(
      tx,
    );
    // A record under an accepted objection stays flagged through a full reload (docs/objections.md).
    await sql`UPDATE ${newT} SET _disputed = COALESCE((SELECT o._disputed FROM ${oldT} o WHERE o._key = ${newT}._key), 0)`.execute(
      tx,
    );
    const cols = sql.join(o.columns.map((c) => sql.ref(c)));
    const logCols = sql.join(o.logColumns.map((c) => sql.ref(c)));
    const nLogCols = sql.join(o.logColumns.map((c) => sql.ref(`n.${c}`)));
    const oCols = sql.join(o.columns.map((c) => sql.ref(`o.${c}`)));
    const inserted = await sql`INSERT INTO ${t(o.log)} (_key, _rev, _op, _at, _job, ${logCols})
      SELECT n._key, n._rev, 'insert', ${o.at}, ${o.job}, ${nLogCols} FROM ${newT} n
      WHERE NOT EXISTS (SELECT 1 FROM ${oldT} o WHERE ${same} AND o._deleted = 0)`.execute(tx);
    const updated = await sql`INSERT INTO ${t(o.log)} (_key, _rev, _op, _at, _job, ${logCols})
      SELECT n._key, n._rev, 'update', ${o.at}, ${o.job}, ${nLogCols} FROM ${newT} n
      WHERE EXISTS (SELECT 1 FROM ${oldT} o WHERE ${same} AND o._deleted = 0 AND o._hash <> n._hash)`.execute(
      tx,
    );
    // Rows the new load lacks: carried over soft-deleted (their history stays), logged once as deletes.
    const deleted = await sql`INSERT INTO ${t(o.log)} (_key, _rev, _op, _at, _job)
      SELECT o._key, o._rev + 1, 'delete', ${o.at}, ${o.job} FROM ${oldT} o
      WHERE o._deleted = 0 AND NOT EXISTS (SELECT 1 FROM ${newT} n WHERE ${same})`.execute(tx);
    await sql`INSERT INTO ${newT} (_key, _rev, _hash, _deleted, _flags, _job, _updated_at, _disputed, ${cols})
      SELECT o._key, o._rev + CASE WHEN o._deleted = 0 THEN 1 ELSE 0 END, o._hash, 1, NULL, ${o.job}, ${o.at}, 0, ${oCols}
      FROM ${oldT} o WHERE NOT EXISTS (SELECT 1 FROM ${newT} n WHERE ${same})`.execute(tx);
    const n = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);
    return { inserted: n(inserted), updated: n(updated), deleted: n(deleted) };
  },
};
