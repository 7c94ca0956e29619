import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import { listByParty, type PartyListFilter } from './party-list.repository.js';
import type { GrantHistoryRow, GrantRow, GrantStatus, GrantTables } from './grants.tables.js';

function q(tx: AnyTx): Kysely<GrantTables> {
  return tx as unknown as Kysely<GrantTables>;
}

/** Which grants a list shows. */
export type GrantListFilter = PartyListFilter<GrantStatus>;

/** Grant SQL (both engines). */
export const grantsRepo = {
  async insert(tx: AnyTx, row: GrantRow): Promise<void> {
    await q(tx).insertInto('sharing_grants').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<GrantRow | undefined> {
    return q(tx).selectFrom('sharing_grants').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async list(tx: AnyTx, f: GrantListFilter): Promise<{ rows: GrantRow[]; total: number }> {
    return listByParty<GrantRow>(tx, 'sharing_grants', f);
  },
  async forApplication(tx: AnyTx, applicationId: string): Promise<GrantRow[]> {
    return q(tx)
      .selectFrom('sharing_grants')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
  },
  async byResource(tx: AnyTx, resourceId: string, statuses: GrantStatus[]): Promise<GrantRow[]> {
    return q(tx)
      .selectFrom('sharing_grants')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('status', 'in', statuses)
      .orderBy('id')
      .execute();
  },
  /** Every grant ever issued, of one resource or of all, in issue order (leak tracing considers them all). */
  async everIssued(tx: AnyTx, resourceId: string | null): Promise<GrantRow[]> {
    let base = q(tx).selectFrom('sharing_grants').selectAll();
    if (resourceId !== null) base = base.where('resource_id', '=', resourceId);
    return base.orderBy('id').execute();
  },
  /** Live grants whose last valid day is on or before `date` (YYYY-MM-DD). */
  async endingBy(tx: AnyTx, date: string, statuses: GrantStatus[]): Promise<GrantRow[]> {
    return q(tx)
      .selectFrom('sharing_grants')
      .selectAll()
      .where('status', 'in', statuses)
      .where('valid_until', '<=', date)
      .orderBy('valid_until')
      .orderBy('id')
      .execute();
  },
  /** Moves a grant from one of `from` to a new status; false when it was not in `from` (a lost race). */
  async setStatus(
    tx: AnyTx,
    id: string,
    from: GrantStatus[],
    patch: Pick<GrantRow, 'status' | 'status_reason' | 'updated_at'>,
  ): Promise<boolean> {
    const r = await q(tx)
      .updateTable('sharing_grants')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setReminders(tx: AnyTx, id: string, remindersSent: number[]): Promise<void> {
    await q(tx)
      .updateTable('sharing_grants')
      .set({ reminders_sent: JSON.stringify(remindersSent) })
      .where('id', '=', id)
      .execute();
  },
  async addHistory(tx: AnyTx, row: GrantHistoryRow): Promise<void> {
    await q(tx).insertInto('sharing_grant_history').values(row).execute();
  },
  async history(tx: AnyTx, grantId: string): Promise<GrantHistoryRow[]> {
    return q(tx)
      .selectFrom('sharing_grant_history')
      .selectAll()
      .where('grant_id', '=', grantId)
      .orderBy('id')
      .execute();
  },
  /** The current grant epoch (the access cache's probe: one indexed single-row read). */
  async epoch(tx: AnyTx): Promise<number> {
    const r = await q(tx)
      .selectFrom('sharing_grant_epoch')
      .select('epoch')
      .where('id', '=', 'grants')
      .executeTakeFirst();
    return Number(r?.epoch ?? 0);
  },
  /** Bumps the epoch inside the caller's transaction, so readers see it exactly when the change commits. */
  async bumpEpoch(tx: AnyTx): Promise<void> {
    await q(tx)
      .updateTable('sharing_grant_epoch')
      .set((eb) => ({ epoch: eb('epoch', '+', 1) }))
      .where('id', '=', 'grants')
      .execute();
  },
};
