// The audit tables' columns in the order of the audit port's inserts (and of auditEventRow's array). A file of its
// own with no imports, so the kernel's pure door can export it to worker threads: the evidence module's batches,
// sequencer and full verification read and write the same columns in the same order.

/** The columns of an audit event row, in the order the kernel's audit port writes them. */
export const AUDIT_EVENT_COLUMNS = [
  'id',
  'occurred_at',
  'request_id',
  'actor_kind',
  'actor_id',
  'actor_org_id',
  'action',
  'subject_type',
  'subject_id',
  'org_id',
  'change_digest',
  'digest_alg',
  'details',
] as const;

/** An audit event row as stored (AUDIT_EVENT_COLUMNS; times as ISO text, details as JSON text). */
export interface StoredAuditEvent {
  id: string;
  occurred_at: string;
  request_id: string;
  actor_kind: string;
  actor_id: string | null;
  actor_org_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  org_id: string | null;
  change_digest: string | null;
  digest_alg: string;
  details: string;
}

/** The columns of an audit salt row (the secret half of an event's change digest), in the port's insert order. */
export const AUDIT_SALT_COLUMNS = ['event_id', 'salt'] as const;
