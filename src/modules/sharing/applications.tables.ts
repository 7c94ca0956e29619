// Rows of the applications half of the sharing module (migrations/applications.ts). JSON columns are text on
// both engines and parsed in the repository's callers.

export type ApplicationStatus = 'draft' | 'prereview' | 'review' | 'returned' | 'decided' | 'withdrawn';
export type PartStatus =
  'pending' | 'approved' | 'refused' | 'disputed' | 'upheld' | 'mediated' | 'withdrawn';
export type StageKind = 'prereview' | 'provider' | 'mediation';

/** One application (共享申请). */
export interface ApplicationRow {
  id: string;
  consumer_org_id: string;
  status: ApplicationStatus;
  title: string;
  purpose: string;
  basis: string;
  scenario: string;
  duration_days: number;
  /** JSON object or null. */
  expected_volume: string | null;
  /** JSON string[]. */
  client_ids: string;
  /** JSON {digest, name}[]. */
  documents: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  submissions: number;
  /** The state a return came from, so resubmission goes back there. */
  returned_from: string | null;
  return_comment: string | null;
  returned_at: string | null;
  withdraw_reason: string | null;
  decided_at: string | null;
}

/** One part: a resource with its items and methods. */
export interface PartRow {
  id: string;
  application_id: string;
  seq: number;
  resource_id: string;
  provider_org_id: string | null;
  /** JSON item codes. */
  items: string;
  /** JSON methods. */
  methods: string;
  status: PartStatus;
  unconditional: number;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  basis: string | null;
  dispute_reason: string | null;
  disputed_at: string | null;
  mediation: string | null;
  mediation_comment: string | null;
  mediated_by: string | null;
  mediated_at: string | null;
  grant_id: string | null;
}

/** A deadline clock of one stage (pre-review of the application; provider or mediation of a part). */
export interface StageRow {
  id: string;
  application_id: string;
  part_id: string | null;
  stage: StageKind;
  /** The responsible organisation and role (alerts go to them). */
  org_id: string | null;
  role: string;
  working_days: number;
  started_at: string;
  due_at: string;
  due_date: string;
  paused_at: string | null;
  remaining_days: number | null;
  escalated_at: string | null;
  closed_at: string | null;
}

/** One line of an application's history (the console's timeline; comments stay here, not in the log). */
export interface HistoryRow {
  id: string;
  application_id: string;
  part_id: string | null;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  at: string;
  comment: string | null;
  /** JSON object. */
  details: string;
}

/** A salted digest of a decision's scope or basis, with what a court needs to recompute it. */
export interface DigestRow {
  digest: string;
  alg: string;
  salt: string;
  kind: 'scope' | 'basis';
  /** The JCS text of the object. */
  object: string;
  application_id: string;
  part_id: string | null;
  created_at: string;
}

/** An uploaded supporting document, sealed at rest. */
export interface DocumentRow {
  id: string;
  org_id: string;
  digest: string;
  name: string;
  size: number;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ApplicationTables {
  sharing_applications: ApplicationRow;
  sharing_parts: PartRow;
  sharing_stages: StageRow;
  sharing_history: HistoryRow;
  sharing_digests: DigestRow;
  sharing_documents: DocumentRow;
}
