import { authorize, parseInput, type AnyTx, type RequestContext } from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import type { Application } from './applications.presenters.js';
import { mediationSchema, reasonSchema } from './applications.schemas.js';
import type { Workflow } from './workflow.js';

// Disputes and mediation (docs/sharing.md "Refusal, dispute, mediation"): the consumer disputes a refused
// part, which starts the bureau's mediation clock; the bureau's decision is final — the refusal stands
// (`uphold`) or the bureau grants the part with a scope checked exactly like an approver's.

/** Disputes of refusals and the bureau's final mediation. */
export class MediationService {
  constructor(private readonly wf: Workflow) {}

  /** The consumer disputes a refused part. */
  async dispute(ctx: RequestContext, id: string, partId: string, input: unknown): Promise<Application> {
    const { reason } = parseInput(reasonSchema, input);
    return this.tx(async (tx) => {
      const loaded = await this.wf.load(tx, ctx, id);
      const { app } = loaded;
      const part = this.wf.part(loaded, partId);
      authorize(ctx, 'sharing.apply', app.consumer_org_id);
      const now = this.wf.now();
      const at = now.toISOString();
      const ok = await repo.updatePart(tx, part.id, ['refused'], {
        status: 'disputed',
        dispute_reason: reason,
        disputed_at: at,
      });
      if (!ok) throw this.wf.stateConflict(`Disputing a part that is ${part.status}`, app.status);
      const operator = await this.wf.deps.directory.operatorOrgId(tx);
      await this.wf.clocks.start(
        tx,
        ctx,
        app,
        part.id,
        'mediation',
        this.wf.deps.settings.mediationDays,
        {
          orgId: operator,
          role: 'reviewer',
        },
        now,
      );
      await this.wf.recordStep(tx, ctx, app, {
        action: 'sharing.part.dispute',
        partId: part.id,
        orgId: app.consumer_org_id,
        change: { reason },
        comment: reason,
        details: { resourceId: part.resource_id },
      });
      await this.wf.notify(
        tx,
        app,
        part.id,
        'sharing.part.disputed',
        `共享申请拒绝决定被提出异议：${app.title}`,
        [
          { role: 'reviewer' },
          ...(part.provider_org_id ? [{ role: 'approver' as const, orgId: part.provider_org_id }] : []),
        ],
      );
      return this.wf.detail(tx, id);
    });
  }

  /** The bureau mediates a disputed part; the decision is final. */
  async mediate(ctx: RequestContext, id: string, partId: string, input: unknown): Promise<Application> {
    const body = parseInput(mediationSchema, input);
    return this.tx(async (tx) => {
      const loaded = await this.wf.load(tx, ctx, id);
      const { app } = loaded;
      const part = this.wf.part(loaded, partId);
      authorize(ctx, 'sharing.mediate');
      if (part.status !== 'disputed')
        throw this.wf.stateConflict(`Mediating a part that is ${part.status}`, app.status);
      const at = this.wf.now().toISOString();
      let scope = null;
      let grantId: string | null = null;
      if (body.decision === 'grant') {
        const req = this.wf.partRequest(app, part);
        scope = await this.wf.grants.checkScope(tx, req, body.scope);
        grantId = (await this.wf.grants.issue(tx, ctx, req, scope)).grantId;
      }
      const ok = await repo.updatePart(tx, part.id, ['disputed'], {
        status: body.decision === 'grant' ? 'mediated' : 'upheld',
        mediation: body.decision,
        mediation_comment: body.comment,
        mediated_by: ctx.actor.id,
        mediated_at: at,
        ...(grantId && { grant_id: grantId }),
      });
      if (!ok) throw this.wf.stateConflict('Mediating a part mediated meanwhile', app.status);
      await repo.closeStage(tx, id, part.id, 'mediation', at);
      await this.wf.recordDecision(tx, ctx, app, {
        action: `sharing.mediation.${body.decision}`,
        decision: body.decision,
        part,
        scope,
        basis: {
          comment: body.comment,
          refusal: { reason: part.reason, basis: part.basis },
          dispute: part.dispute_reason,
        },
        comment: body.comment,
        orgId: part.provider_org_id,
      });
      const word = body.decision === 'grant' ? '调解后予以共享' : '调解维持拒绝';
      await this.wf.notify(tx, app, part.id, `sharing.mediation.${body.decision}`, `${word}：${app.title}`, [
        { role: 'consumer', orgId: app.consumer_org_id },
        ...(part.provider_org_id ? [{ role: 'approver' as const, orgId: part.provider_org_id }] : []),
      ]);
      return this.wf.detail(tx, id);
    });
  }

  private tx<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T> {
    return this.wf.deps.db.kysely.transaction().execute(fn);
  }
}
