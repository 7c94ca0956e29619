// Every shape of the objection API (docs/objections.md "HTTP API") the console reads or sends, in one place:
// when the server's presenters (src/modules/objections/objections.presenters.ts) change, this file and
// objections-api.ts are what adapt.

export type ObjectionType = 'catalogue_error' | 'request_dispute' | 'wrong_data' | 'other';
export type ObjectionStatus = 'raised' | 'accepted' | 'rejected' | 'corrected' | 'dismissed' | 'archived';
export type ObjectionOutcome = 'rejected' | 'corrected' | 'dismissed';
export type ObjectionStage = 'answer' | 'resolve';
/** `raised`: by my organisation; `provider`: on its resources; `all`: both (platform readers: every one). */
export type ObjectionBox = 'raised' | 'provider' | 'all';
export type ObjectionSla = 'green' | 'amber' | 'red';

export const OBJECTION_TYPES: readonly ObjectionType[] = [
  'wrong_data',
  'catalogue_error',
  'request_dispute',
  'other',
];
export const OBJECTION_STATUSES: readonly ObjectionStatus[] = [
  'raised',
  'accepted',
  'rejected',
  'corrected',
  'dismissed',
  'archived',
];

/** A cell value as the data store holds it. */
export type CellValue = string | number | boolean | null;

/** The running deadline (null once the provider has finished). */
export interface ObjectionDeadline {
  stage: ObjectionStage | null;
  workingDays: number | null;
  dueAt: string;
  dueDate: string | null;
  sla?: ObjectionSla;
  workingDaysLeft?: number;
}

/** An uploaded supporting document, by digest. */
export interface ObjectionDocument {
  digest: string;
  name: string;
}

/** An objection as GET /objections lists it. */
export interface Objection {
  id: string;
  type: ObjectionType;
  status: ObjectionStatus;
  outcome: ObjectionOutcome | null;
  resourceId: string;
  provider: { id: string; name: string | null } | null;
  raiser: { id: string; name: string | null } | null;
  raisedBy: string;
  grantId: string | null;
  items: string[];
  description: string;
  documents: ObjectionDocument[];
  deadline: ObjectionDeadline | null;
  escalatedAt: string | null;
  answer: { at: string; by: string | null } | null;
  /** Why it was rejected or dismissed, or the provider's note on a correction. */
  reason: string | null;
  resolved: { at: string; by: string | null } | null;
  rating: { rating: number; solved: boolean; comment: string | null; at: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

/** One named record: its row key and, for the provider's answering roles only, its current values. */
export interface ObjectionRecord {
  ordinal: number;
  record: string;
  correctedRev: number | null;
  /** By item code; absent for everyone but the provider (null when the record is gone). */
  values?: Record<string, CellValue> | null;
}

/** One step of the history. */
export interface ObjectionHistoryEntry {
  at: string;
  action: string;
  actor: { kind: string; id: string | null; orgId: string | null };
  note: string | null;
}

/** GET /objections/:id and every step's answer. */
export interface ObjectionView extends Objection {
  records: ObjectionRecord[];
  history: ObjectionHistoryEntry[];
}

/** POST /objections. */
export interface RaiseInput {
  type: ObjectionType;
  resourceId: string;
  grantId?: string;
  /** Each names one record by item values the raiser knows, by item code. */
  records?: Record<string, string | number | boolean>[];
  items?: string[];
  description: string;
  documents?: ObjectionDocument[];
}

/** One corrected record: its row key and the new values by item code. */
export interface Correction {
  record: string;
  values: Record<string, CellValue>;
}

/** POST /objections/:id/resolve. */
export type ResolveInput =
  | { outcome: 'corrected'; corrections: Correction[]; comment?: string }
  | { outcome: 'dismissed'; reason: string };

/** POST /objections/:id/rate. */
export interface RateInput {
  rating: number;
  solved: boolean;
  comment?: string;
}
