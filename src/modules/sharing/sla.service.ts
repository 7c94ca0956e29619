import { newId, systemContext, type AnyTx } from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import type { StageRow } from './applications.tables.js';
import type { SharingJob } from './sharing.js';
import type { Workflow } from './workflow.js';

// The `sharing.sla` sweep (every 5 minutes): every running stage past its due instant raises one
// deduplicated alert for the responsible role of the responsible organisation, is marked escalated once,
// tells the bureau's reviewers and records `sharing.part.escalate`. Escalation decides nothing. Each stage is
// handled in its own transaction and guarded by the escalated_at check, so a re-run (at-least-once jobs, two
// runners) escalates a stage exactly once.

export const SLA_JOB = 'sharing.sla';
const BATCH = 500;

const STAGE_LABEL: Record<StageRow['stage'], string> = {
  prereview: '预审',
  provider: '提供部门审核',
  mediation: '调解',
};

/** The deadline sweep. */
export class SlaService {
  constructor(private readonly wf: Workflow) {}

  /** The job the platform registers and schedules. */
  get job(): SharingJob {
    return {
      type: SLA_JOB,
      schedule: 'sharing.sla.sweep',
      intervalSeconds: 300,
      handler: () => this.sweep(),
    };
  }

  /** Escalates every overdue running stage; returns how many it escalated. */
  async sweep(): Promise<{ escalated: number }> {
    const db = this.wf.deps.db.kysely;
    let escalated = 0;
    for (;;) {
      const due = await repo.overdueStages(db, this.wf.now().toISOString(), BATCH);
      for (const s of due) if (await db.transaction().execute((tx) => this.escalate(tx, s))) escalated++;
      if (due.length < BATCH) break;
    }
    return { escalated };
  }

  private async escalate(tx: AnyTx, s: StageRow): Promise<boolean> {
    const now = this.wf.now().toISOString();
    if (!(await repo.markEscalated(tx, s.id, now))) return false;
    const app = (await repo.application(tx, s.application_id))!;
    const ctx = systemContext('sharing', newId());
    const label = STAGE_LABEL[s.stage];
    const key = `sharing.overdue:${s.application_id}:${s.part_id ?? 'application'}:${s.stage}`;
    await this.wf.deps.alerts.raise(tx, ctx, {
      severity: 'warning',
      source: 'sharing',
      type: 'sharing.overdue',
      title: `共享申请${label}已超期：${app.title}`,
      detail: `${label}应于 ${s.due_date} 前办结（${s.working_days} 个工作日），现已超期，已升级至数据主管部门。`,
      subjectType: 'sharing_application',
      subjectId: app.id,
      orgId: s.org_id,
      responsibleRole: s.role === 'approver' ? 'approver' : 'reviewer',
      dedupKey: key,
    });
    await this.wf.recordStep(tx, ctx, app, {
      action: 'sharing.part.escalate',
      partId: s.part_id,
      orgId: s.org_id,
      details: { stage: s.stage, dueAt: s.due_at },
    });
    await this.wf.notify(tx, app, s.part_id, 'sharing.escalated', `共享申请${label}超期升级：${app.title}`, [
      { role: 'reviewer' },
    ]);
    return true;
  }
}
