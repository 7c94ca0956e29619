import type { WorkingCalendar } from '../calendar/index.js';
import type { ApplicationRow, HistoryRow, PartRow, StageRow } from './applications.tables.js';
import { slaOf } from './domain/deadlines.js';

// What callers see of applications: parsed JSON, deadlines with their SLA state, never raw rows.

function json<T>(s: string | null): T | null {
  return s === null ? null : (JSON.parse(s) as T);
}

/** A stage clock with its SLA state at `now`. */
export function presentStage(s: StageRow, cal: WorkingCalendar, now: Date) {
  const open = s.closed_at === null;
  const sla = open
    ? slaOf(cal, now, { dueAt: s.due_at, pausedAt: s.paused_at, remainingDays: s.remaining_days })
    : null;
  return {
    stage: s.stage,
    partId: s.part_id,
    responsible: { orgId: s.org_id, role: s.role },
    workingDays: s.working_days,
    startedAt: s.started_at,
    dueAt: s.due_at,
    dueDate: s.due_date,
    pausedAt: s.paused_at,
    escalatedAt: s.escalated_at,
    closedAt: s.closed_at,
    sla: sla?.state ?? null,
    remainingWorkingDays: sla ? sla.remainingWorkingDays : null,
  };
}
export type StageView = ReturnType<typeof presentStage>;

/** One part with its decision, dispute, mediation and current deadline. */
export function presentPart(p: PartRow, stages: StageView[], names: OrgNames = new Map()) {
  const mine = stages.filter((s) => s.partId === p.id);
  const current = mine.find((s) => s.closedAt === null) ?? null;
  return {
    id: p.id,
    resourceId: p.resource_id,
    providerOrgId: p.provider_org_id,
    providerOrgName: (p.provider_org_id && names.get(p.provider_org_id)) ?? null,
    items: json<string[]>(p.items) ?? [],
    methods: json<string[]>(p.methods) ?? [],
    status: p.status,
    unconditional: p.unconditional === 1,
    decision: p.decision
      ? { decision: p.decision, by: p.decided_by, at: p.decided_at, reason: p.reason, basis: p.basis }
      : null,
    dispute: p.disputed_at ? { reason: p.dispute_reason, at: p.disputed_at } : null,
    mediation: p.mediation
      ? { decision: p.mediation, comment: p.mediation_comment, by: p.mediated_by, at: p.mediated_at }
      : null,
    grantId: p.grant_id,
    deadline: current,
    escalatedAt: mine.map((s) => s.escalatedAt).find((e) => e !== null) ?? null,
  };
}

/** A line of the history. */
export function presentHistory(h: HistoryRow) {
  return {
    at: h.at,
    action: h.action,
    partId: h.part_id,
    actor: { kind: h.actor_kind, id: h.actor_id },
    comment: h.comment,
    details: JSON.parse(h.details) as Record<string, unknown>,
  };
}

/**
 * Organisation names by id: the parties of an application are government departments, whose registered names
 * are public (the directory's registration facts), so every party sees them instead of bare ids.
 */
export type OrgNames = ReadonlyMap<string, string>;

/** The application's summary (lists). */
export function presentSummary(a: ApplicationRow, parts: PartRow[], names: OrgNames = new Map()) {
  return {
    id: a.id,
    title: a.title,
    status: a.status,
    consumerOrgId: a.consumer_org_id,
    consumerOrgName: names.get(a.consumer_org_id) ?? null,
    createdAt: a.created_at,
    submittedAt: a.submitted_at,
    decidedAt: a.decided_at,
    parts: parts.map((p) => ({
      id: p.id,
      resourceId: p.resource_id,
      providerOrgId: p.provider_org_id,
      providerOrgName: (p.provider_org_id && names.get(p.provider_org_id)) ?? null,
      status: p.status,
    })),
  };
}

/** The whole application (detail view). */
export function presentApplication(
  a: ApplicationRow,
  parts: PartRow[],
  stageRows: StageRow[],
  history: HistoryRow[],
  grants: { grantId: string; partId: string; status: string }[],
  cal: WorkingCalendar,
  now: Date,
  names: OrgNames = new Map(),
) {
  const stages = stageRows.map((s) => presentStage(s, cal, now));
  return {
    id: a.id,
    title: a.title,
    purpose: a.purpose,
    basis: a.basis,
    scenario: a.scenario,
    durationDays: a.duration_days,
    expectedVolume: json<Record<string, number>>(a.expected_volume),
    clientIds: json<string[]>(a.client_ids) ?? [],
    documents: json<{ digest: string; name: string }[]>(a.documents) ?? [],
    status: a.status,
    consumerOrgId: a.consumer_org_id,
    consumerOrgName: names.get(a.consumer_org_id) ?? null,
    createdBy: a.created_by,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    submittedAt: a.submitted_at,
    submissions: a.submissions,
    decidedAt: a.decided_at,
    returned: a.returned_at ? { from: a.returned_from, comment: a.return_comment, at: a.returned_at } : null,
    withdrawReason: a.withdraw_reason,
    prereview: stages.filter((s) => s.stage === 'prereview' && s.partId === null).at(-1) ?? null,
    parts: parts.map((p) => presentPart(p, stages, names)),
    deadlines: stages,
    history: history.map(presentHistory),
    grants,
  };
}
export type Application = ReturnType<typeof presentApplication>;
