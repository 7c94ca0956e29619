import {
  AppError,
  can,
  forbidden,
  getProfile,
  newId,
  notFound,
  requireUser,
  scopeOf,
  systemContext,
  type AnyTx,
  type RequestContext,
  type Role,
} from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import { presentApplication, type Application } from './applications.presenters.js';
import type { ApplicationRow, PartRow } from './applications.tables.js';
import { recordDigest } from './digests.js';
import type { GrantPort, GrantScope, PartRequest } from './grant-port.js';
import type { SharingDeps } from './sharing.deps.js';
import { StageClocks } from './stage-clocks.js';

// The steps the application, review and mediation services share: visibility, stage clocks (start, pause,
// resume, close), entering a provider's stage (or approving 无条件共享 parts at once), recording a decision
// with its salted digests, the history, notifications, and closing the application once every part is
// decided. Everything runs inside the caller's transaction.

/** An application with its parts, as loaded for a change. */
export interface Loaded {
  app: ApplicationRow;
  parts: PartRow[];
}

/** What a decision records (docs/evidence-leaves.md "Sharing decisions"). */
export interface DecisionRecord {
  action: string;
  decision: string;
  part: PartRow | null;
  /** The checked grant scope (approvals and mediation grants), else null. */
  scope: GrantScope | null;
  /** The basis object whose digest the leaf carries. */
  basis: unknown;
  comment?: string | null;
  orgId: string | null;
}

/** Shared steps of the review workflow. */
export class Workflow {
  readonly clocks: StageClocks;

  constructor(
    readonly deps: SharingDeps,
    readonly grants: GrantPort,
  ) {
    this.clocks = new StageClocks(deps);
  }

  /** The platform clock. */
  now(): Date {
    return this.deps.clock.now();
  }

  /** The profile's hash for decision digests. */
  hashName(): 'sha256' | 'sm3' {
    return getProfile(this.deps.cryptoProfile).hashName;
  }

  /**
   * Whether the caller may see the application: platform readers see every submitted one; its parties (the
   * consumer organisation, and the providers once it is submitted) see it when they hold `sharing.read`
   * (a party without it gets 403); anybody else gets 404 — it does not exist for them.
   */
  access(ctx: RequestContext, app: ApplicationRow, parts: PartRow[]): 'ok' | 'forbidden' | 'hidden' {
    const org = ctx.actor.orgId;
    const party =
      !!org &&
      (app.consumer_org_id === org ||
        (app.submitted_at !== null && parts.some((p) => p.provider_org_id === org)));
    if (party) return can(ctx, 'sharing.read', org) ? 'ok' : 'forbidden';
    if (app.status !== 'draft' && scopeOf(ctx, 'sharing.read') === 'platform') return 'ok';
    return 'hidden';
  }

  /** Loads an application the caller may see (404 when it does not exist for them, 403 for a wrong role). */
  async load(tx: AnyTx, ctx: RequestContext, id: string): Promise<Loaded> {
    requireUser(ctx);
    const app = await repo.application(tx, id);
    if (!app) throw notFound('Application');
    const parts = await repo.parts(tx, [id]);
    const access = this.access(ctx, app, parts);
    if (access === 'hidden') throw notFound('Application');
    if (access === 'forbidden') throw forbidden('sharing.read');
    return { app, parts };
  }

  /** The part of a loaded application (404 when it is not one of its parts). */
  part(l: Loaded, partId: string): PartRow {
    const p = l.parts.find((x) => x.id === partId);
    if (!p) throw notFound('Part');
    return p;
  }

  /** The full view of an application. */
  async detail(tx: AnyTx, id: string): Promise<Application> {
    const app = (await repo.application(tx, id))!;
    const [parts, stages, history, grants, cal] = [
      await repo.parts(tx, [id]),
      await repo.stages(tx, [id]),
      await repo.history(tx, id),
      await this.grants.forApplication(tx, id),
      await this.deps.calendar.calendar(tx),
    ];
    const names = await this.orgNames(tx, [app.consumer_org_id, ...parts.map((p) => p.provider_org_id)]);
    return presentApplication(app, parts, stages, history, grants, cal, this.now(), names);
  }

  /** Registered names of organisations by id (public facts of government departments). */
  async orgNames(tx: AnyTx, ids: (string | null)[]): Promise<Map<string, string>> {
    const known = ids.filter((id): id is string => id !== null);
    const orgs = await this.deps.directory.organisations(tx, [...new Set(known)]);
    return new Map([...orgs.values()].map((o) => [o.id, o.name]));
  }

  /** The ceiling of any grant for a part. */
  partRequest(app: ApplicationRow, part: PartRow): PartRequest {
    return {
      applicationId: app.id,
      partId: part.id,
      resourceId: part.resource_id,
      providerOrgId: part.provider_org_id!,
      consumerOrgId: app.consumer_org_id,
      items: JSON.parse(part.items) as string[],
      methods: JSON.parse(part.methods) as string[],
      durationDays: app.duration_days,
      clientIds: JSON.parse(app.client_ids) as string[],
      purpose: app.purpose,
    };
  }

  /** What an approval relies on: the application's stated purpose, basis and documents. */
  applicationBasis(app: ApplicationRow): unknown {
    return {
      purpose: app.purpose,
      basis: app.basis,
      documents: (JSON.parse(app.documents) as { digest: string }[]).map((d) => d.digest),
    };
  }

