import { authorize, parseInput, type AnyTx, type RequestContext } from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import type { Application } from './applications.presenters.js';
import { decisionSchema, prereviewSchema } from './applications.schemas.js';
import type { ApplicationRow, PartRow } from './applications.tables.js';
import type { Workflow } from './workflow.js';

// Reviews (docs/sharing.md "States"): the bureau's pre-review of the whole application, then each provider's
// approver decides its organisation's part — approve with a scope (checked and issued by grants in this
// transaction), refuse with a reason and a basis, or return the application for amendment (every running clock
// of the application pauses until the consumer resubmits).

/** The bureau's pre-review and the providers' decisions. */
export class ReviewsService {
  constructor(private readonly wf: Workflow) {}

  /** A bureau reviewer passes, returns or refuses an application in pre-review. */
  async prereview(ctx: RequestContext, id: string, input: unknown): Promise<Application> {
    const body = parseInput(prereviewSchema, input);
    return this.tx(async (tx) => {
      const { app, parts } = await this.wf.load(tx, ctx, id);
      authorize(ctx, 'sharing.mediate');
      if (app.status !== 'prereview') throw this.wf.stateConflict('Pre-review', app.status);
      const now = this.wf.now();
      const at = now.toISOString();
      if (body.decision === 'return') {
        await this.returnApplication(tx, ctx, app, null, 'sharing.prereview.return', body.comment);
        return this.wf.detail(tx, id);
      }
      await repo.closeStage(tx, id, null, 'prereview', at);
      if (body.decision === 'refuse') {
        await this.wf.recordDecision(tx, ctx, app, {
          action: 'sharing.prereview.refuse',
          decision: 'refuse',
          part: null,
          scope: null,
          basis: { reason: body.reason, basis: body.basis },
          comment: body.comment ?? body.reason,
          orgId: app.consumer_org_id,
        });
        for (const p of parts.filter((x) => x.status === 'pending'))
          await repo.updatePart(tx, p.id, ['pending'], {
            status: 'refused',
            decision: 'refuse',
            decided_by: ctx.actor.id,
            decided_at: at,
            reason: body.reason,
            basis: body.basis,
          });
        await this.wf.finishIfDecided(tx, app);
        await this.wf.notifyConsumer(
          tx,
          app,
          null,
          'sharing.prereview.refused',
          `共享申请未通过预审：${app.title}`,
        );
        return this.wf.detail(tx, id);
      }
      if (!(await repo.updateApplication(tx, id, ['prereview'], { status: 'review', updated_at: at })))
        throw this.wf.stateConflict('Pre-review', app.status);
      const current: ApplicationRow = { ...app, status: 'review' };
      await this.wf.recordDecision(tx, ctx, current, {
        action: 'sharing.prereview.pass',
        decision: 'pass',
        part: null,
        scope: null,
        basis: { comment: body.comment ?? null },
        comment: body.comment ?? null,
        orgId: app.consumer_org_id,
      });
      for (const p of parts.filter((x) => x.status === 'pending'))
        await this.wf.enterProviderStage(tx, ctx, current, p, now);
      await this.wf.finishIfDecided(tx, current);
      return this.wf.detail(tx, id);
    });
  }

  /** A provider's approver decides its organisation's part. */
  async decide(ctx: RequestContext, id: string, partId: string, input: unknown): Promise<Application> {
    const body = parseInput(decisionSchema, input);
    return this.tx(async (tx) => {
      const loaded = await this.wf.load(tx, ctx, id);
      const { app } = loaded;
      const part = this.wf.part(loaded, partId);
      authorize(ctx, 'sharing.decide', part.provider_org_id);
      if (app.status !== 'review') throw this.wf.stateConflict('Deciding', app.status);
      if (part.status !== 'pending')
        throw this.wf.stateConflict(`Deciding a part that is ${part.status}`, app.status);
      const at = this.wf.now().toISOString();
      // Touch the application under its state guard first: on PostgreSQL this takes its row lock, so a
      // concurrent return, withdrawal or decision of the same application waits and then sees the new state.
      if (!(await repo.updateApplication(tx, id, ['review'], { updated_at: at })))
        throw this.wf.stateConflict('Deciding', app.status);
      if (body.decision === 'return') {
        await this.returnApplication(tx, ctx, app, part, 'sharing.part.return', body.comment);
        return this.wf.detail(tx, id);
      }
      if (body.decision === 'approve') {
        const req = this.wf.partRequest(app, part);
        const scope = await this.wf.grants.checkScope(tx, req, body.scope);
        const { grantId } = await this.wf.grants.issue(tx, ctx, req, scope);
        await this.settle(tx, part, {
          status: 'approved',
          decision: 'approve',
          decided_by: ctx.actor.id,
          decided_at: at,
          grant_id: grantId,
        });
        await this.wf.recordDecision(tx, ctx, app, {
          action: 'sharing.part.approve',
          decision: 'approve',
          part,
          scope,
          basis: this.wf.applicationBasis(app),
          orgId: part.provider_org_id,
        });
      } else {
        await this.settle(tx, part, {
          status: 'refused',
          decision: 'refuse',
          decided_by: ctx.actor.id,
          decided_at: at,
          reason: body.reason,
          basis: body.basis,
        });
        await this.wf.recordDecision(tx, ctx, app, {
          action: 'sharing.part.refuse',
          decision: 'refuse',
          part,
          scope: null,
          basis: { reason: body.reason, basis: body.basis },
          comment: body.reason,
          orgId: part.provider_org_id,
        });
      }
      await repo.closeStage(tx, id, part.id, 'provider', at);
      const word = body.decision === 'approve' ? '已批准' : '被拒绝';
      await this.wf.notifyConsumer(
        tx,
        app,
        part.id,
        `sharing.part.${body.decision}`,
        `共享申请${word}：${app.title}`,
      );
      await this.wf.finishIfDecided(tx, app);
      return this.wf.detail(tx, id);
    });
  }

  private async settle(tx: AnyTx, part: PartRow, patch: Partial<PartRow>): Promise<void> {
    if (!(await repo.updatePart(tx, part.id, ['pending'], patch)))
      throw this.wf.stateConflict('Deciding a part decided meanwhile', 'review');
  }

  // A return pauses every running clock of the application and hands it back to the consumer.
  private async returnApplication(
    tx: AnyTx,
    ctx: RequestContext,
    app: ApplicationRow,
    part: PartRow | null,
    action: string,
    comment: string,
  ): Promise<void> {
    const now = this.wf.now();
    const at = now.toISOString();
    await this.wf.clocks.pauseAll(tx, app, now);
    const ok = await repo.updateApplication(tx, app.id, [app.status], {
      status: 'returned',
      returned_from: app.status,
      return_comment: comment,
      returned_at: at,
      updated_at: at,
    });
    if (!ok) throw this.wf.stateConflict('Returning', app.status);
    await this.wf.recordDecision(tx, ctx, app, {
      action,
      decision: 'return',
      part,
      scope: null,
      basis: { comment },
      comment,
      orgId: part?.provider_org_id ?? app.consumer_org_id,
    });
    await this.wf.notifyConsumer(
      tx,
      app,
      part?.id ?? null,
      'sharing.application.returned',
      `共享申请被退回修改：${app.title}`,
    );
  }

  private tx<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T> {
    return this.wf.deps.db.kysely.transaction().execute(fn);
  }
}
