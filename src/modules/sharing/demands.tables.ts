// Row types of the demand list's tables (migrations/demands.ts).

/** States of a demand (docs/sharing.md "Demand list"). */
export type DemandStatus = 'open' | 'routed' | 'answered' | 'closed';

/** What the provider answered. */
export type DemandAnswerKind = 'will_publish' | 'exists' | 'cannot';

/** A row of sharing_demands. */
export interface DemandRow {
  id: string;
  consumer_org_id: string;
  created_by: string | null;
  title: string;
  purpose: string;
  description: string | null;
  suggested_org_id: string | null;
  status: DemandStatus;
  provider_org_id: string | null;
  routed_at: string | null;
  routed_by: string | null;
  due_at: string | null;
  due_date: string | null;
  answer_kind: DemandAnswerKind | null;
  /** The answer's details as JSON: expectedDate, resourceId, reason, comment. */
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A row of sharing_demand_history: one per transition, with what people wrote. */
export interface DemandHistoryRow {
  id: string;
  demand_id: string;
  at: string;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  actor_org_id: string | null;
  note: string | null;
}

/** The demand list's tables. */
export interface DemandTables {
  sharing_demands: DemandRow;
  sharing_demand_history: DemandHistoryRow;
}
