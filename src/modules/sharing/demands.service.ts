import {
  authorize,
  can,
  conflict,
  forbidden,
  newId,
  parseInput,
  shanghaiDate,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { presentDemand, type Demand } from './demands.presenters.js';
import { demandsRepo as repo } from './demands.repository.js';
import {
  demandAnswerSchema,
  demandCloseSchema,
  demandCreateSchema,
  demandListQuery,
  demandRouteSchema,
  type DemandAnswer,
} from './demands.schemas.js';
import { DemandSweep } from './demands.sweep.js';
import {
  demandOrgIds,
  demandRejected,
  demandSla,
  notifyDemand,
  recordDemand,
  showDemand,
  visibleDemand,
  type DemandView,
} from './demands.support.js';
import type { DemandRow, DemandStatus } from './demands.tables.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';
import { partyFilter } from './party-list.repository.js';

// The demand list (需求清单, docs/sharing.md): a consumer posts a need the catalogue does not meet, the bureau
// routes it to a provider with a deadline in working days, the provider answers; the consumer or the bureau
// may close it. A demand of other organisations does not exist for the caller (404); a party acting outside
// its role gets 403; a transition from the wrong state 409.

/** The demand list (需求清单). */
export class DemandsService {
  readonly jobs: SharingJob[];
  private readonly sweep: DemandSweep;

  constructor(private readonly deps: SharingDeps) {
    this.sweep = new DemandSweep(deps);
    this.jobs = [this.sweep.job];
  }

  /** A consumer posts a demand for its organisation; the bureau's reviewers are told. */
  async create(ctx: RequestContext, input: unknown): Promise<DemandView> {
    authorize(ctx, 'sharing.apply', ctx.actor.orgId);
    const body = parseInput(demandCreateSchema, input);
    // authorize() with the actor's own organisation fails for actors without one.
    const consumerOrg = ctx.actor.orgId!;
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      if (body.suggestedOrgId) {
        const orgs = await this.deps.directory.organisations(tx, [body.suggestedOrgId]);
        if (orgs.get(body.suggestedOrgId)?.status !== 'active')
          throw demandRejected([
            { field: 'suggestedOrgId', code: 'UNKNOWN_ORG', message: 'is not an active organisation' },
          ]);
      }
      const now = this.now();
      const id = newId();
      await repo.insert(tx, {
        ...EMPTY,
        id,
        consumer_org_id: consumerOrg,
        created_by: ctx.actor.id,
        title: body.title,
        purpose: body.purpose,
        description: body.description ?? null,
        suggested_org_id: body.suggestedOrgId ?? null,
        status: 'open',
        created_at: now,
        updated_at: now,
      });
      await recordDemand(this.deps, tx, ctx, id, consumerOrg, 'sharing.demand.create', null, body, {
        suggestedOrg: body.suggestedOrgId ?? null,
      });
      await notifyDemand(this.deps, tx, id, {
        type: 'sharing.demand.created',
        title: `新的数据需求：${body.title}`,
        roles: [{ role: 'reviewer' }],
      });
      return showDemand(this.deps, tx, (await repo.get(tx, id))!);
    });
  }

  /** Demands the caller's organisation is party to (platform readers: all), by box and status. */
  async list(ctx: RequestContext, query: unknown = {}): Promise<{ items: Demand[]; total: number }> {
    authorize(ctx, 'sharing.read', ctx.actor.orgId);
    const q = parseInput(demandListQuery, query);
    const db = this.deps.db.kysely;
    const { rows, total } = await repo.list(db, partyFilter(ctx, q));
    const orgs = await this.deps.directory.organisations(db, rows.flatMap(demandOrgIds));
    const items = [];
    for (const r of rows) items.push(presentDemand(r, orgs, await demandSla(this.deps, db, r)));
    return { items, total };
  }

  /** One demand with its history. */
  async get(ctx: RequestContext, id: string): Promise<DemandView> {
    const db = this.deps.db.kysely;
    return showDemand(this.deps, db, await visibleDemand(ctx, db, id));
  }

  /** The bureau routes an open demand to a provider; its answer deadline starts. */
  async route(ctx: RequestContext, id: string, input: unknown): Promise<DemandView> {
    const body = parseInput(demandRouteSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const d = await visibleDemand(ctx, tx, id);
      if (!can(ctx, 'sharing.mediate')) throw forbidden('sharing.mediate');
      this.expect(d, ['open'], 'routed');
      const org = (await this.deps.directory.organisations(tx, [body.providerOrgId])).get(body.providerOrgId);
      if (!org || org.status !== 'active' || org.isOperator || org.id === d.consumer_org_id)
        throw demandRejected([
          {
            field: 'providerOrgId',
            code: 'INVALID_PROVIDER',
            message: 'must be an active department other than the one that posted the demand',
          },
        ]);
      const now = this.deps.clock.now();
      const due = await this.deps.calendar.deadline(tx, ctx, now, this.deps.settings.demandAnswerDays);
      await this.move(tx, d, ['open'], {
        status: 'routed',
        provider_org_id: org.id,
        routed_at: now.toISOString(),
        routed_by: ctx.actor.id,
        due_at: due.dueAt,
        due_date: due.dueDate,
      });
      const note = body.comment ?? null;
      await recordDemand(this.deps, tx, ctx, id, d.consumer_org_id, 'sharing.demand.route', note, body, {
        providerOrg: org.id,
        dueDate: due.dueDate,
      });
      await notifyDemand(this.deps, tx, id, {
        type: 'sharing.demand.routed',
        title: `数据需求待答复：${d.title}（${due.dueDate} 前）`,
        orgId: org.id,
        roles: [{ role: 'approver', orgId: org.id }],
        data: { dueAt: due.dueAt },
      });
      return showDemand(this.deps, tx, (await repo.get(tx, id))!);
    });
  }

  /** The provider's approver answers a routed demand. */
  async answer(ctx: RequestContext, id: string, input: unknown): Promise<DemandView> {
    const body = parseInput(demandAnswerSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const d = await visibleDemand(ctx, tx, id);
      const provider = d.provider_org_id;
      if (!provider || !can(ctx, 'sharing.decide', provider)) throw forbidden('sharing.decide');
      this.expect(d, ['routed'], 'answered');
      await this.checkAnswer(tx, provider, body);
      const { answer, ...rest } = body;
      const now = this.now();
      await this.move(tx, d, ['routed'], {
        status: 'answered',
        answer_kind: answer,
        answer: JSON.stringify(rest),
        answered_at: now,
        answered_by: ctx.actor.id,
      });
      const note = body.comment ?? null;
      await recordDemand(this.deps, tx, ctx, id, provider, 'sharing.demand.answer', note, body, {
        answer,
        ...(body.answer === 'exists' && { resourceId: body.resourceId }),
      });
      await notifyDemand(this.deps, tx, id, {
        type: 'sharing.demand.answered',
        title: `数据需求已答复：${d.title}`,
        orgId: d.consumer_org_id,
        roles: [{ role: 'consumer', orgId: d.consumer_org_id }],
        data: { answer },
      });
      return showDemand(this.deps, tx, (await repo.get(tx, id))!);
    });
  }

  /** The consumer (its own demand) or the bureau closes an open or routed demand, with a reason. */
  async close(ctx: RequestContext, id: string, input: unknown): Promise<DemandView> {
    const { reason } = parseInput(demandCloseSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const d = await visibleDemand(ctx, tx, id);
      if (!can(ctx, 'sharing.apply', d.consumer_org_id) && !can(ctx, 'sharing.mediate'))
        throw forbidden('sharing.apply');
      this.expect(d, ['open', 'routed'], 'closed');
      const now = this.now();
      await this.move(tx, d, ['open', 'routed'], {
        status: 'closed',
        closed_at: now,
        closed_by: ctx.actor.id,
        close_reason: reason,
      });
      await recordDemand(
        this.deps,
        tx,
        ctx,
        id,
        d.consumer_org_id,
        'sharing.demand.close',
        reason,
        { reason },
        {
          from: d.status,
        },
      );
      const roles: { role: Role; orgId: string }[] = [{ role: 'consumer', orgId: d.consumer_org_id }];
      if (d.provider_org_id) roles.push({ role: 'approver', orgId: d.provider_org_id });
      await notifyDemand(this.deps, tx, id, {
        type: 'sharing.demand.closed',
        title: `数据需求已关闭：${d.title}`,
        body: reason,
        orgId: d.consumer_org_id,
        roles,
      });
      return showDemand(this.deps, tx, (await repo.get(tx, id))!);
    });
  }

  /** Runs the overdue sweep once (the `sharing.demands` job). */
  async sweepOnce(): Promise<{ escalated: number }> {
    return this.sweep.run();
  }

  private async checkAnswer(tx: AnyTx, providerOrgId: string, body: DemandAnswer): Promise<void> {
    if (body.answer === 'will_publish' && body.expectedDate < shanghaiDate(this.deps.clock.now()))
      throw demandRejected([
        { field: 'expectedDate', code: 'IN_THE_PAST', message: 'must not be in the past' },
      ]);
    if (body.answer === 'exists') {
      const r = await this.deps.catalogue.browse.published(body.resourceId, tx);
      if (!r || r.status !== 'published' || r.orgId !== providerOrgId)
        throw demandRejected([
          {
            field: 'resourceId',
            code: 'NOT_PUBLISHED',
            message: 'must be a published resource of the provider',
          },
        ]);
    }
  }

  private expect(d: DemandRow, from: DemandStatus[], to: DemandStatus): void {
    if (!from.includes(d.status))
      throw conflict(`A demand that is ${d.status} cannot become ${to}.`, 'status');
  }

  private async move(
    tx: AnyTx,
    d: DemandRow,
    from: DemandStatus[],
    patch: Partial<DemandRow>,
  ): Promise<void> {
    if (!(await repo.update(tx, d.id, from, { ...patch, updated_at: this.now() })))
      throw conflict('The demand changed meanwhile; reload it.', 'status');
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

// The columns a new demand leaves empty until routing, answering or closing fill them.
const EMPTY = {
  provider_org_id: null,
  routed_at: null,
  routed_by: null,
  due_at: null,
  due_date: null,
  answer_kind: null,
  answer: null,
  answered_at: null,
  answered_by: null,
  closed_at: null,
  closed_by: null,
  close_reason: null,
  escalated_at: null,
} satisfies Partial<DemandRow>;
