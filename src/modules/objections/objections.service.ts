import {
  authorize,
  forbidden,
  parseInput,
  scopeOf,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import type { ObjectionsDeps } from './objections.deps.js';
import { presentObjection, type Objection } from './objections.presenters.js';
import { objectionsRepo as repo } from './objections.repository.js';
import {
  objectionAcceptSchema,
  objectionListQuery,
  objectionRateSchema,
  objectionReasonSchema,
} from './objections.schemas.js';
import {
  moveObjection,
  notifyObjection,
  notifyRaiser,
  objectionSla,
  providerRoles,
  recordStep,
  showObjection,
  visibleObjection,
  type ObjectionView,
} from './objections.support.js';
import type { ObjectionRow } from './objections.tables.js';

// The objection loop's reads and the provider's answer (docs/objections.md): accept — the records become
// disputed for every consumer and the resolution deadline starts — or reject with a reason; the raiser rates
// the handling of a closed objection, which archives it. An objection of other organisations does not exist
// for the caller (404); a party acting outside its role gets 403; a step from the wrong state 409.

/** Reads, answers and ratings of objections. */
export class ObjectionsService {
  constructor(private readonly deps: ObjectionsDeps) {}

  /** Objections my organisation raised or answers (platform readers: all), by box, status and resource. */
  async list(ctx: RequestContext, query: unknown = {}): Promise<{ items: Objection[]; total: number }> {
    authorize(ctx, 'objection.read', ctx.actor.orgId);
    const q = parseInput(objectionListQuery, query);
    const platform = scopeOf(ctx, 'objection.read') === 'platform';
    const org = ctx.actor.orgId ?? '';
    const db = this.deps.db.kysely;
    const { rows, total } = await repo.list(db, {
      ...(q.box === 'raised' && { raiserOrgId: org }),
      ...(q.box === 'provider' && { providerOrgId: org }),
      ...(q.box === 'all' && !platform && { partyOrgId: org }),
      ...(q.status && { status: q.status }),
      ...(q.resourceId && { resourceId: q.resourceId }),
      limit: q.limit,
      offset: q.offset,
    });
    const orgs = await this.deps.directory.organisations(
      db,
      rows.flatMap((r) => [r.raiser_org_id, r.provider_org_id]),
    );
    const items = [];
    for (const r of rows) items.push(presentObjection(r, orgs, await objectionSla(this.deps, db, r)));
    return { items, total };
  }

  /** One objection with its records and history. */
  async get(ctx: RequestContext, id: string): Promise<ObjectionView> {
    const db = this.deps.db.kysely;
    return showObjection(this.deps, db, ctx, await visibleObjection(ctx, db, id));
  }

  /** The provider accepts: the records are flagged disputed and the resolution deadline starts. */
  async accept(ctx: RequestContext, id: string, input: unknown): Promise<ObjectionView> {
    const { comment } = parseInput(objectionAcceptSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const o = await this.provided(ctx, tx, id);
      const now = this.deps.clock.now();
      const days = this.deps.settings.resolveDays;
      const due = await this.deps.calendar.deadline(tx, ctx, now, days);
      await moveObjection(this.deps, tx, o, ['raised'], {
        status: 'accepted',
        answered_at: now.toISOString(),
        answered_by: ctx.actor.id,
        stage: 'resolve',
        working_days: days,
        due_at: due.dueAt,
        due_date: due.dueDate,
        escalated_at: null,
      });
      const keys = (await repo.records(tx, id)).map((r) => r.record_key);
      const flagged = await this.deps.datastore.setDisputed(
        tx,
        o.resource_id,
        keys,
        true,
        `objection:${o.id}`,
      );
      await recordStep(this.deps, tx, ctx, o, 'objection.accept', comment ?? null, {
        resourceId: o.resource_id,
        records: keys.length,
        flagged,
        dueDate: due.dueDate,
      });
      await notifyRaiser(this.deps, tx, o, 'objection.accepted', `数据异议已受理：${due.dueDate} 前核实处理`);
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, id))!);
    });
  }

  /** The provider rejects a raised objection with a reason (nothing was flagged). */
  async reject(ctx: RequestContext, id: string, input: unknown): Promise<ObjectionView> {
    const { reason } = parseInput(objectionReasonSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const o = await this.provided(ctx, tx, id);
      const now = this.deps.clock.now().toISOString();
      await moveObjection(this.deps, tx, o, ['raised'], {
        status: 'rejected',
        outcome: 'rejected',
        answered_at: now,
        answered_by: ctx.actor.id,
        reason,
        resolved_at: now,
        resolved_by: ctx.actor.id,
        stage: null,
      });
      await recordStep(
        this.deps,
        tx,
        ctx,
        o,
        'objection.reject',
        reason,
        { resourceId: o.resource_id },
        {
          reason,
        },
      );
      await notifyRaiser(this.deps, tx, o, 'objection.rejected', '数据异议未被受理', reason);
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, id))!);
    });
  }

  /** The raiser rates the handling of a closed objection (1–5, solved or not); it is archived. */
  async rate(ctx: RequestContext, id: string, input: unknown): Promise<ObjectionView> {
    const body = parseInput(objectionRateSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const o = await visibleObjection(ctx, tx, id);
      if (ctx.actor.orgId !== o.raiser_org_id || !scopeOf(ctx, 'objection.raise'))
        throw forbidden('objection.raise');
      const now = this.deps.clock.now().toISOString();
      await moveObjection(this.deps, tx, o, ['rejected', 'corrected', 'dismissed'], {
        status: 'archived',
        rating: body.rating,
        solved: body.solved ? 1 : 0,
        rating_comment: body.comment ?? null,
        rated_at: now,
      });
      await recordStep(this.deps, tx, ctx, o, 'objection.rate', body.comment ?? null, {
        rating: body.rating,
        solved: body.solved,
        outcome: o.outcome,
      });
      await notifyObjection(this.deps, tx, id, {
        type: 'objection.rated',
        title: `数据异议处理评价：${body.rating} 分（${body.solved ? '已解决' : '未解决'}）`,
        orgId: o.provider_org_id,
        roles: providerRoles(o.provider_org_id),
      });
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, id))!);
    });
  }

  /** The objection, if the caller answers for its provider (403 otherwise). */
  private async provided(ctx: RequestContext, tx: AnyTx, id: string): Promise<ObjectionRow> {
    const o = await visibleObjection(ctx, tx, id);
    if (!scopeOf(ctx, 'objection.answer') || ctx.actor.orgId !== o.provider_org_id)
      throw forbidden('objection.answer');
    return o;
  }
}
