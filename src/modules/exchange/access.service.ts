import { z } from 'zod';
import { parseInput, requireUser, scopeOf, forbidden, type RequestContext } from '../../kernel/index.js';
import { accessRepo, type AccessRow } from './access.repository.js';
import type { ExchangeDeps } from './exchange.deps.js';

// Who accessed what, when, for which case (issue 8 §6): providers see accesses to their resources, consumers
// their own organisation's, the bureau and auditors everything. Read-only; the evidence is in the ledger.

const accessQuery = z.object({
  box: z.enum(['provider', 'consumer', 'all']).default('provider'),
  grantId: z.uuid('must be a grant id').optional(),
  before: z.uuid('must be an access event id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** One access as its parties see it. */
export function presentAccess(r: AccessRow) {
  return {
    eventId: r.event_id,
    at: r.at,
    grantId: r.grant_id,
    resourceId: r.resource_id,
    providerOrgId: r.provider_org_id,
    consumerOrgId: r.consumer_org_id,
    method: r.method,
    caller: { kind: r.caller_kind, id: r.caller_id },
    caseId: r.case_id,
    userRef: r.user_ref,
    fields: r.fields ? r.fields.split(',') : [],
    rows: Number(r.rows),
    subjects: Number(r.subjects),
  };
}

/** The access view. */
export class AccessService {
  constructor(private readonly deps: ExchangeDeps) {}

  /** Accesses the caller's organisation is party to (newest first; page back with `before`). */
  async list(ctx: RequestContext, query: unknown) {
    requireUser(ctx);
    const q = parseInput(accessQuery, query);
    const scope = scopeOf(ctx, 'sharing.read');
    if (!scope) throw forbidden('sharing.read');
    const own = ctx.actor.orgId ?? undefined;
    if (scope !== 'platform' && (q.box === 'all' || !own)) throw forbidden('sharing.read (platform)');
    const rows = await accessRepo.list(this.deps.db.kysely, {
      ...(q.box === 'provider' && own && scope !== 'platform' && { providerOrgId: own }),
      ...(q.box === 'consumer' && own && scope !== 'platform' && { consumerOrgId: own }),
      ...(q.grantId && { grantId: q.grantId }),
      ...(q.before && { before: q.before }),
      limit: q.limit,
    });
    return { items: rows.map(presentAccess) };
  }
}
