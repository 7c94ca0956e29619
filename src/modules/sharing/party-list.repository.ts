import type { Kysely } from 'kysely';
import { scopeOf, type AnyTx, type RequestContext } from '../../kernel/index.js';

// The list query that demands and grants share: rows between a consumer and a provider organisation, seen by
// either party (or by both sides' filters), optionally of one status, newest first, with the total for paging.

/** The columns a party list reads. */
interface PartyRow {
  id: string;
  consumer_org_id: string;
  provider_org_id: string | null;
  status: string;
}

/** Which rows a list shows. */
export interface PartyListFilter<S extends string> {
  consumerOrgId?: string;
  providerOrgId?: string;
  /** Either party (an organisation's own view of "all"). */
  partyOrgId?: string;
  status?: S;
  limit: number;
  offset: number;
}

/** A list query's paging, status and box: the caller's organisation as consumer, as provider, or either. */
export interface PartyListQuery<S extends string> {
  box: 'consumer' | 'provider' | 'all';
  status?: S | undefined;
  limit: number;
  offset: number;
}

/** The filter of a list query for the caller (platform-wide readers' "all" is every row). */
export function partyFilter<S extends string>(ctx: RequestContext, q: PartyListQuery<S>): PartyListFilter<S> {
  const platform = scopeOf(ctx, 'sharing.read') === 'platform';
  const org = ctx.actor.orgId ?? '';
  return {
    ...(q.box === 'consumer' && { consumerOrgId: org }),
    ...(q.box === 'provider' && { providerOrgId: org }),
    ...(q.box === 'all' && !platform && { partyOrgId: org }),
    ...(q.status && { status: q.status }),
    limit: q.limit,
    offset: q.offset,
  };
}

/** One page of `table`'s rows under the filter, and how many there are in all. */
export async function listByParty<R extends PartyRow>(
  tx: AnyTx,
  table: 'sharing_demands' | 'sharing_grants',
  f: PartyListFilter<R['status']>,
): Promise<{ rows: R[]; total: number }> {
  let base = (tx as unknown as Kysely<Record<typeof table, PartyRow>>).selectFrom(table);
  if (f.consumerOrgId) base = base.where('consumer_org_id', '=', f.consumerOrgId);
  if (f.providerOrgId) base = base.where('provider_org_id', '=', f.providerOrgId);
  if (f.partyOrgId) {
    const org = f.partyOrgId;
    base = base.where((eb) => eb.or([eb('consumer_org_id', '=', org), eb('provider_org_id', '=', org)]));
  }
  if (f.status) base = base.where('status', '=', f.status);
  const rows = await base.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  const count = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return { rows: rows as R[], total: Number(count?.n ?? 0) };
}
