import { AppError, newId, shanghaiDate, systemContext, type AnyTx } from '../../kernel/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import { accessRepo } from './access.repository.js';
import { DEFAULT_CHANGE_RETENTION_DAYS, type ChangeFeed } from './changes.feed.js';
import { encodeCursor, type ChangeOp } from './domain/change-feed.js';
import type { ExchangeDeps } from './exchange.deps.js';
import type { GrantMaskers } from './row-masker.js';
import { subscriptionsRepo as repo, type SubscriptionRow } from './subscriptions.repository.js';
import { usageRepo } from './usage.repository.js';

// The push side of change subscriptions. A scheduled job reads each active subscription's feed from its
// cursor and, in ONE transaction, queues one outbox delivery per change and moves the cursor (compare-and-
// set): a crash before commit queues nothing and moves nothing, a crash after leaves both — so no change is
// lost or queued twice across restarts, and two runners cannot both queue a page (the second's cursor update
// matches nothing, and the deliveries' deterministic ids collide). The outbox row holds only a reference;
// the body is built at every attempt (the resolver below): masked values never rest in the outbox, and a
// suspended or revoked grant stops even deliveries already queued.

/** The job that moves changes into the outbox. */
export const PUSH_JOB = 'exchange.changes.push';
/** The event type of a pushed change (its outbox rows hold a reference). */
export const CHANGE_EVENT = 'exchange.change';

/** Log entries read per transaction, and transactions per subscription and run. */
const BATCH = 500;
const BATCHES_PER_RUN = 20;

/** What an outbox row of a pushed change holds: no values, only where to find them. */
interface PushReference {
  deliveryId: string;
  subscriptionId: string;
  changeId: string;
  seq: number;
  op: ChangeOp;
  key: string;
  rev: number;
  at: string;
}

