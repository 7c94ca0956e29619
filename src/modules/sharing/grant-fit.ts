import { AppError, conflict, shanghaiDate, type AnyTx, type FieldIssue } from '../../kernel/index.js';
import { checkScopeRules, defaultScopeInput, type ScopeInput } from './domain/scope.js';
import type { GrantScope, PartRequest } from './grant-port.js';
import { scopeInputSchema, scopeShapeViolations } from './grants.schemas.js';
import type { GrantRow } from './grants.tables.js';
import type { SharingDeps } from './sharing.deps.js';

// Whether a scope fits its resource, the level policy and the consumer's clients: when an approver or the
// bureau proposes it, and again when someone resumes a suspended grant (the resource or the policy may have
// changed meanwhile, and a resumed grant must be one that could be issued today).

/** The 422 of a scope that breaks the rules, one violation per problem. */
export function scopeRejected(violations: FieldIssue[]): AppError {
  return new AppError('UNPROCESSABLE', 'The grant scope breaks the sharing rules.', { violations });
}

/** Checks a proposed scope (or `'defaults'`) for a part request; throws the 422 or returns the normalised scope. */
export async function checkProposedScope(
  deps: SharingDeps,
  tx: AnyTx,
  req: PartRequest,
  proposed: unknown,
): Promise<GrantScope> {
  const resource = await deps.catalogue.browse.published(req.resourceId, tx);
  if (!resource || resource.status !== 'published' || resource.orgId !== req.providerOrgId)
    throw scopeRejected([
      { field: 'resourceId', code: 'NOT_PUBLISHED', message: 'is not a published resource of the provider' },
    ]);
  let input: ScopeInput;
  if (proposed === 'defaults') input = defaultScopeInput(req);
  else {
    const shaped = scopeInputSchema.safeParse(proposed);
    if (!shaped.success) throw scopeRejected(scopeShapeViolations(shaped.error));
    input = shaped.data;
  }
  const policy = (await deps.catalogue.policy.current(tx)).table;
  const today = shanghaiDate(deps.clock.now());
  const checked = checkScopeRules(input, { req, doc: resource.doc, policy, today });
  if (!checked.ok) throw scopeRejected(checked.violations);
  // Clients must still be active clients of the consumer when the grant is decided.
  const clients = await deps.directory.clients(tx, checked.scope.clientIds);
  const bad = checked.scope.clientIds.flatMap((id, n) => {
    const c = clients.get(id);
    if (c && c.orgId === req.consumerOrgId && c.status === 'active') return [];
    return [
      {
        field: `scope.clientIds[${n}]`,
        code: 'CLIENT_INACTIVE',
        message: 'is not an active API client of the consumer organisation',
      },
    ];
  });
  if (bad.length) throw scopeRejected(bad);
  return checked.scope;
}

/**
 * Throws 409 unless a suspended grant could come back: in its validity, on a published resource whose granted
 * items are still there and shareable, with masks, methods and filter the current policy accepts.
 */
export async function assertResumable(deps: SharingDeps, tx: AnyTx, row: GrantRow): Promise<void> {
  const today = shanghaiDate(deps.clock.now());
  if (row.valid_until < today)
    throw conflict('The grant has passed its validity; renewal is a new application.');
  const scope = JSON.parse(row.scope) as GrantScope;
  const resource = await deps.catalogue.browse.published(row.resource_id, tx);
  if (!resource || resource.status !== 'published')
    throw conflict('The resource is no longer published; the grant cannot be resumed.');
  const policy = (await deps.catalogue.policy.current(tx)).table;
  const checked = checkScopeRules(
    {
      items: scope.items,
      loosenReasons: scope.loosenReasons,
      rowFilter: scope.rowFilter,
      methods: scope.methods,
      rateLimitPerMinute: scope.rateLimitPerMinute,
      dailyRowQuota: scope.dailyRowQuota,
      // Only what remains of the validity is re-checked; the request's ceiling was checked at issue.
      validFrom: today > scope.validFrom ? today : scope.validFrom,
      validUntil: scope.validUntil,
      clientIds: scope.clientIds,
      ipRanges: scope.ipRanges,
    },
    {
      req: {
        items: scope.items.map((i) => i.code),
        methods: scope.methods,
        clientIds: scope.clientIds,
        purpose: scope.purpose,
        durationDays: 366_000, // no ceiling beyond validUntil itself (kept within Date's range)
      },
      doc: resource.doc,
      policy,
      today,
    },
  );
  if (!checked.ok)
    throw new AppError(
      'CONFLICT',
      'The resource or the policy changed: the grant no longer fits and needs a new decision.',
      { violations: checked.violations },
    );
}
