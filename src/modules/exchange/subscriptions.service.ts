import { AppError, newId, notFound, parseInput, type RequestContext } from '../../kernel/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { ChangeFeed } from './changes.feed.js';
import { grantedFields } from './grant-admission.js';
import { decodeCursor, encodeCursor } from './domain/change-feed.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { subscriptionBody } from './exchange.schemas.js';
import { callerOf } from './records.service.js';
import { subscriptionsRepo as repo, type SubscriptionRow } from './subscriptions.repository.js';

// Push subscriptions to a grant's changes (docs/subscriptions.md): an API client bound to a grant with the
// `subscription` method registers an endpoint; the push job (subscription-push.ts) moves the grant's changes
// into the notifications outbox from the subscription's cursor on. Registering and deleting are evidence.

/** A subscription as its owner sees it. */
export interface Subscription {
  id: string;
  grantId: string;
  /** The notifications endpoint (its deliveries and attempts: GET /api/v1/webhooks/{id}/deliveries). */
  webhookId: string;
  fields: string[];
  /** The log position up to which changes are queued for delivery. */
  cursor: string;
  status: SubscriptionRow['status'];
  statusReason: string | null;
  createdAt: string;
}

function present(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    grantId: r.grant_id,
    webhookId: r.webhook_id,
    fields: r.fields.split(','),
    cursor: encodeCursor(r.cursor),
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at,
  };
}

/** Registering, listing and deleting push subscriptions. */
export class SubscriptionsService {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly feed: ChangeFeed,
  ) {}

  /** Subscribes the calling API client's endpoint to a grant's changes (from activation or a cursor). */
  async create(ctx: RequestContext, grantId: string, input: unknown): Promise<Subscription> {
    const v = parseInput(subscriptionBody, input);
    const g = await this.authorize(ctx, grantId);
    const fields = grantedFields(g, v.fields);
    const cursor = v.cursor === undefined ? await this.feed.start(g) : decodeCursor(v.cursor)!;
    const now = this.deps.clock.now();
    // A cursor already past the retention is refused now (410) rather than at the first push.
    await this.feed.read(g, fields, cursor, 1, now);
    const id = newId();
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const webhookId = await this.deps.outbox.createEndpoint(
        tx,
        g.consumerOrgId,
        v.url,
        v.description ?? `exchange subscription ${id} (grant ${grantId})`,
      );
      const row: SubscriptionRow = {
        id,
        grant_id: grantId,
        org_id: g.consumerOrgId,
        client_id: ctx.actor.id!,
        client_ip: ctx.ip ?? null,
        webhook_id: webhookId,
        fields: fields.join(','),
        cursor,
        status: 'active',
        status_reason: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await repo.insert(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'exchange.subscription.create',
        subjectType: 'subscription',
        subjectId: id,
        orgId: g.consumerOrgId,
        change: { grantId, url: v.url, fields, cursor },
        details: { grantId, resourceId: g.resourceId, webhookId, fields: row.fields, cursor },
      });
      return present(row);
    });
  }

  /** The grant's subscriptions (the caller's organisation's, by grant check). */
  async list(ctx: RequestContext, grantId: string): Promise<Subscription[]> {
    await this.authorize(ctx, grantId);
    return (await repo.forGrant(this.deps.db.kysely, grantId)).map(present);
  }

  /** Ends a subscription: nothing more is queued, and queued deliveries are cancelled. */
  async delete(ctx: RequestContext, grantId: string, id: string): Promise<Subscription> {
    const g = await this.authorize(ctx, grantId);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const row = await repo.get(tx, id);
      if (!row || row.grant_id !== grantId) throw notFound('Subscription');
      if (row.status === 'deleted') return present(row);
      const at = this.deps.clock.now().toISOString();
      await repo.setStatus(tx, id, 'deleted', 'deleted by the consumer', at);
      await this.deps.outbox.disableEndpoint(tx, row.webhook_id);
      await this.deps.audit.record(tx, ctx, {
        action: 'exchange.subscription.delete',
        subjectType: 'subscription',
        subjectId: id,
        orgId: g.consumerOrgId,
        details: { grantId, cursor: row.cursor },
      });
      return present({ ...row, status: 'deleted', status_reason: 'deleted by the consumer', updated_at: at });
    });
  }

  // Push is for API clients: a client's binding to the grant can be checked again at every push without a
  // session, which a console user's cannot.
  private async authorize(ctx: RequestContext, grantId: string): Promise<CompiledGrant> {
    const g = await this.deps.grants.authorizeAccess(callerOf(ctx), grantId, 'subscription');
    if (ctx.actor.kind !== 'client' || !ctx.actor.id)
      throw new AppError(
        'FORBIDDEN',
        'Push subscriptions are registered by API clients bound to the grant.',
        {
          reason: 'CLIENT_ONLY',
        },
      );
    return g;
  }
}
