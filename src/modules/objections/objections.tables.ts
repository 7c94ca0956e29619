// Row types of the objection loop's tables (migrations/index.ts).

/** Kinds of objection (STANDARDS.md §10). */
export const OBJECTION_TYPES = ['catalogue_error', 'request_dispute', 'wrong_data', 'other'] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];

/** States of an objection (docs/objections.md "Flow"). */
export const OBJECTION_STATUSES = [
  'raised',
  'accepted',
  'rejected',
  'corrected',
  'dismissed',
  'archived',
] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** How an objection ended (kept once it is archived). */
export type ObjectionOutcome = 'rejected' | 'corrected' | 'dismissed';

/** Which deadline runs: the provider's answer (accept or reject), then the resolution. */
export type ObjectionStage = 'answer' | 'resolve';

/** A row of objections. */
export interface ObjectionRow {
  id: string;
  type: ObjectionType;
  status: ObjectionStatus;
  outcome: ObjectionOutcome | null;
  resource_id: string;
  provider_org_id: string;
  raiser_org_id: string;
  raised_by: string;
  /** The consumer's grant the records were resolved through; null for the bureau. */
  grant_id: string | null;
  /** Item codes concerned, JSON array. */
  items: string;
  description: string;
  /** Supporting documents, JSON `[{digest, name}]` (uploaded through the sharing documents API). */
  documents: string;
  stage: ObjectionStage | null;
  working_days: number | null;
  due_at: string | null;
  due_date: string | null;
  escalated_at: string | null;
  answered_at: string | null;
  answered_by: string | null;
  /** The reason of a rejection or a dismissal, or the provider's note on a correction. */
  reason: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  rating: number | null;
  solved: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One record an objection names: its row key and a keyed digest of the values that identified it. */
export interface ObjectionRecordRow {
  objection_id: string;
  ordinal: number;
  resource_id: string;
  record_key: string;
  subject_digest: string;
  /** The record version the correction wrote; null until corrected. */
  corrected_rev: number | null;
}

/** A row of objection_history: one per step, with what people wrote. */
export interface ObjectionHistoryRow {
  id: string;
  objection_id: string;
  at: string;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  actor_org_id: string | null;
  note: string | null;
}

/** The objection loop's tables. */
export interface ObjectionTables {
  objections: ObjectionRow;
  objection_records: ObjectionRecordRow;
  objection_history: ObjectionHistoryRow;
}
