import {
  AppError,
  authorize,
  can,
  conflict,
  newId,
  notFound,
  parseInput,
  validationError,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { catalogueRepo as repo } from './catalogue.repository.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import type { CatalogueEvents } from './catalogue.events.js';
import {
  affectsGrants,
  checkPolicy,
  classificationCode,
  diffVersions,
  normaliseResource,
  resourceCode,
  resourceInputSchema,
  type ResourceDoc,
} from './domain/resource/index.js';
import type { PolicyService } from './policy.service.js';
import type { Resource } from './presenters.js';
import { reviewSchema, withdrawSchema, createSchema } from './catalogue.schemas.js';
import { searchRows } from './search-index.js';
import type { ResourceRow, VersionRow } from './tables.js';

// The lifecycle of a resource: draft → submitted → (approved → published | returned → draft again) →
// changed (a new version goes the same way while the published one stays live) → withdrawn. Only the
// provider's stewards edit; the bureau's reviewers review; every transition is an evidence event written in
// the transaction of the change, and publication tells the other modules what changed.

/** Creating, editing, reviewing and withdrawing resources. */
export class ResourcesService {
  constructor(
    private readonly deps: CatalogueDeps,
    private readonly policy: PolicyService,
    private readonly events: CatalogueEvents,
    private readonly show: (ctx: RequestContext, tx: AnyTx, id: string) => Promise<Resource>,
  ) {}

  /** A steward registers a resource of their organisation as a draft (version 1). */
  async create(ctx: RequestContext, input: unknown): Promise<Resource> {
    const { orgId: asked, ...rest } = parseInput(createSchema, input);
    const orgId = asked ?? ctx.actor.orgId;
    authorize(ctx, 'catalogue.edit', orgId);
    if (!orgId) throw validationError([{ field: 'orgId', code: 'REQUIRED', message: 'orgId is required' }]);
    const parsed = parseInput(resourceInputSchema, rest);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const { table } = await this.policy.current(tx);
      const doc = this.validated(normaliseResource(parsed, table), table);
      const org = (await this.deps.directory.organisations(tx, [orgId])).get(orgId);
      if (!org || org.status !== 'active') throw notFound('Organisation');
      const classCode = classificationCode(parsed.classification);
      const seq = await repo.nextSeq(tx, classCode, orgId);
      const now = this.now();
      const row: ResourceRow = {
        id: newId(),
        code: resourceCode(classCode, org.uscc, seq),
        org_id: orgId,
        class_code: classCode,
        seq,
        status: 'draft',
        ...facets(doc),
        published_version: null,
        latest_version: 1,
        first_published_at: null,
        last_published_at: null,
        withdrawn_at: null,
        withdrawn_reason: null,
        created_by: ctx.actor.id!,
        created_at: now,
        updated_at: now,
      };
      await repo.insertResource(tx, row);
      await repo.insertVersion(tx, this.versionRow(row.id, 1, doc, ctx, now));
      await this.record(tx, ctx, 'catalogue.resource.create', row, 1, doc);
      return this.show(ctx, tx, row.id);
    });
  }

  /** Edits the working draft, or opens a new version of a published resource. */
  async update(ctx: RequestContext, id: string, input: unknown): Promise<Resource> {
    const parsed = parseInput(resourceInputSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const r = await this.editable(ctx, tx, id);
      if (r.status === 'withdrawn') throw conflict('A withdrawn resource cannot be changed.');
      const latest = (await repo.version(tx, id, r.latest_version))!;
      if (latest.status === 'submitted')
        throw conflict('The latest version is with the bureau for review; wait for the decision.');
      const published = r.published_version ? await repo.version(tx, id, r.published_version) : undefined;
      const base = published ? (JSON.parse(published.doc) as ResourceDoc) : null;
      const { table } = await this.policy.current(tx);
      const doc = this.validated(normaliseResource(parsed, table, base ?? docOf(latest)), table);
      const now = this.now();
      let version = latest.version;
      if (latest.status === 'draft' || latest.status === 'returned') {
        await repo.updateVersion(tx, id, version, ['draft', 'returned'], {
          doc: JSON.stringify(doc),
          status: 'draft',
          updated_at: now,
        });
      } else {
        version = latest.version + 1;
        await repo.insertVersion(tx, this.versionRow(id, version, doc, ctx, now));
      }
      // The list shows the published facets while a change is pending; a never-published draft shows its own.
      await repo.updateResource(tx, id, {
        latest_version: version,
        updated_at: now,
        ...(r.published_version === null && facets(doc)),
      });
      await this.record(tx, ctx, 'catalogue.resource.update', r, version, doc);
      return this.show(ctx, tx, id);
    });
  }

  /** The steward sends the latest version to the bureau. */
  async submit(ctx: RequestContext, id: string): Promise<Resource> {
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const r = await this.editable(ctx, tx, id);
      if (r.status === 'withdrawn') throw conflict('A withdrawn resource cannot be submitted.');
      const v = (await repo.version(tx, id, r.latest_version))!;
      if (v.status !== 'draft' && v.status !== 'returned')
        throw conflict(`Version ${v.version} is ${v.status}; only a draft can be submitted.`);
      const { table } = await this.policy.current(tx);
      this.assertPolicy(docOf(v), table);
      const now = this.now();
      await repo.updateVersion(tx, id, v.version, ['draft', 'returned'], {
        status: 'submitted',
        submitted_by: ctx.actor.id,
        submitted_at: now,
        updated_at: now,
        review_comment: null,
      });
      if (r.status === 'draft') await repo.updateResource(tx, id, { status: 'submitted', updated_at: now });
      await this.record(tx, ctx, 'catalogue.resource.submit', r, v.version);
      await this.deps.notifications.notify(tx, {
        type: 'catalogue.review.requested',
        title: `待审核目录：${r.name}（第${v.version}版）`,
        subjectType: 'catalogue_resource',
        subjectId: id,
        link: `/catalogue/review`,
        recipients: { roles: [{ role: 'reviewer' }] },
        data: { resourceId: id, code: r.code, version: v.version },
      });
      return this.show(ctx, tx, id);
    });
  }

  /** A bureau reviewer approves (publishes) or returns the submitted version with comments. */
  async review(ctx: RequestContext, id: string, input: unknown): Promise<Resource> {
    const body = parseInput(reviewSchema, input);
    authorize(ctx, 'catalogue.review');
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const r = await repo.resource(tx, id);
      if (!r) throw notFound('Resource');
      const v = await repo.version(tx, id, r.latest_version);
      if (!v || v.status !== 'submitted') throw conflict('There is no submitted version to review.');
      const now = this.now();
      if (body.decision === 'return') {
        await repo.updateVersion(tx, id, v.version, ['submitted'], {
          status: 'returned',
          review_comment: body.comment,
          reviewed_by: ctx.actor.id,
          reviewed_at: now,
          updated_at: now,
        });
        if (r.status === 'submitted') await repo.updateResource(tx, id, { status: 'draft', updated_at: now });
        await this.record(tx, ctx, 'catalogue.resource.return', r, v.version, undefined, body.comment);
        await this.tellStewards(tx, r, 'catalogue.review.returned', `目录被退回修改：${r.name}`, v.version);
        return this.show(ctx, tx, id);
      }
      // The policy may have changed since submission: publish only what complies now.
      const { table } = await this.policy.current(tx);
      const doc = docOf(v);
      this.assertPolicy(doc, table);
      const prevRow = r.published_version ? await repo.version(tx, id, r.published_version) : undefined;
      const previous = prevRow ? docOf(prevRow) : null;
      const diff = diffVersions(previous, doc);
      if (prevRow)
        await repo.updateVersion(tx, id, prevRow.version, ['published'], {
          status: 'superseded',
          updated_at: now,
        });
      await repo.updateVersion(tx, id, v.version, ['submitted'], {
        status: 'published',
        diff: JSON.stringify(diff),
        review_comment: body.comment ?? null,
        reviewed_by: ctx.actor.id,
        reviewed_at: now,
        published_at: now,
        updated_at: now,
      });
      const published: ResourceRow = {
        ...r,
        ...facets(doc),
        status: 'published',
        published_version: v.version,
        first_published_at: r.first_published_at ?? now,
        last_published_at: now,
        updated_at: now,
      };
      await repo.updateResource(tx, id, published);
      const org = (await this.deps.directory.organisations(tx, [r.org_id])).get(r.org_id);
      await repo.replaceTerms(tx, id, searchRows(id, r.code, doc, org?.name ?? ''));
      await this.record(tx, ctx, 'catalogue.resource.publish', r, v.version, diff, body.comment, {
        added: diff.itemsAdded.length,
        removed: diff.itemsRemoved.length,
        retyped: diff.itemsRetyped.length,
        restricted: diff.itemsRestricted.length,
      });
      await this.events.published(tx, ctx, {
        resourceId: id,
        code: r.code,
        orgId: r.org_id,
        version: v.version,
        previousVersion: prevRow?.version ?? null,
        doc,
        previous,
        diff,
        affectsGrants: affectsGrants(diff),
      });
      await this.tellStewards(
        tx,
        r,
        'catalogue.review.approved',
        `目录已发布：${r.name}（第${v.version}版）`,
        v.version,
      );
      return this.show(ctx, tx, id);
    });
  }

  /** The provider (or the bureau) withdraws a resource with a reason; grants are suspended by subscribers. */
  async withdraw(ctx: RequestContext, id: string, input: unknown): Promise<Resource> {
    const { reason } = parseInput(withdrawSchema, input);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const r = await repo.resource(tx, id);
      const mayEdit = r && can(ctx, 'catalogue.edit', r.org_id);
      if (!r || !(mayEdit || can(ctx, 'catalogue.review'))) throw notFound('Resource');
      if (r.status === 'withdrawn') throw conflict('The resource is already withdrawn.');
      const now = this.now();
      const latest = (await repo.version(tx, id, r.latest_version))!;
      // A pending change dies with the resource.
      if (latest.status !== 'published')
        await repo.updateVersion(tx, id, latest.version, ['draft', 'returned', 'submitted'], {
          status: 'discarded',
          updated_at: now,
        });
      await repo.updateResource(tx, id, {
        status: 'withdrawn',
        withdrawn_at: now,
        withdrawn_reason: reason,
        updated_at: now,
      });
      await repo.deleteTerms(tx, id);
      await this.record(
        tx,
        ctx,
        'catalogue.resource.withdraw',
        r,
        r.published_version ?? latest.version,
        undefined,
        reason,
      );
      await this.events.withdrawn(tx, ctx, { resourceId: id, code: r.code, orgId: r.org_id, reason });
      await this.tellStewards(tx, r, 'catalogue.resource.withdrawn', `目录已撤销：${r.name}`, latest.version);
      return this.show(ctx, tx, id);
    });
  }

  private async editable(ctx: RequestContext, tx: AnyTx, id: string): Promise<ResourceRow> {
    const r = await repo.resource(tx, id);
    // Other organisations' drafts do not exist for the caller; their published resources are read-only.
    if (!r) throw notFound('Resource');
    if (!can(ctx, 'catalogue.edit', r.org_id)) {
      if (r.published_version === null && !can(ctx, 'catalogue.review')) throw notFound('Resource');
      authorize(ctx, 'catalogue.edit', r.org_id);
    }
    return r;
  }

  private validated(
    out: ReturnType<typeof normaliseResource>,
    table: Parameters<typeof checkPolicy>[1],
  ): ResourceDoc {
    if (out.issues.length) throw validationError(out.issues, 'The resource description is invalid.');
    this.assertPolicy(out.doc, table);
    return out.doc;
  }

  private assertPolicy(doc: ResourceDoc, table: Parameters<typeof checkPolicy>[1]): void {
    const v = checkPolicy(doc, table);
    if (v.length)
      throw new AppError('UNPROCESSABLE', `The resource breaks the level policy: ${v[0]!.message}`, {
        violations: v,
      });
  }

  private versionRow(
    id: string,
    version: number,
    doc: ResourceDoc,
    ctx: RequestContext,
    now: string,
  ): VersionRow {
    return {
      resource_id: id,
      version,
      status: 'draft',
      doc: JSON.stringify(doc),
      diff: null,
      review_comment: null,
      created_by: ctx.actor.id!,
      created_at: now,
      updated_at: now,
      submitted_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      published_at: null,
    };
  }

  private async record(
    tx: AnyTx,
    ctx: RequestContext,
    action: string,
    r: ResourceRow,
    version: number,
    change?: unknown,
    comment?: string,
    extra: Record<string, number> = {},
  ): Promise<void> {
    await this.deps.audit.record(tx, ctx, {
      action,
      subjectType: 'catalogue_resource',
      subjectId: r.id,
      orgId: r.org_id,
      ...((change !== undefined || comment !== undefined) && {
        change: { doc: change ?? null, comment: comment ?? null },
      }),
      details: { code: r.code, version, ...extra },
    });
  }

  private async tellStewards(tx: AnyTx, r: ResourceRow, type: string, title: string, version: number) {
    await this.deps.notifications.notify(tx, {
      type,
      title,
      subjectType: 'catalogue_resource',
      subjectId: r.id,
      link: `/catalogue/resources/${r.id}`,
      orgId: r.org_id,
      recipients: { roles: [{ role: 'steward', orgId: r.org_id }] },
      data: { resourceId: r.id, code: r.code, version },
    });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/** The parsed document of a version row. */
export function docOf(v: VersionRow): ResourceDoc {
  return JSON.parse(v.doc) as ResourceDoc;
}

/** The list columns taken from a document. */
export function facets(doc: ResourceDoc) {
  return {
    name: doc.name,
    level: doc.level,
    share_type: doc.share.type,
    open_type: doc.open.type,
    format: doc.format,
    update_cycle: doc.updateCycle,
    category: doc.classification.category,
  };
}
