import type { DirectoryOrg } from '../identity/index.js';
import type { DemandHistoryRow, DemandRow } from './demands.tables.js';

/** SLA state of a running deadline (docs/sharing.md "Deadlines"). */
export type Sla = 'green' | 'amber' | 'red';

function org(id: string | null, orgs: Map<string, DirectoryOrg>) {
  return id ? { id, name: orgs.get(id)?.name ?? null } : null;
}

/** A demand as its parties and the bureau see it. */
export function presentDemand(
  r: DemandRow,
  orgs: Map<string, DirectoryOrg>,
  sla: { state: Sla; workingDaysLeft: number } | null,
) {
  return {
    id: r.id,
    title: r.title,
    purpose: r.purpose,
    description: r.description,
    status: r.status,
    consumer: org(r.consumer_org_id, orgs),
    suggestedOrg: org(r.suggested_org_id, orgs),
    provider: org(r.provider_org_id, orgs),
    routedAt: r.routed_at,
    deadline: r.due_at
      ? {
          dueAt: r.due_at,
          dueDate: r.due_date,
          ...(sla && { sla: sla.state, workingDaysLeft: sla.workingDaysLeft }),
        }
      : null,
    escalatedAt: r.escalated_at,
    answer: r.answer_kind
      ? {
          kind: r.answer_kind,
          ...(JSON.parse(r.answer ?? '{}') as Record<string, unknown>),
          at: r.answered_at,
          by: r.answered_by,
        }
      : null,
    closed: r.closed_at ? { at: r.closed_at, by: r.closed_by, reason: r.close_reason } : null,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}
export type Demand = ReturnType<typeof presentDemand>;

/** One entry of a demand's history. */
export function presentDemandHistory(h: DemandHistoryRow) {
  return {
    at: h.at,
    action: h.action,
    actor: { kind: h.actor_kind, id: h.actor_id, orgId: h.actor_org_id },
    note: h.note,
  };
}
export type DemandHistoryEntry = ReturnType<typeof presentDemandHistory>;
