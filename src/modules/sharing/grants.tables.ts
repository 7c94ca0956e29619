// Row types of the grants' tables (migrations/grants.ts). Scope is JSON text on both engines; validity dates
// are Asia/Shanghai local dates as 'YYYY-MM-DD' text, so they compare as text.

/** Status of a grant (docs/sharing.md "Grants"). */
export type GrantStatus = 'active' | 'suspended' | 'revoked' | 'expired';

/** A row of sharing_grants. */
export interface GrantRow {
  id: string;
  application_id: string;
  part_id: string;
  resource_id: string;
  provider_org_id: string;
  consumer_org_id: string;
  status: GrantStatus;
  /** The checked GrantScope as JSON. */
  scope: string;
  valid_from: string;
  valid_until: string;
  status_reason: string | null;
  /** Reminder offsets (days before validUntil) already sent, as a JSON array of numbers. */
  reminders_sent: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** A row of sharing_grant_history: one per status change, with the reason people gave. */
export interface GrantHistoryRow {
  id: string;
  grant_id: string;
  at: string;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  reason: string | null;
}

/** The one-row epoch every grant state change bumps (the access cache's invalidation probe). */
export interface GrantEpochRow {
  id: string;
  epoch: number;
}

/** The grants' tables. */
export interface GrantTables {
  sharing_grants: GrantRow;
  sharing_grant_history: GrantHistoryRow;
  sharing_grant_epoch: GrantEpochRow;
}
