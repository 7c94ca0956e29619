import type { AnyTx, AuditEventInput, Db, RequestContext } from '../../kernel/index.js';
import type { BatchEntry, LedgerAuditPort } from './ledger-audit-port.js';

// Group commit for evidence on a hot path (the exchange's access events, issue 8 §4): each request's event
// must be durable before its response completes, but a transaction per request would make the commit (an
// fsync) the ceiling of the throughput. Requests hand their event to one committer; while a commit is in
// flight, newcomers queue, and the next commit takes them all in one transaction. An idle committer commits
// at once, so a lone request waits for one commit and no timer. If a batch fails, its events are retried one
// per transaction, so one bad event cannot take the others down with it.

/** Counters for observability and tests. */
export interface GroupCommitStats {
  events: number;
  commits: number;
  failed: number;
}

/** Work that must commit with an event (e.g. a usage counter), run in its transaction after the inserts. */
export type WithEvent = (tx: AnyTx, eventId: string) => Promise<void>;

/**
 * Work of many events written together: a batch's items of one writer go to it in one call (e.g. one
 * multi-row insert instead of a statement per event), in the batch's order, in its transaction.
 */
export interface BatchWriter<T> {
  write(tx: AnyTx, items: { eventId: string; data: T }[]): Promise<void>;
}

/** An event's share of a batch writer's work. */
export interface Batched<T> {
  writer: BatchWriter<T>;
  data: T;
}

interface Pending extends BatchEntry {
  also: WithEvent | Batched<unknown> | undefined;
  resolve(id: string): void;
  reject(e: unknown): void;
}

/** Commits events of concurrent requests together; each caller learns its event id once it is durable. */
export class GroupCommit {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  readonly stats: GroupCommitStats = { events: 0, commits: 0, failed: 0 };

  constructor(
    private readonly db: Db,
    private readonly audit: LedgerAuditPort,
    private readonly maxBatch = 500,
  ) {}

  /**
   * Records an event (and `also`, in the same transaction); resolves with its id after that transaction has
   * committed.
   */
  record<T>(ctx: RequestContext, event: AuditEventInput, also?: WithEvent | Batched<T>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ ctx, event, also, resolve, reject });
      this.kick();
    });
  }

  /**
   * Starts the committer unless it runs. A caller resumed by its event's commit may record again before the
   * committer that resolved it has finished (its loop found the queue empty, its `finally` has not run yet), so
   * the committer looks at the queue once more when it stops: without that, the new event waited for ever.
   */
  private kick(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
      if (this.queue.length) this.kick();
    });
  }

  /** Resolves when everything queued so far has been committed or has failed. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      // Let requests that arrived while the last commit ran reach the queue first. With better-sqlite3 a
      // commit (and its fsync) blocks the event loop, so without this turn every batch would hold the one
      // event that started it: measured 1.0 events per commit on SQLite, about 21 with it (bench exchange).
      await new Promise((r) => setImmediate(r));
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const ids = await this.commit(batch);
        batch.forEach((p, i) => p.resolve(ids[i]!));
      } catch (e) {
        if (batch.length === 1) {
          this.stats.failed++;
          batch[0]!.reject(e);
          continue;
        }
        for (const p of batch) {
          try {
            p.resolve((await this.commit([p]))[0]!);
          } catch (err) {
            this.stats.failed++;
            p.reject(err);
          }
        }
      }
    }
  }

  private async commit(batch: readonly Pending[]): Promise<string[]> {
    const ids = await this.db.kysely.transaction().execute(async (tx) => {
      const ids = await this.audit.recordBatch(
        tx,
        batch.map(({ ctx, event }) => ({ ctx, event })),
      );
      const groups = new Map<BatchWriter<unknown>, { eventId: string; data: unknown }[]>();
      for (const [i, p] of batch.entries()) {
        const a = p.also;
        if (!a) continue;
        if (typeof a === 'function') await a(tx, ids[i]!);
        else {
          let items = groups.get(a.writer);
          if (!items) groups.set(a.writer, (items = []));
          items.push({ eventId: ids[i]!, data: a.data });
        }
      }
      for (const [writer, items] of groups) await writer.write(tx, items);
      return ids;
    });
    this.stats.commits++;
    this.stats.events += batch.length;
    return ids;
  }
}
