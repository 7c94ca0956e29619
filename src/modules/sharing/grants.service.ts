import {
  authorize,
  can,
  conflict,
  forbidden,
  newId,
  notFound,
  parseInput,
  scopeOf,
  shanghaiDate,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import type { CatalogueListener } from '../catalogue/index.js';
import type { Filter, FilterJson } from '../datastore/index.js';
import { assertResumable, checkProposedScope } from './grant-fit.js';
import { GrantAccess, type AccessCaller, type CompiledGrant } from './grant-access.js';
import type { GrantPort, GrantScope, PartRequest } from './grant-port.js';
import { transitionGrant, type GrantTransition } from './grant-status.js';
import { grantsListener } from './grants.listener.js';
import {
  presentGrant,
  presentGrantHistory,
  type Grant,
  type GrantHistoryEntry,
} from './grants.presenters.js';
import { grantsRepo as repo } from './grants.repository.js';
import { grantListQuery, grantReasonSchema } from './grants.schemas.js';
import { GrantSweep } from './grants.sweep.js';
import type { GrantRow } from './grants.tables.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';
import { partyFilter } from './party-list.repository.js';

// Grants (docs/sharing.md "Grants"): the review workflow checks and issues them through GrantPort; parties
// read them; the provider's approvers or the bureau suspend, resume and revoke them; the exchange asks
// authorizeAccess on every call. Another organisation's grant does not exist for the caller (404); a party
// without the deciding role gets 403.

/** Grants: scope checks, issue, status changes, access checks. */
export class GrantsService implements GrantPort {
  readonly jobs: SharingJob[];
  readonly catalogueListener: CatalogueListener;
  private readonly access: GrantAccess;
  private readonly sweep: GrantSweep;

  constructor(private readonly deps: SharingDeps) {
    this.access = new GrantAccess(deps);
    this.sweep = new GrantSweep(deps);
    this.catalogueListener = grantsListener(deps);
    this.jobs = [this.sweep.job];
  }

  /** See GrantPort. */
  async checkScope(tx: AnyTx, req: PartRequest, proposed: unknown): Promise<GrantScope> {
    return checkProposedScope(this.deps, tx, req, proposed);
  }

  /** See GrantPort. The decider must be the provider's approver, the bureau, or the platform itself. */
  async issue(
    tx: AnyTx,
    ctx: RequestContext,
    req: PartRequest,
    scope: GrantScope,
  ): Promise<{ grantId: string }> {
    const platform = ctx.actor.kind === 'system';
    if (!platform && !can(ctx, 'sharing.decide', req.providerOrgId) && !can(ctx, 'sharing.mediate'))
      throw forbidden('sharing.decide');
    const now = this.deps.clock.now();
    const id = newId(now.getTime());
    await repo.insert(tx, {
      id,
      application_id: req.applicationId,
      part_id: req.partId,
      resource_id: req.resourceId,
      provider_org_id: req.providerOrgId,
      consumer_org_id: req.consumerOrgId,
      status: 'active',
      scope: JSON.stringify(scope),
      valid_from: scope.validFrom,
      valid_until: scope.validUntil,
      status_reason: null,
      reminders_sent: JSON.stringify(this.sweep.remindersDue(shanghaiDate(now), scope.validUntil)),
      created_at: now.toISOString(),
      created_by: ctx.actor.id,
      updated_at: now.toISOString(),
    });
    await repo.addHistory(tx, {
      id: newId(now.getTime()),
      grant_id: id,
      at: now.toISOString(),
      action: 'sharing.grant.issue',
      actor_kind: ctx.actor.kind,
      actor_id: ctx.actor.id,
      reason: null,
    });
    await this.deps.audit.record(tx, ctx, {
      action: 'sharing.grant.issue',
      subjectType: 'grant',
      subjectId: id,
      orgId: req.providerOrgId,
      change: scope,
      details: {
        applicationId: req.applicationId,
        partId: req.partId,
        resourceId: req.resourceId,
        consumerOrg: req.consumerOrgId,
        items: scope.items.length,
        validFrom: scope.validFrom,
        validUntil: scope.validUntil,
      },
    });
    await repo.bumpEpoch(tx);
    await this.deps.notifications.notify(tx, {
      type: 'sharing.grant.issued',
      title: '共享授权已生效',
      body: `有效期 ${scope.validFrom} 至 ${scope.validUntil}`,
      subjectType: 'grant',
      subjectId: id,
      link: `/sharing/grants/${id}`,
      orgId: req.consumerOrgId,
      recipients: { roles: [{ role: 'consumer', orgId: req.consumerOrgId }] },
      data: { grantId: id, resourceId: req.resourceId, applicationId: req.applicationId },
    });
    return { grantId: id };
  }

  /** See GrantPort. */
  async forApplication(
    tx: AnyTx,
    applicationId: string,
  ): Promise<{ grantId: string; partId: string; status: string }[]> {
    const rows = await repo.forApplication(tx, applicationId);
    return rows.map((r) => ({ grantId: r.id, partId: r.part_id, status: r.status }));
  }

  /** Grants the caller's organisation is party to (platform readers: any), by box and status. */
  async list(ctx: RequestContext, query: unknown = {}): Promise<{ items: Grant[]; total: number }> {
    authorize(ctx, 'sharing.read', ctx.actor.orgId);
    const q = parseInput(grantListQuery, query);
    const db = this.deps.db.kysely;
    const { rows, total } = await repo.list(db, partyFilter(ctx, q));
    const orgs = await this.deps.directory.organisations(
      db,
      rows.flatMap((r) => [r.provider_org_id, r.consumer_org_id]),
    );
    return { items: rows.map((r) => presentGrant(r, orgs)), total };
  }

  /** One grant with its history (parties and platform readers). */
  async get(ctx: RequestContext, id: string): Promise<Grant & { history: GrantHistoryEntry[] }> {
    const db = this.deps.db.kysely;
    const row = await this.visible(ctx, db, id);
    return this.show(db, row);
  }

  /** The provider's approver or the bureau suspends an active grant. */
  async suspend(ctx: RequestContext, id: string, input: unknown) {
    return this.change(ctx, id, input, {
      to: 'suspended',
      from: ['active'],
      action: 'sharing.grant.suspend',
    });
  }

  /** Resumes a suspended grant, unless it has expired or no longer fits the resource and the policy. */
  async resume(ctx: RequestContext, id: string, input: unknown) {
    return this.change(ctx, id, input, { to: 'active', from: ['suspended'], action: 'sharing.grant.resume' });
  }

  /** Revokes a grant for good. */
  async revoke(ctx: RequestContext, id: string, input: unknown) {
    return this.change(ctx, id, input, {
      to: 'revoked',
      from: ['active', 'suspended'],
      action: 'sharing.grant.revoke',
    });
  }

  /** The exchange's check on every call: the compiled grant, or 403/404 (see grant-access.ts). */
  async authorizeAccess(caller: AccessCaller, grantId: string, method: string): Promise<CompiledGrant> {
    return this.access.authorizeAccess(caller, grantId, method);
  }

  /** Every grant ever issued, compiled, with its status (internal: leak tracing; see grant-access.ts). */
  async everIssued(resourceId: string | null = null) {
    return this.access.everIssued(resourceId);
  }

  /** A consumer's own filter and sort, admitted only on items granted unmasked (403 otherwise). */
  checkConsumerFilter(
    compiled: CompiledGrant,
    filter: FilterJson | null,
    sortItems: string[] = [],
  ): Filter | null {
    return this.access.checkConsumerFilter(compiled, filter, sortItems);
  }

  /** Runs the expiry and reminder sweep once (the `sharing.grants` job). */
  async sweepOnce(): Promise<{ expired: number; reminded: number }> {
    return this.sweep.run();
  }

  private async change(
    ctx: RequestContext,
    id: string,
    input: unknown,
    t: Omit<GrantTransition, 'reason'>,
  ): Promise<Grant & { history: GrantHistoryEntry[] }> {
    const { reason } = parseInput(grantReasonSchema, input);
    const shown = await this.deps.db.kysely.transaction().execute(async (tx) => {
      const row = await this.visible(ctx, tx, id);
      if (!can(ctx, 'sharing.decide', row.provider_org_id) && !can(ctx, 'sharing.mediate'))
        throw forbidden('sharing.decide');
      if (!t.from.includes(row.status))
        throw conflict(`A ${row.status} grant cannot be ${t.to === 'active' ? 'resumed' : t.to}.`, 'status');
      if (t.to === 'active') await assertResumable(this.deps, tx, row);
      if (!(await transitionGrant(this.deps, tx, ctx, row, { ...t, reason })))
        throw conflict('The grant changed meanwhile; reload it.', 'status');
      return this.show(tx, (await repo.get(tx, id))!);
    });
    // Other processes learn of it through the epoch; this one need not wait for its next probe.
    this.access.forget(id);
    return shown;
  }

  private async visible(ctx: RequestContext, tx: AnyTx, id: string): Promise<GrantRow> {
    authorize(ctx, 'sharing.read', ctx.actor.orgId);
    const row = await repo.get(tx, id);
    const party = row && (row.consumer_org_id === ctx.actor.orgId || row.provider_org_id === ctx.actor.orgId);
    if (!row || !(party || scopeOf(ctx, 'sharing.read') === 'platform')) throw notFound('Grant');
    return row;
  }

  private async show(tx: AnyTx, row: GrantRow): Promise<Grant & { history: GrantHistoryEntry[] }> {
    const orgs = await this.deps.directory.organisations(tx, [row.provider_org_id, row.consumer_org_id]);
    const history = await repo.history(tx, row.id);
    return { ...presentGrant(row, orgs), history: history.map(presentGrantHistory) };
  }
}
