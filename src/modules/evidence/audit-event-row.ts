import { AUDIT_EVENT_COLUMNS } from '../../kernel/pure.js';
import type { BulkColumn } from './bulk-insert.repository.js';
import type { EventRow } from './tables.js';

// The audit event as the ledger handles it: the columns a leaf is derived from, written by the audit port's
// batches and read by the sequencer and full verification, in one order so array rows of either side map the
// same way.

/**
 * The audit event columns a leaf is derived from, in the order of EventRow — the kernel's own list (its audit
 * port writes them in this order) with their PostgreSQL types.
 */
export const EVENT_COLUMNS: readonly BulkColumn[] = AUDIT_EVENT_COLUMNS.map((name) => ({
  name,
  pg: name === 'occurred_at' ? 'timestamptz' : 'text',
}));

/**
 * The EventRow of an array row holding EVENT_COLUMNS from index `at` on. Map rows through a closure, not by
 * passing this function itself: Array.prototype.map would hand it each element's index as `at`.
 */
export function eventRowOf(r: readonly unknown[], at: number): EventRow {
  return {
    id: r[at] as string,
    occurred_at: r[at + 1] as string,
    request_id: r[at + 2] as string,
    actor_kind: r[at + 3] as string,
    actor_id: r[at + 4] as string | null,
    actor_org_id: r[at + 5] as string | null,
    action: r[at + 6] as string,
    subject_type: r[at + 7] as string,
    subject_id: r[at + 8] as string,
    org_id: r[at + 9] as string | null,
    change_digest: r[at + 10] as string | null,
    digest_alg: r[at + 11] as string,
    details: r[at + 12] as string,
  };
}
