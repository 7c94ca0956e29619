import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { AttemptRow, DeliveryRow, InboxRow, NotificationTables, WebhookRow } from './tables.js';

// All SQL of inboxes, webhooks and deliveries.

function q(tx: AnyTx): Kysely<NotificationTables> {
  return tx as unknown as Kysely<NotificationTables>;
}

/** Notification SQL. */
export const notificationsRepo = {
  async insertMessages(tx: AnyTx, rows: InboxRow[]): Promise<void> {
    if (rows.length) await q(tx).insertInto('inbox_messages').values(rows).execute();
  },
  async messages(
    tx: AnyTx,
    userId: string,
    f: { unread?: boolean; before?: string; limit: number },
  ): Promise<InboxRow[]> {
    let query = q(tx).selectFrom('inbox_messages').selectAll().where('user_id', '=', userId);
    if (f.unread) query = query.where('read_at', 'is', null);
    if (f.before) query = query.where('id', '<', f.before);
    return query.orderBy('id', 'desc').limit(f.limit).execute();
  },
  async unreadCount(tx: AnyTx, userId: string): Promise<number> {
    const r = await q(tx)
      .selectFrom('inbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async markRead(tx: AnyTx, userId: string, id: string | null, at: string): Promise<number> {
    let query = q(tx)
      .updateTable('inbox_messages')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (id) query = query.where('id', '=', id);
    return Number((await query.executeTakeFirst()).numUpdatedRows);
  },
  async message(tx: AnyTx, id: string): Promise<InboxRow | undefined> {
    return q(tx).selectFrom('inbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertWebhook(tx: AnyTx, row: WebhookRow): Promise<void> {
    await q(tx).insertInto('webhooks').values(row).execute();
  },
  async updateWebhook(tx: AnyTx, id: string, patch: Partial<WebhookRow>): Promise<void> {
    await q(tx).updateTable('webhooks').set(patch).where('id', '=', id).execute();
  },
  async webhook(tx: AnyTx, id: string): Promise<WebhookRow | undefined> {
    return q(tx).selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async webhooks(tx: AnyTx, orgId: string, activeOnly = false): Promise<WebhookRow[]> {
    let query = q(tx).selectFrom('webhooks').selectAll().where('org_id', '=', orgId);
    if (activeOnly) query = query.where('status', '=', 'active');
    return query.orderBy('created_at').orderBy('id').execute();
  },
  async insertDelivery(tx: AnyTx, row: DeliveryRow): Promise<void> {
    await q(tx).insertInto('webhook_deliveries').values(row).execute();
  },
  async delivery(tx: AnyTx, id: string): Promise<DeliveryRow | undefined> {
    return q(tx).selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async deliveries(tx: AnyTx, webhookId: string, limit: number): Promise<DeliveryRow[]> {
    return q(tx)
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
  async updateDelivery(tx: AnyTx, id: string, patch: Partial<DeliveryRow>): Promise<void> {
    await q(tx).updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
  },
  async insertAttempt(tx: AnyTx, row: AttemptRow): Promise<void> {
    await q(tx).insertInto('webhook_attempts').values(row).execute();
  },
  async attempts(tx: AnyTx, deliveryIds: string[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return q(tx)
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', deliveryIds)
      .orderBy('attempt')
      .execute();
  },
};
