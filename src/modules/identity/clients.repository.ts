import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { ApiClientRow, IdentityTables } from './tables.js';
import { identityEpoch } from './epoch.repository.js';

// All SQL about API clients and their assertion replay cache.

function q(tx: AnyTx): Kysely<IdentityTables> {
  return tx as unknown as Kysely<IdentityTables>;
}

/** API client SQL. */
export const clientsRepo = {
  async insert(tx: AnyTx, row: ApiClientRow): Promise<void> {
    await q(tx).insertInto('api_clients').values(row).execute();
  },
  /** Updates a client and bumps the identity epoch (pass a transaction: both land together). */
  async update(tx: AnyTx, id: string, patch: Partial<ApiClientRow>): Promise<void> {
    await q(tx).updateTable('api_clients').set(patch).where('id', '=', id).execute();
    await identityEpoch.bump(tx);
  },
  async get(tx: AnyTx, id: string): Promise<ApiClientRow | undefined> {
    return q(tx).selectFrom('api_clients').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byIds(tx: AnyTx, ids: readonly string[]): Promise<ApiClientRow[]> {
    if (!ids.length) return [];
    return q(tx)
      .selectFrom('api_clients')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  },
  async list(tx: AnyTx, f: { orgId?: string; limit: number; offset: number }): Promise<ApiClientRow[]> {
    let query = q(tx).selectFrom('api_clients').selectAll();
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    return query.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  },
  /** Records an assertion id; false when it was already used (a replay). */
  async useJti(tx: AnyTx, clientId: string, jti: string, expiresAt: string, now: string): Promise<boolean> {
    await q(tx).deleteFrom('client_assertion_jtis').where('expires_at', '<', now).execute();
    const seen = await q(tx)
      .selectFrom('client_assertion_jtis')
      .select('jti')
      .where('client_id', '=', clientId)
      .where('jti', '=', jti)
      .executeTakeFirst();
    if (seen) return false;
    await q(tx)
      .insertInto('client_assertion_jtis')
      .values({ client_id: clientId, jti, expires_at: expiresAt })
      .execute();
    return true;
  },
};
