import {
  authorize,
  can,
  forbidden,
  notFound,
  parseInput,
  requireUser,
  scopeOf,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { presentStage, presentSummary, type Application } from './applications.presenters.js';
import { applicationsRepo as repo } from './applications.repository.js';
import { listQuery } from './applications.schemas.js';
import type { ApplicationRow } from './applications.tables.js';
import { readDigest } from './digests.js';
import type { Workflow } from './workflow.js';

// Reading applications: one in detail (parties and platform readers), lists by box, the caller's queue with
// SLA, and the objects behind decision digests for the auditor. Nothing here changes state.

/** The read side of applications. */
export class ApplicationReads {
  constructor(private readonly wf: Workflow) {}

  /** One application (its parties, or platform readers). */
  async get(ctx: RequestContext, id: string): Promise<Application> {
    return this.tx(async (tx) => {
      await this.wf.load(tx, ctx, id);
      return this.wf.detail(tx, id);
    });
  }

  /** Applications the caller may see: `mine` (its organisation is a party), `review` (the bureau's), `all`. */
  async list(ctx: RequestContext, query: unknown) {
    requireUser(ctx);
    const q = parseInput(listQuery, query);
    const org = ctx.actor.orgId;
    const platform = scopeOf(ctx, 'sharing.read') === 'platform';
    if (!platform && !(org && can(ctx, 'sharing.read', org))) throw forbidden('sharing.read');
    const db = this.wf.deps.db.kysely;
    const page = { status: q.status, limit: q.limit, offset: q.offset };
    let result;
    if (q.box === 'review') {
      authorize(ctx, 'sharing.mediate');
      result = await repo.listApplications(db, { ids: await this.reviewIds(db), draftsOfOrg: null, ...page });
    } else if (q.box === 'all' && platform) {
      result = await repo.listApplications(db, { draftsOfOrg: org, ...page });
    } else {
      if (!org) return { items: [], total: 0 };
      result = await repo.listApplications(db, { partyOrgId: org, draftsOfOrg: org, ...page });
    }
    const parts = await repo.parts(
      db,
      result.rows.map((r) => r.id),
    );
    const names = await this.wf.orgNames(db, [
      ...result.rows.map((a) => a.consumer_org_id),
      ...parts.map((p) => p.provider_org_id),
    ]);
    return {
      items: result.rows.map((a) =>
        presentSummary(
          a,
          parts.filter((p) => p.application_id === a.id),
          names,
        ),
      ),
      total: result.total,
    };
  }

  /** What waits for the caller: an approver's parts, a reviewer's pre-reviews, disputes and escalations. */
  async queue(ctx: RequestContext) {
    requireUser(ctx);
    const org = ctx.actor.orgId;
    const approver = !!org && can(ctx, 'sharing.decide', org);
    const reviewer = can(ctx, 'sharing.mediate');
    if (!approver && !reviewer) throw forbidden('sharing.decide');
    return this.tx(async (tx) => {
      const cal = await this.wf.deps.calendar.calendar(tx);
      const now = this.wf.deps.clock.now();
      const stages = [];
      if (approver) {
        const parts = await repo.pendingPartsOf(tx, org);
        const ids = new Set(parts.map((p) => p.id));
        const open = (await repo.openStagesOfKind(tx, 'provider')).filter((s) => ids.has(s.part_id ?? ''));
        stages.push(...open.map((s) => ({ s, kind: 'decide' as const })));
      }
      if (reviewer) {
        const pre = await repo.openStagesOfKind(tx, 'prereview');
        const med = await repo.openStagesOfKind(tx, 'mediation');
        const esc = (await repo.escalatedOpenStages(tx)).filter((s) => s.stage === 'provider');
        stages.push(
          ...pre.map((s) => ({ s, kind: 'prereview' as const })),
          ...med.map((s) => ({ s, kind: 'mediate' as const })),
          ...esc.map((s) => ({ s, kind: 'escalated' as const })),
        );
      }
      const apps = new Map<string, ApplicationRow>();
      for (const id of new Set(stages.map((x) => x.s.application_id)))
        apps.set(id, (await repo.application(tx, id))!);
      const parts = new Map((await repo.parts(tx, [...apps.keys()])).map((p) => [p.id, p]));
      const names = await this.wf.orgNames(
        tx,
        [...apps.values()].map((a) => a.consumer_org_id),
      );
      const items = stages
        .map(({ s, kind }) => {
          const a = apps.get(s.application_id)!;
          return {
            kind,
            applicationId: a.id,
            title: a.title,
            consumerOrgId: a.consumer_org_id,
            consumerOrgName: names.get(a.consumer_org_id) ?? null,
            applicationStatus: a.status,
            partId: s.part_id,
            // The part's resource (null for the application-wide pre-review).
            resourceId: (s.part_id && parts.get(s.part_id)?.resource_id) ?? null,
            deadline: presentStage(s, cal, now),
          };
        })
        .sort((x, y) => x.deadline.dueAt.localeCompare(y.deadline.dueAt));
      return { items };
    });
  }

  /**
   * The object and salt behind a decision's digest, for the auditor to hand to an entitled party (SCENARIOS
   * S10): they recompute `H(salt ‖ jcs)` with public tools and compare it with the leaf.
   */
  async digest(ctx: RequestContext, digest: string) {
    authorize(ctx, 'audit.read');
    const d = await readDigest(this.wf.deps.db.kysely, digest);
    if (!d) throw notFound('Digest');
    return d;
  }

  private async reviewIds(tx: AnyTx): Promise<string[]> {
    const pre = await repo.openStagesOfKind(tx, 'prereview');
    const med = await repo.openStagesOfKind(tx, 'mediation');
    const esc = await repo.escalatedOpenStages(tx);
    return [...new Set([...pre, ...med, ...esc].map((s) => s.application_id))];
  }

  private tx<T>(fn: (tx: AnyTx) => Promise<T>): Promise<T> {
    return this.wf.deps.db.kysely.transaction().execute(fn);
  }
}
