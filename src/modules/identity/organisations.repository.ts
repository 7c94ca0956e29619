import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { IdentityTables, OrganisationRow, OrgKeyRow } from './tables.js';
import { identityEpoch } from './epoch.repository.js';

// All SQL about organisations and their keys.

function q(tx: AnyTx): Kysely<IdentityTables> {
  return tx as unknown as Kysely<IdentityTables>;
}

/** Organisation SQL. */
export const organisationsRepo = {
  async insert(tx: AnyTx, row: OrganisationRow): Promise<void> {
    await q(tx).insertInto('organisations').values(row).execute();
  },
  /** Updates an organisation and bumps the identity epoch (pass a transaction: both land together). */
  async update(tx: AnyTx, id: string, patch: Partial<OrganisationRow>): Promise<void> {
    await q(tx).updateTable('organisations').set(patch).where('id', '=', id).execute();
    await identityEpoch.bump(tx);
  },
  async get(tx: AnyTx, id: string): Promise<OrganisationRow | undefined> {
    return q(tx).selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byIds(tx: AnyTx, ids: string[]): Promise<OrganisationRow[]> {
    if (ids.length === 0) return [];
    return q(tx).selectFrom('organisations').selectAll().where('id', 'in', ids).execute();
  },
  async byUscc(tx: AnyTx, uscc: string): Promise<OrganisationRow | undefined> {
    return q(tx).selectFrom('organisations').selectAll().where('uscc', '=', uscc).executeTakeFirst();
  },
  async operator(tx: AnyTx): Promise<OrganisationRow | undefined> {
    return q(tx).selectFrom('organisations').selectAll().where('is_operator', '=', 1).executeTakeFirst();
  },
  async list(
    tx: AnyTx,
    f: { q?: string; onlyId?: string; limit: number; offset: number },
  ): Promise<OrganisationRow[]> {
    let query = q(tx).selectFrom('organisations').selectAll();
    if (f.onlyId) query = query.where('id', '=', f.onlyId);
    // Plain substring match on name or exact USCC; LIKE is case-sensitive for CJK on both engines alike.
    if (f.q)
      query = query.where((eb) =>
        eb.or([eb('name', 'like', `%${escapeLike(f.q!)}%`), eb('uscc', '=', f.q!)]),
      );
    return query.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  },
  async count(tx: AnyTx): Promise<number> {
    const r = await q(tx)
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async countByLevel(tx: AnyTx): Promise<{ level: string; n: number }[]> {
    const rows = await q(tx)
      .selectFrom('organisations')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    return rows.map((r) => ({ level: r.level, n: Number(r.n) }));
  },
  async countByRegion(tx: AnyTx): Promise<{ regionCode: string; n: number }[]> {
    const rows = await q(tx)
      .selectFrom('organisations')
      .select(['region_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('region_code')
      .execute();
    return rows.map((r) => ({ regionCode: r.region_code, n: Number(r.n) }));
  },
  async insertKey(tx: AnyTx, row: OrgKeyRow): Promise<void> {
    await q(tx).insertInto('org_keys').values(row).execute();
  },
  async keys(tx: AnyTx, orgId: string): Promise<OrgKeyRow[]> {
    return q(tx)
      .selectFrom('org_keys')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },
  async activeKey(
    tx: AnyTx,
    orgId: string,
    purpose: string,
    profile: string,
  ): Promise<OrgKeyRow | undefined> {
    return q(tx)
      .selectFrom('org_keys')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('purpose', '=', purpose)
      .where('profile', '=', profile)
      .where('status', '=', 'active')
      .executeTakeFirst();
  },
  async retireKey(tx: AnyTx, id: string, at: string): Promise<void> {
    await q(tx)
      .updateTable('org_keys')
      .set({ status: 'retired', retired_at: at })
      .where('id', '=', id)
      .execute();
  },
};

/** Escapes LIKE wildcards in user input (we use the default backslash-free form: '%' and '_' are rare in names). */
export function escapeLike(s: string): string {
  // Backslash too: PostgreSQL's LIKE treats it as an escape and SQLite does not, so it would match differently.
  return s.replace(/[%_\\]/g, '');
}
