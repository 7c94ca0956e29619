import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import { escapeLike } from './organisations.repository.js';
import type { IdentityTables, SessionRow, UserRow } from './tables.js';

// All SQL about users, their roles and sessions.

function q(tx: AnyTx): Kysely<IdentityTables> {
  return tx as unknown as Kysely<IdentityTables>;
}

/** User, role and session SQL. */
export const usersRepo = {
  async insert(tx: AnyTx, row: UserRow): Promise<void> {
    await q(tx).insertInto('users').values(row).execute();
  },
  async update(tx: AnyTx, id: string, patch: Partial<UserRow>): Promise<void> {
    await q(tx).updateTable('users').set(patch).where('id', '=', id).execute();
  },
  /** Records a used TOTP step unless it or a later one was used already (atomic); false for a replay. */
  async claimTotpStep(tx: AnyTx, id: string, step: number): Promise<boolean> {
    const r = await q(tx)
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async get(tx: AnyTx, id: string): Promise<UserRow | undefined> {
    return q(tx).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async byUsername(tx: AnyTx, username: string): Promise<UserRow | undefined> {
    return q(tx).selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },
  async list(
    tx: AnyTx,
    f: { orgId?: string; q?: string; limit: number; offset: number },
  ): Promise<UserRow[]> {
    let query = q(tx).selectFrom('users').selectAll();
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      query = query.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
    }
    return query.orderBy('created_at').orderBy('id').limit(f.limit).offset(f.offset).execute();
  },
  async count(tx: AnyTx): Promise<number> {
    const r = await q(tx)
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async roles(tx: AnyTx, userId: string): Promise<string[]> {
    const rows = await q(tx)
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId)
      .orderBy('role')
      .execute();
    return rows.map((r) => r.role);
  },
  /** Active users holding a role, optionally within one organisation (routing of notifications). */
  async withRole(tx: AnyTx, role: string, orgId?: string): Promise<{ id: string; org_id: string }[]> {
    let query = q(tx)
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['users.id', 'users.org_id'])
      .where('user_roles.role', '=', role)
      .where('users.status', '=', 'active');
    if (orgId) query = query.where('users.org_id', '=', orgId);
    return query.orderBy('users.id').execute();
  },
  async rolesOf(tx: AnyTx, userIds: string[]): Promise<Map<string, string[]>> {
    const m = new Map<string, string[]>();
    if (userIds.length === 0) return m;
    const rows = await q(tx)
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where('user_id', 'in', userIds)
      .orderBy('role')
      .execute();
    for (const r of rows) m.set(r.user_id, [...(m.get(r.user_id) ?? []), r.role]);
    return m;
  },
  async countByRole(tx: AnyTx): Promise<{ role: string; n: number }[]> {
    const rows = await q(tx)
      .selectFrom('user_roles')
      .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('role')
      .execute();
    return rows.map((r) => ({ role: r.role, n: Number(r.n) }));
  },
  async addRole(tx: AnyTx, userId: string, role: string, at: string, by: string | null): Promise<void> {
    await q(tx)
      .insertInto('user_roles')
      .values({ user_id: userId, role, granted_at: at, granted_by: by })
      .execute();
  },
  async removeRole(tx: AnyTx, userId: string, role: string): Promise<number> {
    const r = await q(tx)
      .deleteFrom('user_roles')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  async insertSession(tx: AnyTx, row: SessionRow): Promise<void> {
    await q(tx).insertInto('sessions').values(row).execute();
  },
  async sessionByRefreshHash(tx: AnyTx, hash: string): Promise<SessionRow | undefined> {
    return q(tx).selectFrom('sessions').selectAll().where('refresh_hash', '=', hash).executeTakeFirst();
  },
  async session(tx: AnyTx, id: string): Promise<SessionRow | undefined> {
    return q(tx).selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async revokeSession(tx: AnyTx, id: string, at: string): Promise<void> {
    await q(tx)
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  },
  async revokeFamily(tx: AnyTx, familyId: string, at: string): Promise<void> {
    await q(tx)
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  },
  async revokeUserSessions(tx: AnyTx, userId: string, at: string): Promise<void> {
    await q(tx)
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  },
};
