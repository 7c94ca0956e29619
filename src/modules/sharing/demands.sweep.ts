import { newId, systemContext } from '../../kernel/index.js';
import { demandsRepo as repo } from './demands.repository.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';

// The `sharing.demands` job: a routed demand past its answer deadline raises one deduplicated alert for the
// provider's approvers, is marked escalated, and the bureau's reviewers are told (docs/sharing.md
// "Escalation"). Idempotent: an escalated demand is not picked again.

export const DEMANDS_JOB = 'sharing.demands';
export const DEMANDS_SCHEDULE = 'sharing.demands.sweep';

/** Overdue demands. */
export class DemandSweep {
  readonly job: SharingJob;

  constructor(private readonly deps: SharingDeps) {
    this.job = {
      type: DEMANDS_JOB,
      schedule: DEMANDS_SCHEDULE,
      intervalSeconds: 300,
      handler: async () => this.run(),
    };
  }

  /** One sweep; returns how many demands were escalated. */
  async run(): Promise<{ escalated: number }> {
    const now = this.deps.clock.now().toISOString();
    const ctx = systemContext('system:sharing', newId());
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      let escalated = 0;
      for (const d of await repo.overdue(tx, now)) {
        const moved = await repo.update(tx, d.id, ['routed'], { escalated_at: now, updated_at: now });
        if (!moved || !d.provider_org_id) continue;
        escalated++;
        await this.deps.alerts.raise(tx, ctx, {
          severity: 'warning',
          source: 'sharing',
          type: 'sharing.overdue',
          title: `数据需求答复超期：${d.title}`,
          detail: `答复期限 ${d.due_date ?? ''} 已过，已上报数据主管部门。`,
          subjectType: 'demand',
          subjectId: d.id,
          orgId: d.provider_org_id,
          responsibleRole: 'approver',
          dedupKey: `sharing.demand.overdue:${d.id}`,
        });
        await repo.addHistory(tx, {
          id: newId(),
          demand_id: d.id,
          at: now,
          action: 'sharing.demand.escalate',
          actor_kind: ctx.actor.kind,
          actor_id: ctx.actor.id,
          actor_org_id: null,
          note: null,
        });
        await this.deps.audit.record(tx, ctx, {
          action: 'sharing.demand.escalate',
          subjectType: 'demand',
          subjectId: d.id,
          orgId: d.provider_org_id,
          details: { providerOrg: d.provider_org_id, dueDate: d.due_date },
        });
        await this.deps.notifications.notify(tx, {
          type: 'sharing.demand.escalated',
          title: `数据需求答复超期，已上报：${d.title}`,
          subjectType: 'demand',
          subjectId: d.id,
          link: `/sharing/demands/${d.id}`,
          recipients: { roles: [{ role: 'reviewer' }] },
          data: { demandId: d.id, providerOrg: d.provider_org_id },
        });
      }
      return { escalated };
    });
  }
}
