import {
  AppError,
  authorize,
  forbidden,
  newId,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { ApplicationReads } from './applications.reads.js';
import { applicationsRepo as repo } from './applications.repository.js';
import { applicationSchema, reasonSchema, type ApplicationInput } from './applications.schemas.js';
import type { Application } from './applications.presenters.js';
import type { ApplicationRow, PartRow } from './applications.tables.js';
import { DocumentsService } from './documents.service.js';
import { MediationService } from './mediation.service.js';
import { ReviewsService } from './reviews.service.js';
import type { GrantPort } from './grant-port.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';
import { SlaService } from './sla.service.js';
import { submitApplication } from './submission.service.js';
import { Workflow } from './workflow.js';

// Applications (共享申请) from the consumer's side: create (as a draft, or submitted at once), amend while a
// draft or returned, submit, withdraw; reading them (list, detail, the caller's queue). Reviews, mediation,
// documents and the deadline sweep are their own services, reachable from here for the routes.

/** Applications, pre-review, provider decisions, amendment, disputes and mediation. */
export class ApplicationsService {
  readonly jobs: SharingJob[];
  readonly reviews: ReviewsService;
  readonly mediation: MediationService;
  readonly documents: DocumentsService;
  readonly sla: SlaService;
  private readonly wf: Workflow;
  private readonly reads: ApplicationReads;

  constructor(
    private readonly deps: SharingDeps,
    grants: GrantPort,
  ) {
    this.wf = new Workflow(deps, grants);
    this.reviews = new ReviewsService(this.wf);
    this.mediation = new MediationService(this.wf);
    this.documents = new DocumentsService(deps);
    this.sla = new SlaService(this.wf);
    this.reads = new ApplicationReads(this.wf);
    this.jobs = [this.sla.job];
  }

  /** One application (its parties, or platform readers). */
  get(ctx: RequestContext, id: string): Promise<Application> {
    return this.reads.get(ctx, id);
  }

  /** Applications the caller may see, by box. */
  list(ctx: RequestContext, query: unknown) {
    return this.reads.list(ctx, query);
  }

  /** What waits for the caller, with SLA. */
  queue(ctx: RequestContext) {
    return this.reads.queue(ctx);
  }

  /** The object and salt behind a decision's digest (auditor). */
  digest(ctx: RequestContext, digest: string) {
    return this.reads.digest(ctx, digest);
  }

  /** A consumer creates an application of its organisation (a draft, or submitted with `submit: true`). */
  async create(ctx: RequestContext, input: unknown): Promise<Application> {
    const body = parseInput(applicationSchema, input);
    const orgId = this.applicantOrg(ctx);
    return this.tx(async (tx) => {
      const now = this.now();
      const app: ApplicationRow = {
        id: newId(),
        consumer_org_id: orgId,
        status: 'draft',
        ...fields(body),
        created_by: ctx.actor.id!,
        created_at: now,
        updated_at: now,
        submitted_at: null,
        submissions: 0,
        returned_from: null,
        return_comment: null,
        returned_at: null,
        withdraw_reason: null,
        decided_at: null,
      };
      await repo.insertApplication(tx, app);
      for (const [seq, p] of body.parts.entries()) await this.insertPart(tx, app.id, seq, p);
      await this.wf.recordStep(tx, ctx, app, {
        action: 'sharing.application.create',
        orgId,
        change: withoutSubmit(body),
        details: { parts: body.parts.length },
      });
      if (body.submit) await submitApplication(this.wf, tx, ctx, app);
      return this.wf.detail(tx, app.id);
    });
  }

  /** The consumer amends a draft or a returned application (decided parts keep their decision). */
  async update(ctx: RequestContext, id: string, input: unknown): Promise<Application> {
    const body = parseInput(applicationSchema, input);
    return this.tx(async (tx) => {
      const { app, parts } = await this.wf.load(tx, ctx, id);
      authorize(ctx, 'sharing.apply', app.consumer_org_id);
      if (app.status !== 'draft' && app.status !== 'returned')
        throw this.wf.stateConflict('Amending', app.status);
      const now = this.now();
      await this.replaceParts(tx, app, parts, body);
      const ok = await repo.updateApplication(tx, id, [app.status], { ...fields(body), updated_at: now });
      if (!ok) throw this.wf.stateConflict('Amending', app.status);
      await this.wf.recordStep(tx, ctx, app, {
        action: 'sharing.application.update',
        orgId: app.consumer_org_id,
        change: withoutSubmit(body),
        details: { parts: body.parts.length, status: app.status },
      });
      if (body.submit) await submitApplication(this.wf, tx, ctx, (await repo.application(tx, id))!);
      return this.wf.detail(tx, id);
    });
  }

  /** The consumer submits (or, after a return, resubmits) the application. */
  async submit(ctx: RequestContext, id: string): Promise<Application> {
    return this.tx(async (tx) => {
      const { app } = await this.wf.load(tx, ctx, id);
      authorize(ctx, 'sharing.apply', app.consumer_org_id);
      if (app.status !== 'draft' && app.status !== 'returned')
        throw this.wf.stateConflict('Submitting', app.status);
      await submitApplication(this.wf, tx, ctx, app);
      return this.wf.detail(tx, id);
    });
  }

  /** The consumer withdraws an undecided application; its pending parts end and their clocks stop. */
  async withdraw(ctx: RequestContext, id: string, input: unknown): Promise<Application> {
    const { reason } = parseInput(reasonSchema, input);
    return this.tx(async (tx) => {
      const { app, parts } = await this.wf.load(tx, ctx, id);
      authorize(ctx, 'sharing.apply', app.consumer_org_id);
      const from = ['draft', 'returned', 'prereview', 'review'] as const;
      if (!(from as readonly string[]).includes(app.status))
        throw this.wf.stateConflict('Withdrawing', app.status);
      const now = this.now();
      for (const p of parts)
        if (p.status === 'pending') await repo.updatePart(tx, p.id, ['pending'], { status: 'withdrawn' });
      // Clocks of pending parts and the pre-review stop; a disputed part's mediation goes on.
      const ending = new Set(parts.filter((p) => p.status === 'pending').map((p) => p.id));
      for (const s of await repo.openStages(tx, id))
        if (s.part_id === null || ending.has(s.part_id)) await repo.updateStage(tx, s.id, { closed_at: now });
      const ok = await repo.updateApplication(tx, id, [app.status], {
        status: 'withdrawn',
        withdraw_reason: reason,
        updated_at: now,
      });
      if (!ok) throw this.wf.stateConflict('Withdrawing', app.status);
      await this.wf.recordStep(tx, ctx, app, {
        action: 'sharing.application.withdraw',
        orgId: app.consumer_org_id,
        comment: reason,
        details: { from: app.status },
      });
      if (app.submitted_at) {
        const orgs = [...new Set(parts.filter((p) => p.status === 'pending').map((p) => p.provider_org_id))];
        const roles = orgs.flatMap((o) => (o ? [{ role: 'approver' as const, orgId: o }] : []));
        if (roles.length)
          await this.wf.notify(
            tx,
            app,
            null,
            'sharing.application.withdrawn',
            `共享申请已撤回：${app.title}`,
            roles,
          );
      }
      return this.wf.detail(tx, id);
    });
  }

  private applicantOrg(ctx: RequestContext): string {
    requireUser(ctx);
    const orgId = ctx.actor.orgId;
    if (!orgId) throw forbidden('sharing.apply');
    authorize(ctx, 'sharing.apply', orgId);
    return orgId;
  }

  private async insertPart(
    tx: AnyTx,
    applicationId: string,
    seq: number,
    p: ApplicationInput['parts'][number],
  ) {
    const published = await this.deps.catalogue.browse.published(p.resourceId, tx);
    await repo.insertPart(tx, {
      id: newId(),
      application_id: applicationId,
      seq,
      resource_id: p.resourceId,
      provider_org_id: published?.orgId ?? null,
      items: JSON.stringify(p.items),
      methods: JSON.stringify(p.methods),
      status: 'pending',
      unconditional: 0,
      decision: null,
      decided_by: null,
      decided_at: null,
      reason: null,
      basis: null,
      dispute_reason: null,
      disputed_at: null,
      mediation: null,
      mediation_comment: null,
      mediated_by: null,
      mediated_at: null,
      grant_id: null,
    });
  }

  // A draft's parts are replaced; a returned application keeps its decided parts, keeps the pending parts
  // (and their paused clocks) whose resource is still asked for, adds new ones and withdraws the dropped ones.
  private async replaceParts(tx: AnyTx, app: ApplicationRow, parts: PartRow[], body: ApplicationInput) {
    if (app.status === 'draft') {
      await repo.deleteParts(tx, app.id);
      for (const [seq, p] of body.parts.entries()) await this.insertPart(tx, app.id, seq, p);
      return;
    }
    const decided = new Set(
      parts.filter((p) => p.status !== 'pending' && p.status !== 'withdrawn').map((p) => p.resource_id),
    );
    const violations = body.parts.flatMap((p, i) =>
      decided.has(p.resourceId)
        ? [
            {
              field: `parts[${i}].resourceId`,
              code: 'PART_DECIDED',
              message: 'this resource is already decided; leave it out',
            },
          ]
        : [],
    );
    if (violations.length)
      throw new AppError('UNPROCESSABLE', 'Decided parts cannot be amended.', { violations });
    const pending = new Map(parts.filter((p) => p.status === 'pending').map((p) => [p.resource_id, p]));
    let seq = Math.max(-1, ...parts.map((p) => p.seq)) + 1;
    for (const p of body.parts) {
      const old = pending.get(p.resourceId);
      if (old) {
        pending.delete(p.resourceId);
        await repo.updatePart(tx, old.id, ['pending'], {
          items: JSON.stringify(p.items),
          methods: JSON.stringify(p.methods),
        });
      } else {
        await this.insertPart(tx, app.id, seq++, p);
      }
    }
    const now = this.now();
    for (const dropped of pending.values()) {
      await repo.updatePart(tx, dropped.id, ['pending'], { status: 'withdrawn' });
      for (const s of await repo.openStages(tx, app.id))
        if (s.part_id === dropped.id) await repo.updateStage(tx, s.id, { closed_at: now });
    }
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private tx<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T> {
    return this.deps.db.kysely.transaction().execute(fn);
  }
}

function fields(b: ApplicationInput) {
  return {
    title: b.title,
    purpose: b.purpose,
    basis: b.basis,
    scenario: b.scenario,
    duration_days: b.durationDays,
    expected_volume: b.expectedVolume ? JSON.stringify(b.expectedVolume) : null,
    client_ids: JSON.stringify(b.clientIds),
    documents: JSON.stringify(b.documents),
  };
}

function withoutSubmit(b: ApplicationInput): Omit<ApplicationInput, 'submit'> {
  const { submit: _submit, ...rest } = b;
  return rest;
}
