import {
  AppError,
  authorize,
  newId,
  parseInput,
  requireUser,
  scopeOf,
  type RequestContext,
} from '../../kernel/index.js';
import { filterItemsOf } from '../datastore/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { ObjectionsDeps } from './objections.deps.js';
import { objectionsRepo as repo } from './objections.repository.js';
import { objectionRaiseSchema, type ObjectionRaise } from './objections.schemas.js';
import {
  notifyObjection,
  providerRoles,
  recordStep,
  showObjection,
  type ObjectionView,
} from './objections.support.js';
import { keyedDigest, objectionRejected, resolveSubjects, type RaiseScope } from './subjects.js';

// Raising an objection: a consumer through its active grant (records looked up inside the grant's row filter
// with granted items only) or a bureau reviewer (the whole resource). The provider's answer deadline starts.

/** Grant methods tried in turn: any granted method makes the grant "held" for an objection. */
const METHODS = ['api', 'verification', 'package', 'subscription', 'sandbox'] as const;

/** Raises objections. */
export class RaiseService {
  constructor(private readonly deps: ObjectionsDeps) {}

  /** Raises an objection with its records resolved to row keys; 201 with the objection. */
  async raise(ctx: RequestContext, input: unknown): Promise<ObjectionView> {
    requireUser(ctx);
    const bureau = scopeOf(ctx, 'objection.raise') === 'platform';
    if (!bureau) authorize(ctx, 'objection.raise', ctx.actor.orgId);
    const body = parseInput(objectionRaiseSchema, input);
    // authorize() with the actor's own organisation fails for actors without one.
    const raiserOrg = ctx.actor.orgId!;
    const resource = await this.deps.catalogue.browse.published(body.resourceId);
    if (!resource || resource.status !== 'published')
      throw objectionRejected([
        { field: 'resourceId', code: 'NOT_PUBLISHED', message: 'must be a published resource' },
      ]);
    if (body.records?.length && resource.doc.format !== 'table')
      throw objectionRejected([
        { field: 'records', code: 'NOT_A_TABLE', message: 'only a table resource has records to name' },
      ]);
    const scope = bureau ? this.bureauScope(body, resource.doc.items) : await this.grantScope(ctx, body);
    this.checkShape(body, scope);
    const subjects = body.records ?? [];
    // Looked up before the transaction: the store's reads run on their own connection.
    const keys = await resolveSubjects(this.deps.datastore, scope, subjects);
    const digest = (v: unknown) => keyedDigest(this.deps.keyring, this.deps.cryptoProfile, v);
    const id = newId();
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now();
      const days = this.deps.settings.answerDays;
      const due = await this.deps.calendar.deadline(tx, ctx, now, days);
      const at = now.toISOString();
      const documents = body.documents ?? [];
      await repo.insert(
        tx,
        {
          id,
          type: body.type,
          status: 'raised',
          outcome: null,
          resource_id: resource.id,
          provider_org_id: resource.orgId,
          raiser_org_id: raiserOrg,
          raised_by: ctx.actor.id!,
          grant_id: bureau ? null : body.grantId!,
          items: JSON.stringify(body.items ?? []),
          description: body.description,
          documents: JSON.stringify(documents),
          stage: 'answer',
          working_days: days,
          due_at: due.dueAt,
          due_date: due.dueDate,
          escalated_at: null,
          answered_at: null,
          answered_by: null,
          reason: null,
          resolved_at: null,
          resolved_by: null,
          rating: null,
          solved: null,
          rating_comment: null,
          rated_at: null,
          created_at: at,
          updated_at: at,
        },
        keys.map((key, n) => ({
          objection_id: id,
          ordinal: n,
          resource_id: resource.id,
          record_key: key,
          subject_digest: digest(subjects[n]),
          corrected_rev: null,
        })),
      );
      const o = { id, provider_org_id: resource.orgId };
      await recordStep(
        this.deps,
        tx,
        ctx,
        o,
        'objection.raise',
        body.description,
        {
          type: body.type,
          resourceId: resource.id,
          grantId: bureau ? null : body.grantId!,
          records: keys.length,
          // The values that named the records reach the log only as a keyed digest.
          subjectsDigest: keys.length ? digest(subjects) : null,
          items: (body.items ?? []).join(','),
          documents: documents.map((d) => d.digest).join(','),
          dueDate: due.dueDate,
        },
        { type: body.type, description: body.description, items: body.items ?? [], documents },
      );
      await notifyObjection(this.deps, tx, id, {
        type: 'objection.raised',
        title: `数据异议待处理：${resource.doc.name}（${due.dueDate} 前受理）`,
        orgId: resource.orgId,
        roles: providerRoles(resource.orgId),
      });
      return showObjection(this.deps, tx, ctx, (await repo.get(tx, id))!);
    });
  }

  private bureauScope(body: ObjectionRaise, items: Parameters<typeof filterItemsOf>[0]): RaiseScope {
    if (body.grantId)
      throw objectionRejected([
        { field: 'grantId', code: 'NOT_FOR_BUREAU', message: 'the bureau raises without a grant' },
      ]);
    const all = filterItemsOf(items);
    return {
      resourceId: body.resourceId,
      rowFilter: null,
      resourceItems: all,
      allowedCodes: new Set(all.map((i) => i.code)),
    };
  }

  private async grantScope(ctx: RequestContext, body: ObjectionRaise): Promise<RaiseScope> {
    if (!body.grantId)
      throw objectionRejected([
        { field: 'grantId', code: 'REQUIRED', message: 'a consumer raises through its active grant' },
      ]);
    const g = await this.grant(ctx, body.grantId);
    if (g.resourceId !== body.resourceId)
      throw objectionRejected([
        { field: 'grantId', code: 'GRANT_MISMATCH', message: 'the grant is for another resource' },
      ]);
    return {
      resourceId: g.resourceId,
      rowFilter: g.rowFilter,
      resourceItems: g.resourceItems,
      allowedCodes: new Set(g.items.map((i) => i.code)),
    };
  }

  /** The consumer's grant if it may be used now by any of its methods (the exchange's own check). */
  private async grant(ctx: RequestContext, grantId: string): Promise<CompiledGrant> {
    const caller = {
      orgId: ctx.actor.orgId,
      clientId: null,
      ...(ctx.ip && { ip: ctx.ip }),
      user: { id: ctx.actor.id!, roles: ctx.actor.roles },
    };
    let last: unknown = null;
    for (const m of METHODS) {
      try {
        return await this.deps.grants.authorizeAccess(caller, grantId, m);
      } catch (e) {
        const reason = e instanceof AppError ? (e.details as { reason?: string } | undefined)?.reason : null;
        if (reason !== 'METHOD_NOT_GRANTED') throw e;
        last = e;
      }
    }
    throw last;
  }

  private checkShape(body: ObjectionRaise, scope: RaiseScope): void {
    const n = body.records?.length ?? 0;
    if (body.type === 'wrong_data' && n === 0)
      throw objectionRejected([
        { field: 'records', code: 'REQUIRED', message: 'a wrong-data objection names the records' },
      ]);
    if (n > this.deps.settings.maxRecords)
      throw objectionRejected([
        {
          field: 'records',
          code: 'TOO_MANY',
          message: `at most ${this.deps.settings.maxRecords} records per objection`,
        },
      ]);
    const outside = (body.items ?? []).filter((c) => !scope.allowedCodes.has(c));
    if (outside.length)
      throw objectionRejected([
        {
          field: 'items',
          code: 'ITEM_NOT_ALLOWED',
          message: `items outside the grant: ${outside.join(', ')}`,
        },
      ]);
  }
}
