import { newId, systemContext } from '../../kernel/index.js';
import type { ObjectionsDeps } from './objections.deps.js';
import { objectionsRepo as repo } from './objections.repository.js';

// The `objections.overdue` job: an objection whose running stage (the provider's answer, then the
// resolution) is past its deadline raises one deduplicated alert for the provider's approvers, is marked
// escalated, and the bureau's reviewers are told (docs/objections.md "Deadlines"). Idempotent: an escalated
// stage is not picked again; acceptance starts a new stage that may escalate once more.

export const OBJECTIONS_JOB = 'objections.overdue';
export const OBJECTIONS_SCHEDULE = 'objections.overdue.sweep';

/** Overdue objections. */
export class ObjectionSweep {
  readonly job = {
    type: OBJECTIONS_JOB,
    schedule: OBJECTIONS_SCHEDULE,
    intervalSeconds: 300,
    handler: async (): Promise<unknown> => this.run(),
  };

  constructor(private readonly deps: ObjectionsDeps) {}

  /** One sweep; returns how many objection stages were escalated. */
  async run(): Promise<{ escalated: number }> {
    const now = this.deps.clock.now().toISOString();
    const ctx = systemContext('system:objections', newId());
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      let escalated = 0;
      for (const o of await repo.overdue(tx, now)) {
        if (!(await repo.update(tx, o.id, [o.status], { escalated_at: now, updated_at: now }))) continue;
        escalated++;
        const what = o.stage === 'answer' ? '受理' : '核实处理';
        await this.deps.alerts.raise(tx, ctx, {
          severity: 'warning',
          source: 'objections',
          type: 'objection.overdue',
          title: `数据异议${what}超期`,
          detail: `${what}期限 ${o.due_date ?? ''} 已过，已上报数据主管部门。`,
          subjectType: 'objection',
          subjectId: o.id,
          orgId: o.provider_org_id,
          responsibleRole: 'approver',
          dedupKey: `objection.overdue:${o.id}:${o.stage ?? ''}`,
        });
        await repo.addHistory(tx, {
          id: newId(),
          objection_id: o.id,
          at: now,
          action: 'objection.escalate',
          actor_kind: ctx.actor.kind,
          actor_id: ctx.actor.id,
          actor_org_id: null,
          note: null,
        });
        await this.deps.audit.record(tx, ctx, {
          action: 'objection.escalate',
          subjectType: 'objection',
          subjectId: o.id,
          orgId: o.provider_org_id,
          details: { stage: o.stage, dueDate: o.due_date, providerOrg: o.provider_org_id },
        });
        await this.deps.notifications.notify(tx, {
          type: 'objection.escalated',
          title: `数据异议${what}超期，已上报`,
          subjectType: 'objection',
          subjectId: o.id,
          link: `/objections/${o.id}`,
          recipients: { roles: [{ role: 'reviewer' }] },
          data: { objectionId: o.id, providerOrg: o.provider_org_id, stage: o.stage },
        });
      }
      return { escalated };
    });
  }
}
