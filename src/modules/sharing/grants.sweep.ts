import { newId, shanghaiDate, systemContext, type AnyTx } from '../../kernel/index.js';
import { addDays } from './domain/scope.js';
import { notifyParties, transitionGrant } from './grant-status.js';
import { grantsRepo as repo } from './grants.repository.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';

// The `sharing.grants` job: grants past their last valid day (Asia/Shanghai) expire, and live grants get
// their expiry reminders (30 and 7 days ahead by default) once each. Idempotent: a repeated run finds
// nothing left to do, so the at-least-once job runner may run it twice.

export const GRANTS_JOB = 'sharing.grants';
export const GRANTS_SCHEDULE = 'sharing.grants.sweep';

/** Whole days from one local date to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Expiry and reminders. */
export class GrantSweep {
  readonly job: SharingJob;

  constructor(private readonly deps: SharingDeps) {
    this.job = {
      type: GRANTS_JOB,
      schedule: GRANTS_SCHEDULE,
      intervalSeconds: 3600,
      handler: async () => this.run(),
    };
  }

  /** Reminder offsets already due on `today` for a grant ending `validUntil` (sent, or too late to send). */
  remindersDue(today: string, validUntil: string): number[] {
    const left = daysBetween(today, validUntil);
    return this.deps.settings.reminderDays.filter((d) => left <= d).sort((a, b) => b - a);
  }

  /** One sweep; returns how many grants expired and how many reminders went out. */
  async run(): Promise<{ expired: number; reminded: number }> {
    const today = shanghaiDate(this.deps.clock.now());
    const ctx = systemContext('system:sharing', newId());
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      let expired = 0;
      // validUntil is the last valid day: a grant expires the day after it.
      for (const g of await repo.endingBy(tx, addDays(today, -1), ['active', 'suspended'])) {
        const done = await transitionGrant(this.deps, tx, ctx, g, {
          to: 'expired',
          from: ['active', 'suspended'],
          action: 'sharing.grant.expire',
          reason: null,
          details: { validUntil: g.valid_until },
        });
        if (done) expired++;
      }
      const horizon = addDays(today, Math.max(0, ...this.deps.settings.reminderDays));
      let reminded = 0;
      for (const g of await repo.endingBy(tx, horizon, ['active'])) {
        if (await this.remind(tx, ctx, today, g)) reminded++;
      }
      return { expired, reminded };
    });
  }

  private async remind(
    tx: AnyTx,
    ctx: ReturnType<typeof systemContext>,
    today: string,
    g: Awaited<ReturnType<typeof repo.endingBy>>[number],
  ): Promise<boolean> {
    const sent = JSON.parse(g.reminders_sent) as number[];
    const due = this.remindersDue(today, g.valid_until).filter((d) => !sent.includes(d));
    if (due.length === 0) return false;
    // One message even when a run was missed and two offsets fell due together.
    const left = daysBetween(today, g.valid_until);
    await repo.setReminders(
      tx,
      g.id,
      [...sent, ...due].sort((a, b) => b - a),
    );
    await this.deps.audit.record(tx, ctx, {
      action: 'sharing.grant.remind',
      subjectType: 'grant',
      subjectId: g.id,
      orgId: g.provider_org_id,
      details: { daysLeft: left, validUntil: g.valid_until, offsets: due.join(',') },
    });
    await notifyParties(
      this.deps,
      tx,
      g,
      'sharing.grant.expiring',
      `共享授权将于 ${g.valid_until} 到期（剩余 ${left} 天）`,
      '续期需重新提交共享申请。',
    );
    return true;
  }
}
