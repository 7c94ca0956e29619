import type { DirectoryOrg } from '../identity/index.js';
import type { GrantScope } from './grant-port.js';
import type { GrantHistoryRow, GrantRow } from './grants.tables.js';

/** A party of a grant as shown. */
function party(id: string, orgs: Map<string, DirectoryOrg>) {
  return { id, name: orgs.get(id)?.name ?? null };
}

/** A grant as its parties and the bureau see it (docs/sharing.md "Grants"). */
export function presentGrant(r: GrantRow, orgs: Map<string, DirectoryOrg>) {
  return {
    id: r.id,
    applicationId: r.application_id,
    partId: r.part_id,
    resourceId: r.resource_id,
    provider: party(r.provider_org_id, orgs),
    consumer: party(r.consumer_org_id, orgs),
    status: r.status,
    statusReason: r.status_reason,
    scope: JSON.parse(r.scope) as GrantScope,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}
export type Grant = ReturnType<typeof presentGrant>;

/** One entry of a grant's history. */
export function presentGrantHistory(h: GrantHistoryRow) {
  return {
    at: h.at,
    action: h.action,
    actor: { kind: h.actor_kind, id: h.actor_id },
    reason: h.reason,
  };
}
export type GrantHistoryEntry = ReturnType<typeof presentGrantHistory>;