/** Moves changes into the outbox and builds their bodies at delivery time. */
export class SubscriptionPush {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly feed: ChangeFeed,
    private readonly maskers: GrantMaskers,
  ) {}

  /** One pass over the active subscriptions (the job's handler). */
  async pushOnce(): Promise<{ subscriptions: number; queued: number }> {
    const subs = await repo.active(this.deps.db.kysely);
    let queued = 0;
    for (const s of subs) queued += await this.pushOne(s);
    return { subscriptions: subs.length, queued };
  }

  /** Builds the body of one pushed change from its outbox reference; throws (a retry) while the grant is unusable. */
  async resolve(reference: string): Promise<{ body: string; headers: Record<string, string> }> {
    const ref = JSON.parse(reference) as PushReference;
    const sub = await repo.get(this.deps.db.kysely, ref.subscriptionId);
    if (!sub || sub.status === 'deleted') throw new Error('the subscription was deleted');
    const g = await this.grantOf(sub);
    const fields = sub.fields.split(',');
    let values = null;
    if (ref.op !== 'delete') {
      const names = new Set(fields.map((f) => g.items.find((i) => i.code === f)!.name));
      const [e] = await this.deps.datastore.changes(g.resourceId, ref.seq - 1, 1, undefined, names);
      if (!e || e.seq !== ref.seq || !e.values) throw new Error(`change ${ref.changeId} is not in the log`);
      values = this.maskers.masker(g, fields, this.deps.clock.now())(e.values, e.key);
      if ((await this.deps.datastore.disputedKeys(g.resourceId, [e.key])).size) values._disputed = true;
    }
    const body = {
      id: ref.deliveryId,
      type: CHANGE_EVENT,
      occurredAt: ref.at,
      orgId: sub.org_id,
      subject: { type: 'grant', id: sub.grant_id },
      subscriptionId: sub.id,
      change: { id: ref.changeId, op: ref.op, key: ref.key, rev: ref.rev, at: ref.at, values },
    };
    return { body: JSON.stringify(body), headers: { 'idempotency-key': ref.changeId } };
  }

  private async pushOne(s: SubscriptionRow): Promise<number> {
    let g: CompiledGrant;
    try {
      g = await this.grantOf(s);
    } catch (e) {
      // A suspended, revoked or expired grant holds the subscription where it is; a resumed one goes on.
      if (e instanceof AppError) return 0;
      throw e;
    }
    const fields = s.fields.split(',');
    let cursor = s.cursor;
    let queued = 0;
    for (let i = 0; i < BATCHES_PER_RUN; i++) {
      const now = this.deps.clock.now();
      let page;
      try {
        page = await this.feed.read(g, fields, cursor, BATCH, now);
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'GONE')) throw e;
        // Fell behind the retention (e.g. a grant suspended for longer): the consumer must re-sync.
        await repo.setStatus(
          this.deps.db.kysely,
          s.id,
          'expired',
          'behind the retention of changes',
          now.toISOString(),
        );
        return queued;
      }
      if (page.next === cursor) break;
      const from = cursor;
      const moved = await this.deps.db.kysely.transaction().execute(async (tx) => {
        if (!(await repo.advance(tx, s.id, from, page.next, now.toISOString()))) return false;
        for (const c of page.changes) {
          const seq = Number(c.id.slice(c.id.lastIndexOf(':') + 1));
          const deliveryId = `${s.id}:${seq}`;
          const ref: PushReference = {
            deliveryId,
            subscriptionId: s.id,
            changeId: c.id,
            seq,
            op: c.op,
            key: c.key,
            rev: c.rev,
            at: c.at,
          };
          await this.deps.outbox.enqueueDelivery(tx, {
            id: deliveryId,
            webhookId: s.webhook_id,
            eventType: CHANGE_EVENT,
            payload: JSON.stringify(ref),
            maxAttempts: this.maxAttempts(),
          });
        }
        if (page.changes.length) await this.evidence(tx, s, g, from, page.next, page.changes.length, now);
        return true;
      });
      if (!moved) break;
      cursor = page.next;
      queued += page.changes.length;
      if (!page.hasMore) break;
    }
    return queued;
  }

  // What was handed to the outbox is data leaving the platform: one evidence event and access row per batch.
  private async evidence(
    tx: AnyTx,
    s: SubscriptionRow,
    g: CompiledGrant,
    after: number,
    next: number,
    rows: number,
    now: Date,
  ): Promise<void> {
    const ctx = systemContext('exchange.push', newId());
    const eventId = await this.deps.audit.record(tx, ctx, {
      action: 'exchange.changes.push',
      subjectType: 'grant',
      subjectId: g.grantId,
      orgId: g.consumerOrgId,
      details: {
        subscriptionId: s.id,
        resourceId: g.resourceId,
        clientId: s.client_id,
        fields: s.fields,
        after: encodeCursor(after),
        next: encodeCursor(next),
        rows,
      },
    });
    await usageRepo.add(tx, g.grantId, shanghaiDate(now), { calls: 0, rows, subjects: 0 });
    await accessRepo.insert(tx, {
      event_id: eventId,
      at: now.toISOString(),
      grant_id: g.grantId,
      resource_id: g.resourceId,
      provider_org_id: g.providerOrgId,
      consumer_org_id: g.consumerOrgId,
      method: 'push',
      caller_kind: 'client',
      caller_id: s.client_id,
      case_id: null,
      user_ref: null,
      fields: s.fields,
      rows,
      subjects: 0,
    });
  }

  // A consumer outage (or a suspension) as long as the retention must not kill a queued change: the job
  // backoff is capped at an hour, half of it jittered, so two attempts per hour of the retention, plus the
  // ramp-up, outlast it.
  private maxAttempts(): number {
    return (this.deps.changeRetentionDays ?? DEFAULT_CHANGE_RETENTION_DAYS) * 48 + 12;
  }

  // The grant check as the subscribing client, from the address it subscribed from.
  private grantOf(s: SubscriptionRow): Promise<CompiledGrant> {
    return this.deps.grants.authorizeAccess(
      { clientId: s.client_id, orgId: s.org_id, ip: s.client_ip ?? undefined },
      s.grant_id,
      'subscription',
    );
  }
}
