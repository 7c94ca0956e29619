import {
  authorize,
  can,
  fieldError,
  notFound,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { catalogueRepo as repo } from './catalogue.repository.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import { searchQuery, type SearchQuery } from './catalogue.schemas.js';
import { diffVersions, type ResourceDoc, type VersionDiff } from './domain/resource/index.js';
import {
  DEFAULT_SYNONYMS,
  parseQuery,
  scoreDocuments,
  SearchQueryError,
  termsOf,
  type SearchField,
} from './domain/search/index.js';
import {
  presentResource,
  presentSummary,
  presentVersionMeta,
  type Resource,
  type ResourceSummary,
  type VersionMeta,
} from './presenters.js';
import type { ResourceRow, VersionRow } from './tables.js';

// Reading the catalogue. Published resources are visible to every signed-in user (the catalogue exists to be
// found); drafts and pending versions only to the provider's stewards and the bureau's reviewers. A resource
// someone may not see answers 404, never 403, so its existence does not leak.

const FACETS = ['provider', 'category', 'shareType', 'openType', 'level', 'format', 'updateCycle'] as const;
type Facet = (typeof FACETS)[number];
const COLUMN: Record<Facet, (r: ResourceRow) => string> = {
  provider: (r) => r.org_id,
  category: (r) => r.category,
  shareType: (r) => r.share_type,
  openType: (r) => r.open_type,
  level: (r) => r.level,
  format: (r) => r.format,
  updateCycle: (r) => r.update_cycle,
};

/** A page of search results with facet counts. */
export interface SearchResult {
  total: number;
  items: (ResourceSummary & { score: number | null })[];
  facets: Record<Facet, { value: string; label: string | null; count: number }[]>;
}

/** Searching, browsing and reading resources and their versions. */
export class BrowseService {
  constructor(private readonly deps: CatalogueDeps) {}

  /** Full-text search with facets over the scope the caller asks for and may see. */
  async search(ctx: RequestContext, query: unknown): Promise<SearchResult> {
    requireUser(ctx);
    const f = parseInput(searchQuery, query);
    const db = this.deps.db.kysely;
    let rows = await this.scopeRows(ctx, db, f);
    let scores: Map<string, number> | null = null;
    if (f.q?.trim()) {
      let plan;
      try {
        plan = parseQuery(f.q, DEFAULT_SYNONYMS);
      } catch (e) {
        if (e instanceof SearchQueryError) throw fieldError('q', e.code, e.message);
        throw e;
      }
      if (plan.concepts.length) {
        const postings = await repo.postings(db, termsOf(plan));
        scores = scoreDocuments(
          plan,
          postings.map((p) => ({
            docId: p.resource_id,
            term: p.term,
            field: p.field as SearchField,
            count: p.count,
          })),
        );
        // Drafts are not indexed (the index is fed on publication): they match on name or code instead.
        const needle = f.q.trim().toLowerCase();
        rows = rows.filter(
          (r) =>
            scores!.has(r.id) ||
            (r.published_version === null &&
              (r.name.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle))),
        );
      }
    }
    const facets = await this.facetCounts(db, rows);
    for (const facet of FACETS) {
      const wanted = facet === 'provider' ? f.provider : f[facet];
      if (wanted?.length) rows = rows.filter((r) => wanted.includes(COLUMN[facet](r)));
    }
    const sort = f.sort ?? (scores ? 'relevance' : 'code');
    const score = (r: ResourceRow) => scores?.get(r.id) ?? 0;
    rows.sort((a, b) => {
      if (sort === 'relevance') return score(b) - score(a) || a.code.localeCompare(b.code);
      if (sort === 'name') return a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code);
      if (sort === 'published')
        return (
          (b.last_published_at ?? '').localeCompare(a.last_published_at ?? '') || a.code.localeCompare(b.code)
        );
      return a.code.localeCompare(b.code);
    });
    const page = rows.slice(f.offset, f.offset + f.limit);
    const orgs = await this.deps.directory.organisations(
      db,
      page.map((r) => r.org_id),
    );
    const docs = await this.shownDocs(db, page);
    return {
      total: rows.length,
      items: page.map((r) => ({
        ...presentSummary(r, orgs.get(r.org_id), clip(docs.get(r.id)?.summary)),
        score: scores ? Math.round(score(r) * 100) / 100 : null,
      })),
      facets,
    };
  }

  /** One resource by id or code. */
  async get(ctx: RequestContext, ref: string, tx: AnyTx = this.deps.db.kysely): Promise<Resource> {
    requireUser(ctx);
    const r = await this.visible(ctx, tx, ref);
    const drafts = this.seesDrafts(ctx, r);
    const shownNo = r.published_version ?? r.latest_version;
    const shown = (await repo.version(tx, r.id, shownNo))!;
    const latest = r.latest_version !== shownNo ? await repo.version(tx, r.id, r.latest_version) : undefined;
    const pending = drafts && latest && latest.status !== 'discarded' ? latest : null;
    const orgs = await this.deps.directory.organisations(tx, [r.org_id]);
    return presentResource(r, orgs.get(r.org_id), shown, pending);
  }

  /** A resource's published document (internal: no authorization — for other modules' jobs and checks). */
  async published(
    resourceId: string,
    tx: AnyTx = this.deps.db.kysely,
  ): Promise<{
    id: string;
    code: string;
    orgId: string;
    status: string;
    version: number;
    doc: ResourceDoc;
  } | null> {
    const r = await repo.resource(tx, resourceId);
    if (!r || r.published_version === null) return null;
    const v = await repo.version(tx, r.id, r.published_version);
    if (!v) return null;
    return {
      id: r.id,
      code: r.code,
      orgId: r.org_id,
      status: r.status,
      version: v.version,
      doc: JSON.parse(v.doc) as ResourceDoc,
    };
  }

  /** The id of a published resource by its code (internal). */
  async idByCode(code: string, tx: AnyTx = this.deps.db.kysely): Promise<string | null> {
    const r = await repo.resourceByCode(tx, code);
    return r && r.published_version !== null ? r.id : null;
  }

  /** The version history the caller may see. */
  async versions(ctx: RequestContext, ref: string): Promise<VersionMeta[]> {
    requireUser(ctx);
    const db = this.deps.db.kysely;
    const r = await this.visible(ctx, db, ref);
    const all = await repo.versions(db, r.id);
    return all.filter((v) => this.seesVersion(ctx, r, v)).map(presentVersionMeta);
  }

  /** One version's full document. */
  async version(ctx: RequestContext, ref: string, n: number): Promise<VersionMeta & { doc: ResourceDoc }> {
    requireUser(ctx);
    const db = this.deps.db.kysely;
    const r = await this.visible(ctx, db, ref);
    const v = await repo.version(db, r.id, n);
    if (!v || !this.seesVersion(ctx, r, v)) throw notFound('Version');
    return { ...presentVersionMeta(v), doc: JSON.parse(v.doc) as ResourceDoc };
  }

  /** What changed between two visible versions. */
  async diff(ctx: RequestContext, ref: string, from: number, to: number): Promise<VersionDiff> {
    const a = await this.version(ctx, ref, from);
    const b = await this.version(ctx, ref, to);
    return diffVersions(a.doc, b.doc);
  }

  /** The bureau's queue: submitted versions, oldest first, with the diff against what is published. */
  async reviewQueue(ctx: RequestContext) {
    authorize(ctx, 'catalogue.review');
    const db = this.deps.db.kysely;
    const waiting = await repo.submitted(db);
    const rows = await repo.resources(db, { ids: [...new Set(waiting.map((v) => v.resource_id))] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const orgs = await this.deps.directory.organisations(
      db,
      rows.map((r) => r.org_id),
    );
    const out = [];
    for (const v of waiting) {
      const r = byId.get(v.resource_id);
      if (!r) continue;
      const published = r.published_version ? await repo.version(db, r.id, r.published_version) : undefined;
      const doc = JSON.parse(v.doc) as ResourceDoc;
      out.push({
        resource: presentSummary(r, orgs.get(r.org_id), clip(doc.summary)),
        version: v.version,
        submittedAt: v.submitted_at,
        name: doc.name,
        level: doc.level,
        diff: diffVersions(published ? (JSON.parse(published.doc) as ResourceDoc) : null, doc),
      });
    }
    return out;
  }

  private async scopeRows(ctx: RequestContext, tx: AnyTx, f: SearchQuery): Promise<ResourceRow[]> {
    if (f.scope === 'review') {
      authorize(ctx, 'catalogue.review');
      const ids = (await repo.submitted(tx)).map((v) => v.resource_id);
      return repo.resources(tx, { ids: [...new Set(ids)] });
    }
    if (f.scope === 'mine') {
      if (!ctx.actor.orgId) return [];
      const mine = await repo.resources(tx, { orgId: ctx.actor.orgId });
      return mine.filter((r) => r.published_version !== null || this.seesDrafts(ctx, r));
    }
    return repo.resources(tx, { statuses: ['published'] });
  }

  private async facetCounts(tx: AnyTx, rows: ResourceRow[]): Promise<SearchResult['facets']> {
    const out = {} as SearchResult['facets'];
    const orgs = await this.deps.directory.organisations(tx, [...new Set(rows.map((r) => r.org_id))]);
    for (const facet of FACETS) {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(COLUMN[facet](r), (counts.get(COLUMN[facet](r)) ?? 0) + 1);
      out[facet] = [...counts]
        .map(([value, count]) => ({
          value,
          label: facet === 'provider' ? (orgs.get(value)?.name ?? null) : null,
          count,
        }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return out;
  }

  private async shownDocs(tx: AnyTx, rows: ResourceRow[]): Promise<Map<string, ResourceDoc>> {
    const out = new Map<string, ResourceDoc>();
    const published = await repo.publishedDocs(tx, rows);
    for (const r of rows) {
      const v = published.get(r.id) ?? (await repo.version(tx, r.id, r.latest_version));
      if (v) out.set(r.id, JSON.parse(v.doc) as ResourceDoc);
    }
    return out;
  }

  private async visible(ctx: RequestContext, tx: AnyTx, ref: string): Promise<ResourceRow> {
    const r = UUID.test(ref) ? await repo.resource(tx, ref) : await repo.resourceByCode(tx, ref);
    if (!r || (r.published_version === null && !this.seesDrafts(ctx, r))) throw notFound('Resource');
    return r;
  }

  private seesDrafts(ctx: RequestContext, r: ResourceRow): boolean {
    return can(ctx, 'catalogue.edit', r.org_id) || can(ctx, 'catalogue.review');
  }

  private seesVersion(ctx: RequestContext, r: ResourceRow, v: VersionRow): boolean {
    return v.status === 'published' || v.status === 'superseded' || this.seesDrafts(ctx, r);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clip(s: string | undefined): string | null {
  if (!s) return null;
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}
