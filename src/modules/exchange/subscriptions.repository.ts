import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';

/** A row of exchange_subscriptions. */
export interface SubscriptionRow {
  id: string;
  grant_id: string;
  org_id: string;
  client_id: string;
  client_ip: string | null;
  webhook_id: string;
  /** Item codes, comma-separated. */
  fields: string;
  cursor: number;
  /** active: pushing; deleted: by the consumer; expired: fell behind the retention (re-sync needed). */
  status: 'active' | 'deleted' | 'expired';
  status_reason: string | null;
  created_at: string;
  updated_at: string;
}

interface SubscriptionTables {
  exchange_subscriptions: SubscriptionRow;
}

function q(tx: AnyTx): Kysely<SubscriptionTables> {
  return tx as unknown as Kysely<SubscriptionTables>;
}

/** Change subscriptions SQL. */
export const subscriptionsRepo = {
  async insert(tx: AnyTx, row: SubscriptionRow): Promise<void> {
    await q(tx).insertInto('exchange_subscriptions').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<SubscriptionRow | undefined> {
    const r = await q(tx)
      .selectFrom('exchange_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && { ...r, cursor: Number(r.cursor) };
  },
  async forGrant(tx: AnyTx, grantId: string): Promise<SubscriptionRow[]> {
    const rows = await q(tx)
      .selectFrom('exchange_subscriptions')
      .selectAll()
      .where('grant_id', '=', grantId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, cursor: Number(r.cursor) }));
  },
  async active(tx: AnyTx): Promise<SubscriptionRow[]> {
    const rows = await q(tx)
      .selectFrom('exchange_subscriptions')
      .selectAll()
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, cursor: Number(r.cursor) }));
  },
  /**
   * Moves the cursor from `from` to `to` (compare-and-set): false when another runner moved it first, so
   * the caller rolls back rather than queueing the same changes twice.
   */
  async advance(tx: AnyTx, id: string, from: number, to: number, at: string): Promise<boolean> {
    const r = await q(tx)
      .updateTable('exchange_subscriptions')
      .set({ cursor: to, updated_at: at })
      .where('id', '=', id)
      .where('cursor', '=', from)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setStatus(
    tx: AnyTx,
    id: string,
    status: SubscriptionRow['status'],
    reason: string | null,
    at: string,
  ): Promise<void> {
    await q(tx)
      .updateTable('exchange_subscriptions')
      .set({ status, status_reason: reason, updated_at: at })
      .where('id', '=', id)
      .execute();
  },
};