  /**
   * A part reaches its provider: 无条件共享 parts are approved at once by the platform (still a recorded
   * decision); others start the provider's clock and tell its approvers.
   */
  async enterProviderStage(tx: AnyTx, ctx: RequestContext, app: ApplicationRow, part: PartRow, at: Date) {
    if (part.unconditional === 1) return this.autoApprove(tx, ctx, app, part, at);
    const s = this.deps.settings;
    const days = (await this.clocks.dataOnPlatform(tx, part.resource_id))
      ? s.providerDaysOnPlatform
      : s.providerDays;
    await this.clocks.start(
      tx,
      ctx,
      app,
      part.id,
      'provider',
      days,
      {
        orgId: part.provider_org_id,
        role: 'approver',
      },
      at,
    );
    await this.notify(tx, app, part.id, 'sharing.part.review', `待审核共享申请：${app.title}`, [
      { role: 'approver', orgId: part.provider_org_id! },
    ]);
  }

  private async autoApprove(tx: AnyTx, ctx: RequestContext, app: ApplicationRow, part: PartRow, at: Date) {
    const sys = systemContext('sharing', ctx.requestId);
    const req = this.partRequest(app, part);
    const scope = await this.grants.checkScope(tx, req, 'defaults');
    const { grantId } = await this.grants.issue(tx, sys, req, scope);
    await repo.updatePart(tx, part.id, ['pending'], {
      status: 'approved',
      decision: 'approve',
      decided_by: 'system:sharing',
      decided_at: at.toISOString(),
      grant_id: grantId,
    });
    await this.recordDecision(tx, sys, app, {
      action: 'sharing.part.approve',
      decision: 'approve',
      part,
      scope,
      basis: this.applicationBasis(app),
      comment: null,
      orgId: part.provider_org_id,
    });
  }

  /** Records a decision: salted digests of scope and basis, the evidence event, the history line. */
  async recordDecision(
    tx: AnyTx,
    ctx: RequestContext,
    app: ApplicationRow,
    d: DecisionRecord,
  ): Promise<void> {
    const at = this.now();
    const owner = { applicationId: app.id, partId: d.part?.id ?? null };
    const alg = this.hashName();
    const scopeDigest = d.scope ? await recordDigest(tx, alg, 'scope', d.scope, owner, at) : null;
    const basisDigest = await recordDigest(tx, alg, 'basis', d.basis, owner, at);
    const details = {
      decision: d.decision,
      scopeDigest,
      basisDigest,
      partId: d.part?.id ?? null,
      resourceId: d.part?.resource_id ?? null,
    };
    await this.deps.audit.record(tx, ctx, {
      action: d.action,
      subjectType: 'sharing_application',
      subjectId: app.id,
      orgId: d.orgId,
      details,
    });
    await this.history(tx, ctx, app.id, owner.partId, d.action, d.comment ?? null, details);
  }

  /** Records a non-decision transition: the evidence event and the history line. */
  async recordStep(
    tx: AnyTx,
    ctx: RequestContext,
    app: ApplicationRow,
    step: {
      action: string;
      partId?: string | null;
      orgId: string | null;
      change?: unknown;
      comment?: string | null;
      details?: Record<string, string | number | boolean | null>;
    },
  ): Promise<void> {
    const details = { ...(step.partId ? { partId: step.partId } : {}), ...step.details };
    await this.deps.audit.record(tx, ctx, {
      action: step.action,
      subjectType: 'sharing_application',
      subjectId: app.id,
      orgId: step.orgId,
      ...(step.change !== undefined && { change: step.change }),
      details,
    });
    await this.history(tx, ctx, app.id, step.partId ?? null, step.action, step.comment ?? null, details);
  }

  private async history(
    tx: AnyTx,
    ctx: RequestContext,
    applicationId: string,
    partId: string | null,
    action: string,
    comment: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    const at = this.now();
    await repo.insertHistory(tx, {
      id: newId(at.getTime()),
      application_id: applicationId,
      part_id: partId,
      action,
      actor_kind: ctx.actor.kind,
      actor_id: ctx.actor.id,
      at: at.toISOString(),
      comment,
      details: JSON.stringify(details),
    });
  }

  /** Tells people about a step of an application (inbox; the consumer's webhooks for its own events). */
  async notify(
    tx: AnyTx,
    app: ApplicationRow,
    partId: string | null,
    type: string,
    title: string,
    roles: { role: Role; orgId?: string }[],
  ): Promise<void> {
    await this.deps.notifications.notify(tx, {
      type,
      title,
      subjectType: 'sharing_application',
      subjectId: app.id,
      link: `/sharing/applications/${app.id}`,
      recipients: { roles },
      data: { applicationId: app.id, ...(partId && { partId }) },
    });
  }

  /** Tells the consumer organisation's applicants. */
  async notifyConsumer(tx: AnyTx, app: ApplicationRow, partId: string | null, type: string, title: string) {
    await this.notify(tx, app, partId, type, title, [{ role: 'consumer', orgId: app.consumer_org_id }]);
  }

  /** Once no part is pending, the application is decided. */
  async finishIfDecided(tx: AnyTx, app: ApplicationRow): Promise<void> {
    const parts = await repo.parts(tx, [app.id]);
    if (parts.some((p) => p.status === 'pending')) return;
    const now = this.now().toISOString();
    const ok = await repo.updateApplication(tx, app.id, ['review', 'prereview'], {
      status: 'decided',
      decided_at: now,
      updated_at: now,
    });
    if (!ok) return;
    await this.notifyConsumer(tx, app, null, 'sharing.application.decided', `共享申请已办结：${app.title}`);
  }

  /** Throws the 409 for a transition the state does not allow. */
  stateConflict(what: string, state: string): AppError {
    return new AppError('CONFLICT', `${what} is not possible while the application is ${state}.`, { state });
  }
}
