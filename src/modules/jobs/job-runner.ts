import { hostname } from 'node:os';
import { newId, type Clock, type Logger } from '../../kernel/index.js';
import type { JobsDeps } from './jobs.deps.js';
import { jobsRepo as repo } from './jobs.repository.js';
import type { JobsService } from './jobs.service.js';
import { presentJob, type Job } from './presenters.js';

// After a job is enqueued in this process, the loop polls every EAGER_POLL_MS for EAGER_MS (a request's
// transaction commits within milliseconds; a build then starts at once instead of up to `pollMs` later).
const EAGER_MS = 1_000;
const EAGER_POLL_MS = 10;

// At-least-once execution: a worker claims a job under a lease, renews the lease while the handler runs, and
// finishes it only while it still holds it (fenced by locked_by). A worker that dies loses the lease and the job
// is claimed again; failures retry with exponential backoff until max_attempts, then the job is dead. Handlers
// must therefore be idempotent — most use the job id or their own idempotency key.

/** What a handler gets besides its payload. */
export interface JobContext {
  job: Job;
  clock: Clock;
  /** Aborted when the lease is lost or the runner stops. */
  signal: AbortSignal;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<unknown>;

export interface RunnerOptions {
  workerId?: string;
  leaseMs?: number;
  pollMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  logger?: Logger;
  /** Randomness for backoff jitter (tests pass a fixed one). */
  random?: () => number;
}

/** Backoff before attempt n+1 after n failures: base·2^(n−1), capped, with half of it jittered. */
export function backoffMs(failures: number, base: number, max: number, random: () => number): number {
  const full = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** Runs registered job types from the shared queue. */
export class JobRunner {
  readonly workerId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly base: number;
  private readonly max: number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  /** The loop is claiming or running jobs (a wake-up then has nothing to do: the loop polls again at once). */
  private busy = false;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Until when the loop polls quickly: a job was enqueued here and its transaction may commit any moment. */
  private eagerUntil = 0;
  private readonly abort = new AbortController();

  constructor(
    private readonly deps: JobsDeps,
    private readonly jobs: JobsService,
    private readonly opts: RunnerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${newId().slice(-8)}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.pollMs = opts.pollMs ?? 500;
    this.base = opts.backoffBaseMs ?? 5_000;
    this.max = opts.backoffMaxMs ?? 3_600_000;
    this.random = opts.random ?? Math.random;
    jobs.onEnqueued(() => this.wake());
  }

  /**
   * A job was enqueued in this process: poll every few milliseconds for a while instead of after `pollMs`.
   * The enqueue happens inside its caller's transaction, so the job is visible only once that commits.
   */
  private wake(): void {
    if (this.stopped) return;
    this.eagerUntil = Date.now() + EAGER_MS;
    if (this.timer && !this.busy) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.running = this.loop();
      }, EAGER_POLL_MS);
    }
  }

  /** Registers the handler of a job type (one per type). */
  register(type: string, handler: JobHandler): void {
    if (this.handlers.has(type)) throw new Error(`job type ${type} already has a handler`);
    this.handlers.set(type, handler);
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const now = this.deps.clock.now();
    await repo.reapExpired(this.deps.db.kysely, now.toISOString());
    const row = await repo.claim(
      this.deps.db.kysely,
      this.deps.db.engine,
      this.workerId,
      now.toISOString(),
      new Date(now.getTime() + this.leaseMs).toISOString(),
      [...this.handlers.keys()],
    );
    if (!row) return false;
    const handler = this.handlers.get(row.type)!;
    const lease = new AbortController();
    const onStop = () => lease.abort();
    this.abort.signal.addEventListener('abort', onStop);
    // Renew the lease while the handler runs; losing it aborts the handler's signal.
    const beat = setInterval(
      () => {
        const until = new Date(this.deps.clock.now().getTime() + this.leaseMs).toISOString();
        repo.heartbeat(this.deps.db.kysely, row.id, this.workerId, until).then(
          (held) => {
            if (!held) lease.abort();
          },
          () => undefined,
        );
      },
      Math.max(50, Math.floor(this.leaseMs / 3)),
    );
    try {
      const result = await handler(JSON.parse(row.payload) as unknown, {
        job: presentJob(row),
        clock: this.deps.clock,
        signal: lease.signal,
      });
      const at = this.deps.clock.now().toISOString();
      await repo.finish(this.deps.db.kysely, row.id, this.workerId, {
        status: 'succeeded',
        result: JSON.stringify(result ?? null),
        last_error: null,
        finished_at: at,
        updated_at: at,
      });
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const at = this.deps.clock.now();
      const dead = row.attempts >= row.max_attempts;
      const retryAt = new Date(at.getTime() + backoffMs(row.attempts, this.base, this.max, this.random));
      await repo.finish(this.deps.db.kysely, row.id, this.workerId, {
        status: dead ? 'dead' : 'queued',
        last_error: message,
        run_at: dead ? row.run_at : retryAt.toISOString(),
        finished_at: dead ? at.toISOString() : null,
        updated_at: at.toISOString(),
      });
      this.opts.logger?.warn({ jobId: row.id, type: row.type, attempt: row.attempts, dead }, 'job failed');
    } finally {
      clearInterval(beat);
      this.abort.signal.removeEventListener('abort', onStop);
    }
    return true;
  }

  /** Runs due jobs until none is left (tests and the CLI use it). */
  async drain(limit = 10_000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOnce())) n++;
    return n;
  }

  /** Enqueues the occurrences of recurring schedules that are due; safe with several runners. */
  async tickSchedules(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await repo.dueSchedules(this.deps.db.kysely, now.toISOString());
    let n = 0;
    for (const s of due) {
      const next = new Date(
        Math.max(now.getTime(), new Date(s.next_run_at).getTime()) + s.interval_seconds * 1000,
      );
      const enqueued = await this.deps.db.kysely.transaction().execute(async (tx) => {
        if (!(await repo.advanceSchedule(tx, s.name, s.next_run_at, next.toISOString(), now.toISOString())))
          return false;
        await this.jobs.enqueue(tx, s.type, JSON.parse(s.payload) as unknown, {
          idempotencyKey: `schedule:${s.name}:${s.next_run_at}`,
        });
        return true;
      });
      if (enqueued) n++;
    }
    return n;
  }

  /** Starts polling in the background. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    this.timer = undefined;
    if (this.stopped) return;
    this.busy = true;
    try {
      await this.tickSchedules();
      while (!this.stopped && (await this.runOnce()));
    } catch (e) {
      this.opts.logger?.error({ err: e }, 'job runner loop failed');
    } finally {
      this.busy = false;
    }
    if (!this.stopped) {
      const wait = Date.now() < this.eagerUntil ? EAGER_POLL_MS : this.pollMs;
      this.timer = setTimeout(() => {
        this.running = this.loop();
      }, wait);
    }
  }

  /** Stops polling and waits for the job in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
