import type { CellValue } from '../datastore/index.js';
import type { DirectoryOrg } from '../identity/index.js';
import type { ObjectionHistoryRow, ObjectionRecordRow, ObjectionRow } from './objections.tables.js';

/** SLA state of a running deadline (as the sharing module's). */
export type Sla = 'green' | 'amber' | 'red';

function org(id: string | null, orgs: Map<string, DirectoryOrg>) {
  return id ? { id, name: orgs.get(id)?.name ?? null } : null;
}

/** An objection as its parties and the bureau see it. */
export function presentObjection(
  r: ObjectionRow,
  orgs: Map<string, DirectoryOrg>,
  sla: { state: Sla; workingDaysLeft: number } | null,
) {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    outcome: r.outcome,
    resourceId: r.resource_id,
    provider: org(r.provider_org_id, orgs),
    raiser: org(r.raiser_org_id, orgs),
    raisedBy: r.raised_by,
    grantId: r.grant_id,
    items: JSON.parse(r.items) as string[],
    description: r.description,
    documents: JSON.parse(r.documents) as { digest: string; name: string }[],
    deadline: r.due_at
      ? {
          stage: r.stage,
          workingDays: r.working_days,
          dueAt: r.due_at,
          dueDate: r.due_date,
          ...(sla && { sla: sla.state, workingDaysLeft: sla.workingDaysLeft }),
        }
      : null,
    escalatedAt: r.escalated_at,
    answer: r.answered_at ? { at: r.answered_at, by: r.answered_by } : null,
    reason: r.reason,
    resolved: r.resolved_at ? { at: r.resolved_at, by: r.resolved_by } : null,
    rating:
      r.rating !== null
        ? { rating: r.rating, solved: r.solved === 1, comment: r.rating_comment, at: r.rated_at }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type Objection = ReturnType<typeof presentObjection>;

/** One named record: its row key and, for the provider only, its current values (to verify and correct). */
export function presentRecord(r: ObjectionRecordRow, values?: Record<string, CellValue> | null) {
  return {
    ordinal: r.ordinal,
    record: r.record_key,
    correctedRev: r.corrected_rev,
    ...(values !== undefined && { values }),
  };
}
export type ObjectionRecord = ReturnType<typeof presentRecord>;

/** One entry of an objection's history. */
export function presentHistory(h: ObjectionHistoryRow) {
  return {
    at: h.at,
    action: h.action,
    actor: { kind: h.actor_kind, id: h.actor_id, orgId: h.actor_org_id },
    note: h.note,
  };
}
export type ObjectionHistoryEntry = ReturnType<typeof presentHistory>;
