import { isAppError, newId, type AnyTx, type RequestContext, type Role } from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import type { ApplicationRow, StageKind } from './applications.tables.js';
import { daysKeptOnPause } from './domain/deadlines.js';
import type { SharingDeps } from './sharing.deps.js';

// The deadline clocks of applications (docs/sharing.md "Deadlines"): a stage starts with N working days from
// its trigger (the calendar module's rule), a return pauses every running clock keeping the days left, and a
// resubmission restarts each paused clock with those days. All inside the caller's transaction.

/** Starting, pausing and resuming stage clocks. */
export class StageClocks {
  constructor(private readonly deps: SharingDeps) {}

  /** Whether the resource's data store holds rows ("data on the platform" shortens the provider's deadline). */
  async dataOnPlatform(tx: AnyTx, resourceId: string): Promise<boolean> {
    try {
      return (await this.deps.datastore.layout(tx, resourceId)).table.row_count > 0;
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  /** Starts a stage's clock at `from`. */
  async start(
    tx: AnyTx,
    ctx: RequestContext,
    app: ApplicationRow,
    partId: string | null,
    stage: StageKind,
    days: number,
    responsible: { orgId: string | null; role: Role },
    from: Date,
  ): Promise<void> {
    const d = await this.deps.calendar.deadline(tx, ctx, from, days);
    await repo.insertStage(tx, {
      id: newId(),
      application_id: app.id,
      part_id: partId,
      stage,
      org_id: responsible.orgId,
      role: responsible.role,
      working_days: days,
      started_at: from.toISOString(),
      due_at: d.dueAt,
      due_date: d.dueDate,
      paused_at: null,
      remaining_days: null,
      escalated_at: null,
      closed_at: null,
    });
  }

  /** Stops every running clock of the application, keeping the working days left (at least one). */
  async pauseAll(tx: AnyTx, app: ApplicationRow, at: Date): Promise<void> {
    const cal = await this.deps.calendar.calendar(tx);
    for (const s of await repo.openStages(tx, app.id)) {
      if (s.paused_at !== null) continue;
      await repo.updateStage(tx, s.id, {
        paused_at: at.toISOString(),
        remaining_days: daysKeptOnPause(cal, at, s.due_at),
      });
    }
  }

  /** Restarts every paused clock with the days it kept, counted from `at`. */
  async resumeAll(tx: AnyTx, ctx: RequestContext, app: ApplicationRow, at: Date): Promise<void> {
    for (const s of await repo.openStages(tx, app.id)) {
      if (s.paused_at === null) continue;
      const d = await this.deps.calendar.deadline(tx, ctx, at, s.remaining_days ?? 1);
      await repo.updateStage(tx, s.id, {
        paused_at: null,
        remaining_days: null,
        due_at: d.dueAt,
        due_date: d.dueDate,
      });
    }
  }
}
