import {
  authorize,
  fieldError,
  newId,
  notFound,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { eventMatches, webhookUrlProblem } from './domain/url-policy.js';
import type { NotificationsDeps } from './notifications.deps.js';
import { notificationsRepo as repo } from './notifications.repository.js';
import { createWebhookSchema, inboxQuery, updateWebhookSchema } from './notifications.schemas.js';
import {
  presentDelivery,
  presentMessage,
  presentWebhook,
  type Delivery,
  type InboxMessage,
  type Webhook,
} from './presenters.js';

// Notifications are written in the transaction of the change that causes them: inbox rows for the recipients
// and, per matching webhook of the organisation, a delivery row plus a delivery job (a transactional outbox).
// After commit the job runner delivers with retries; nothing is lost across a restart because the outbox is
// the database.

/** What a module reports when something needs attention. */
export interface NotificationInput {
  /** Dotted event type, e.g. 'alert.raised'. */
  type: string;
  title: string;
  body?: string;
  subjectType: string;
  subjectId: string;
  /** Console path of the subject, e.g. '/alerts/<id>'. */
  link?: string;
  /** The organisation whose webhooks receive the event (none: inbox only). */
  orgId?: string | null;
  recipients: { userIds?: string[]; roles?: { role: Role; orgId?: string }[] };
  /** Webhook data: ids, codes and counts only — never personal data. */
  data?: Record<string, unknown>;
}

export const WEBHOOK_JOB = 'webhook.deliver';

/** Inbox, webhooks and the outbox. */
export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  /** Records a notification inside the caller's transaction; returns the recipients' user ids. */
  async notify(tx: AnyTx, n: NotificationInput): Promise<string[]> {
    const now = this.deps.clock.now().toISOString();
    const users = new Set(n.recipients.userIds ?? []);
    for (const r of n.recipients.roles ?? []) {
      for (const u of await this.deps.directory.usersWithRole(tx, r.role, r.orgId)) users.add(u.id);
    }
    await repo.insertMessages(
      tx,
      [...users].map((userId) => ({
        id: newId(),
        user_id: userId,
        type: n.type,
        title: n.title,
        body: n.body ?? null,
        subject_type: n.subjectType,
        subject_id: n.subjectId,
        link: n.link ?? null,
        created_at: now,
        read_at: null,
      })),
    );
    if (n.orgId) {
      const hooks = (await repo.webhooks(tx, n.orgId, true)).filter((w) =>
        (JSON.parse(w.events) as string[]).some((p) => eventMatches(p, n.type)),
      );
      for (const w of hooks) {
        const id = newId();
        const payload = {
          id,
          type: n.type,
          occurredAt: now,
          orgId: n.orgId,
          subject: { type: n.subjectType, id: n.subjectId },
          title: n.title,
          data: n.data ?? {},
        };
        await repo.insertDelivery(tx, {
          id,
          webhook_id: w.id,
          event_type: n.type,
          payload: JSON.stringify(payload),
          status: 'pending',
          attempts: 0,
          last_status_code: null,
          last_error: null,
          created_at: now,
          delivered_at: null,
        });
        await this.deps.jobs.enqueue(
          tx,
          WEBHOOK_JOB,
          { deliveryId: id },
          { idempotencyKey: `webhook:${id}`, maxAttempts: this.deps.webhookMaxAttempts },
        );
      }
    }
    return [...users];
  }

  /**
   * Registers an organisation's endpoint for deliveries addressed to it alone (no event types, so no
   * organisation event reaches it), inside the caller's transaction; the caller authorizes and records the
   * evidence. Listed with the organisation's webhooks, with its deliveries and attempts.
   */
  async createEndpoint(tx: AnyTx, orgId: string, url: string, description: string): Promise<string> {
    const problem = webhookUrlProblem(url, this.deps.webhookAllowPrivate);
    if (problem) throw fieldError('url', 'URL_NOT_ALLOWED', problem);
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    await repo.insertWebhook(tx, {
      id,
      org_id: orgId,
      url,
      events: '[]',
      description,
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  /** Disables an endpoint (its pending deliveries are cancelled when they come up). */
  async disableEndpoint(tx: AnyTx, id: string): Promise<void> {
    await repo.updateWebhook(tx, id, { status: 'disabled', updated_at: this.deps.clock.now().toISOString() });
  }

  /**
   * Queues one delivery to an endpoint in the caller's transaction (the outbox row and its job). The id is
   * the caller's: a deterministic id makes a second enqueue of the same thing fail instead of duplicating.
   */
  async enqueueDelivery(
    tx: AnyTx,
    d: { id: string; webhookId: string; eventType: string; payload: string; maxAttempts?: number },
  ): Promise<void> {
    await repo.insertDelivery(tx, {
      id: d.id,
      webhook_id: d.webhookId,
      event_type: d.eventType,
      payload: d.payload,
      status: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      created_at: this.deps.clock.now().toISOString(),
      delivered_at: null,
    });
    await this.deps.jobs.enqueue(
      tx,
      WEBHOOK_JOB,
      { deliveryId: d.id },
      { idempotencyKey: `webhook:${d.id}`, maxAttempts: d.maxAttempts ?? this.deps.webhookMaxAttempts },
    );
  }

  /** The caller's inbox, newest first. */
  async inbox(ctx: RequestContext, query: unknown = {}): Promise<{ unread: number; items: InboxMessage[] }> {
    requireUser(ctx);
    const q = parseInput(inboxQuery, query);
    const db = this.deps.db.kysely;
    const [items, unread] = await Promise.all([
      repo.messages(db, ctx.actor.id!, { unread: q.unread, before: q.before, limit: q.limit }),
      repo.unreadCount(db, ctx.actor.id!),
    ]);
    return { unread, items: items.map(presentMessage) };
  }

  /** The caller's unread count (the console polls it). */
  async unreadCount(ctx: RequestContext): Promise<{ unread: number }> {
    requireUser(ctx);
    return { unread: await repo.unreadCount(this.deps.db.kysely, ctx.actor.id!) };
  }

  /** Marks one of the caller's messages (or all of them, id null) read. */
  async markRead(ctx: RequestContext, id: string | null): Promise<{ updated: number }> {
    requireUser(ctx);
    const db = this.deps.db.kysely;
    if (id) {
      const m = await repo.message(db, id);
      if (!m || m.user_id !== ctx.actor.id) throw notFound('Message');
    }
    return { updated: await repo.markRead(db, ctx.actor.id!, id, this.deps.clock.now().toISOString()) };
  }

  /** An organisation's webhooks. */
  async webhooks(ctx: RequestContext, orgId: string): Promise<Webhook[]> {
    authorize(ctx, 'webhook.read', orgId);
    return (await repo.webhooks(this.deps.db.kysely, orgId)).map(presentWebhook);
  }

  /** Subscribes an organisation's endpoint to event types. */
  async createWebhook(ctx: RequestContext, orgId: string, input: unknown): Promise<Webhook> {
    authorize(ctx, 'webhook.write', orgId);
    const v = parseInput(createWebhookSchema, input);
    const problem = webhookUrlProblem(v.url, this.deps.webhookAllowPrivate);
    if (problem) throw fieldError('url', 'URL_NOT_ALLOWED', problem);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      const row = {
        id: newId(),
        org_id: orgId,
        url: v.url,
        events: JSON.stringify(v.events),
        description: v.description ?? null,
        status: 'active',
        created_at: now,
        updated_at: now,
      };
      await repo.insertWebhook(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'notifications.webhook.create',
        subjectType: 'webhook',
        subjectId: row.id,
        orgId,
        change: { url: v.url, events: v.events },
      });
      return presentWebhook(row);
    });
  }

  /** Changes a webhook's URL, events or status. */
  async updateWebhook(ctx: RequestContext, id: string, input: unknown): Promise<Webhook> {
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      // Permission first, so a caller without rights learns nothing from validation messages.
      const before = await repo.webhook(tx, id);
      authorize(ctx, 'webhook.write', before?.org_id ?? null);
      if (!before) throw notFound('Webhook');
      const v = parseInput(updateWebhookSchema, input);
      if (v.url) {
        const problem = webhookUrlProblem(v.url, this.deps.webhookAllowPrivate);
        if (problem) throw fieldError('url', 'URL_NOT_ALLOWED', problem);
      }
      const patch = {
        ...(v.url !== undefined && { url: v.url }),
        ...(v.events !== undefined && { events: JSON.stringify(v.events) }),
        ...(v.status !== undefined && { status: v.status }),
        updated_at: this.deps.clock.now().toISOString(),
      };
      await repo.updateWebhook(tx, id, patch);
      const after = presentWebhook({ ...before, ...patch });
      await this.deps.audit.record(tx, ctx, {
        action: 'notifications.webhook.update',
        subjectType: 'webhook',
        subjectId: id,
        orgId: before.org_id,
        change: { before: presentWebhook(before), after },
      });
      return after;
    });
  }

  /** Recent deliveries of a webhook with every attempt. */
  async deliveries(ctx: RequestContext, webhookId: string): Promise<Delivery[]> {
    const db = this.deps.db.kysely;
    const hook = await repo.webhook(db, webhookId);
    authorize(ctx, 'webhook.read', hook?.org_id ?? null);
    if (!hook) throw notFound('Webhook');
    const rows = await repo.deliveries(db, webhookId, 100);
    const attempts = await repo.attempts(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) =>
      presentDelivery(
        r,
        attempts.filter((a) => a.delivery_id === r.id),
      ),
    );
  }
}
