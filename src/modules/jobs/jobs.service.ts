import { z } from 'zod';
import {
  AppError,
  authorize,
  isUniqueViolation,
  newId,
  notFound,
  parseInput,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import type { JobsDeps } from './jobs.deps.js';
import { jobsRepo as repo } from './jobs.repository.js';
import { presentJob, type Job } from './presenters.js';
import type { JobStatus } from './tables.js';

// Queueing and operating jobs. Other modules enqueue inside their own transaction, so a job exists exactly
// when the change that needs it committed (the transactional-outbox idea applied to work).

/** Options when enqueuing. */
export interface EnqueueOptions {
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  /** A second enqueue with the same key returns the first job instead of creating another. */
  idempotencyKey?: string;
}

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead', 'cancelled'] as const;

export const jobListQuery = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  type: z.string().max(100).optional(),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Job queueing and operator actions. */
export class JobsService {
  private readonly enqueued = new Set<() => void>();

  constructor(private readonly deps: JobsDeps) {}

  /** Calls `f` after each enqueue in this process (the runner wakes up instead of waiting for its poll). */
  onEnqueued(f: () => void): void {
    this.enqueued.add(f);
  }

  /** Enqueues a job inside the caller's transaction (internal: callers authorize their own action). */
  async enqueue(tx: AnyTx, type: string, payload: unknown, opts: EnqueueOptions = {}): Promise<Job> {
    const now = this.deps.clock.now();
    if (opts.idempotencyKey) {
      const existing = await repo.byKey(tx, opts.idempotencyKey);
      if (existing) return presentJob(existing);
    }
    const row = {
      id: newId(),
      type,
      payload: JSON.stringify(payload ?? null),
      status: 'queued' as const,
      priority: opts.priority ?? 100,
      run_at: (opts.runAt ?? now).toISOString(),
      attempts: 0,
      max_attempts: opts.maxAttempts ?? 8,
      idempotency_key: opts.idempotencyKey ?? null,
      locked_by: null,
      locked_until: null,
      last_error: null,
      result: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      finished_at: null,
    };
    try {
      await repo.insert(tx, row);
    } catch (e) {
      // Another process enqueued the same key between our check and insert.
      if (isUniqueViolation(e) && opts.idempotencyKey) {
        throw new AppError('CONFLICT', 'A job with this idempotency key already exists.');
      }
      throw e;
    }
    for (const f of this.enqueued) f();
    return presentJob(row);
  }

  /** Defines (or redefines) a recurring job: the runner enqueues it every interval. */
  async defineSchedule(
    name: string,
    type: string,
    intervalSeconds: number,
    payload: unknown = null,
    firstRunAt?: Date,
  ): Promise<void> {
    const now = this.deps.clock.now();
    await repo.upsertSchedule(this.deps.db.kysely, {
      name,
      type,
      payload: JSON.stringify(payload),
      interval_seconds: intervalSeconds,
      next_run_at: (firstRunAt ?? now).toISOString(),
      enabled: 1,
      updated_at: now.toISOString(),
    });
  }

  /** Jobs, newest first (operators). */
  async list(ctx: RequestContext, query: unknown = {}): Promise<Job[]> {
    authorize(ctx, 'job.read');
    const q = parseInput(jobListQuery, query);
    return (await repo.list(this.deps.db.kysely, q)).map(presentJob);
  }

  /** One job (operators). */
  async get(ctx: RequestContext, id: string): Promise<Job> {
    authorize(ctx, 'job.read');
    const row = await repo.get(this.deps.db.kysely, id);
    if (!row) throw notFound('Job');
    return presentJob(row);
  }

  /** Counts by status and the schedules (operators). */
  async overview(ctx: RequestContext) {
    authorize(ctx, 'job.read');
    const db = this.deps.db.kysely;
    const [byStatus, schedules] = await Promise.all([repo.countByStatus(db), repo.schedules(db)]);
    return {
      byStatus,
      schedules: schedules.map((s) => ({
        name: s.name,
        type: s.type,
        intervalSeconds: s.interval_seconds,
        nextRunAt: s.next_run_at,
        enabled: s.enabled === 1,
      })),
    };
  }

  /** Puts a dead or cancelled job back in the queue with fresh attempts. */
  async retry(ctx: RequestContext, id: string): Promise<Job> {
    return this.transition(ctx, id, ['dead', 'cancelled'], 'queued', 'jobs.job.retry', {
      attempts: 0,
      last_error: null,
      finished_at: null,
    });
  }

  /** Cancels a queued job. */
  async cancel(ctx: RequestContext, id: string): Promise<Job> {
    return this.transition(ctx, id, ['queued'], 'cancelled', 'jobs.job.cancel', {});
  }

  private async transition(
    ctx: RequestContext,
    id: string,
    from: JobStatus[],
    to: JobStatus,
    action: string,
    extra: Record<string, unknown>,
  ): Promise<Job> {
    authorize(ctx, 'job.manage');
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      const before = await repo.get(tx, id);
      if (!before) throw notFound('Job');
      const ok = await repo.update(tx, id, from, {
        status: to,
        updated_at: now,
        ...(to === 'queued' && { run_at: now }),
        ...(to === 'cancelled' && { finished_at: now }),
        ...extra,
      });
      if (!ok)
        throw new AppError(
          'CONFLICT',
          `The job is ${before.status}; only ${from.join(' or ')} jobs can be ${to === 'queued' ? 'retried' : to}.`,
        );
      await this.deps.audit.record(tx, ctx, {
        action,
        subjectType: 'job',
        subjectId: id,
        details: { type: before.type, from: before.status, to },
      });
      return presentJob((await repo.get(tx, id))!);
    });
  }
}
