import type { Kysely } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import type { JobRow, JobStatus, JobTables, ScheduleRow } from './tables.js';

// All SQL of the job runner. Claiming is one UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING: on PostgreSQL
// the subquery takes FOR UPDATE SKIP LOCKED so concurrent runners pick different jobs without waiting; on
// SQLite the statement runs under the single writer lock, which gives the same exclusivity across processes.

function q(tx: AnyTx): Kysely<JobTables> {
  return tx as unknown as Kysely<JobTables>;
}

/** Job SQL. */
export const jobsRepo = {
  async insert(tx: AnyTx, row: JobRow): Promise<void> {
    await q(tx).insertInto('jobs').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<JobRow | undefined> {
    return q(tx).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byKey(tx: AnyTx, key: string): Promise<JobRow | undefined> {
    return q(tx).selectFrom('jobs').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  },
  async list(
    tx: AnyTx,
    f: { status?: JobStatus; type?: string; limit: number; before?: string },
  ): Promise<JobRow[]> {
    let query = q(tx).selectFrom('jobs').selectAll();
    if (f.status) query = query.where('status', '=', f.status);
    if (f.type) query = query.where('type', '=', f.type);
    if (f.before) query = query.where('id', '<', f.before);
    return query.orderBy('id', 'desc').limit(f.limit).execute();
  },
  async countByStatus(tx: AnyTx): Promise<{ status: string; n: number }[]> {
    const rows = await q(tx)
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
  },
  /** Atomically claims the next due job (or a running one whose lease expired) for a worker. */
  async claim(
    db: AnyTx,
    engine: Engine,
    worker: string,
    now: string,
    leaseUntil: string,
    types: string[],
  ): Promise<JobRow | undefined> {
    if (types.length === 0) return undefined;
    let next = q(db)
      .selectFrom('jobs')
      .select('id')
      .where('type', 'in', types)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([
            eb('status', '=', 'running'),
            eb('locked_until', '<', now),
            eb('attempts', '<', eb.ref('max_attempts')),
          ]),
        ]),
      )
      .orderBy('priority')
      .orderBy('run_at')
      .orderBy('id')
      .limit(1);
    if (engine === 'postgres') next = next.forUpdate().skipLocked();
    return q(db)
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: worker,
        locked_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', next)
      .returningAll()
      .executeTakeFirst();
  },
  /** Marks as dead the running jobs whose lease expired after their last attempt (their worker died). */
  async reapExpired(tx: AnyTx, now: string): Promise<number> {
    const r = await q(tx)
      .updateTable('jobs')
      .set({
        status: 'dead',
        last_error: 'lease expired on the final attempt (worker stopped?)',
        finished_at: now,
        updated_at: now,
        locked_by: null,
        locked_until: null,
      })
      .where('status', '=', 'running')
      .where('locked_until', '<', now)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
  /** Extends a lease; false when the worker no longer holds the job. */
  async heartbeat(tx: AnyTx, id: string, worker: string, leaseUntil: string): Promise<boolean> {
    const r = await q(tx)
      .updateTable('jobs')
      .set({ locked_until: leaseUntil })
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Finishes a job held by the worker (fenced by locked_by); false when the lease was lost. */
  async finish(tx: AnyTx, id: string, worker: string, patch: Partial<JobRow>): Promise<boolean> {
    const r = await q(tx)
      .updateTable('jobs')
      .set({ ...patch, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async update(tx: AnyTx, id: string, from: JobStatus[], patch: Partial<JobRow>): Promise<boolean> {
    const r = await q(tx)
      .updateTable('jobs')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async upsertSchedule(tx: AnyTx, row: ScheduleRow): Promise<void> {
    await q(tx)
      .insertInto('job_schedules')
      .values(row)
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          type: row.type,
          payload: row.payload,
          interval_seconds: row.interval_seconds,
          enabled: row.enabled,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },
  async dueSchedules(tx: AnyTx, now: string): Promise<ScheduleRow[]> {
    return q(tx)
      .selectFrom('job_schedules')
      .selectAll()
      .where('enabled', '=', 1)
      .where('next_run_at', '<=', now)
      .execute();
  },
  async schedules(tx: AnyTx): Promise<ScheduleRow[]> {
    return q(tx).selectFrom('job_schedules').selectAll().orderBy('name').execute();
  },
  /** Moves a schedule on, only if nobody else did (compare-and-set on next_run_at). */
  async advanceSchedule(
    tx: AnyTx,
    name: string,
    expected: string,
    next: string,
    now: string,
  ): Promise<boolean> {
    const r = await q(tx)
      .updateTable('job_schedules')
      .set({ next_run_at: next, updated_at: now })
      .where('name', '=', name)
      .where('next_run_at', '=', expected)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
