import { z } from 'zod';
import { parseInput, requireUser, type RequestContext } from '../../kernel/index.js';
import { catalogueRepo as repo } from './catalogue.repository.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import {
  toJsonLdText,
  toTurtle,
  type DcatCatalogueInfo,
  type DcatDatasetInput,
  type DcatScope,
} from './domain/dcat/index.js';
import type { ResourceDoc } from './domain/resource/index.js';
import type { ResourceRow } from './tables.js';

// Exports of the catalogue. The public DCAT-AP document lists only resources the public may see — published
// and 无条件开放 or 有条件开放 — and the filter is here, before the serializer, so nothing else can slip in. The
// full export (every published resource with its sharing attributes) is for cascading to an upper-level
// platform and needs a signed-in user.

export const EXPORT_FORMATS = ['ttl', 'jsonld', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const dcatQuery = z.object({ format: z.enum(['ttl', 'jsonld']).optional() });
export const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('ttl') });

const MEDIA: Record<ExportFormat, string> = {
  ttl: 'text/turtle; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A serialized export. */
export interface ExportDocument {
  contentType: string;
  body: string;
  count: number;
}

/** Which format an Accept header asks for (Turtle unless JSON-LD is preferred). */
export function formatFromAccept(accept: string | undefined): 'ttl' | 'jsonld' {
  if (!accept) return 'ttl';
  const ranked = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) {
    if (r.type === 'application/ld+json' || r.type === 'application/json') return 'jsonld';
    if (r.type === 'text/turtle' || r.type === '*/*' || r.type === 'text/*') return 'ttl';
  }
  return 'ttl';
}

/** The DCAT-AP exports. */
export class ExportService {
  constructor(private readonly deps: CatalogueDeps) {}

  /** Public: open published resources only, as Turtle or JSON-LD. */
  async publicDcat(query: unknown, accept: string | undefined): Promise<ExportDocument> {
    const q = parseInput(dcatQuery, query);
    const format = q.format ?? formatFromAccept(accept);
    const datasets = await this.datasets((r) => r.open_type === 'open' || r.open_type === 'conditional');
    return this.render(format, datasets, 'open');
  }

  /** Signed-in users: every published resource, with sharing attributes (for an upper-level platform). */
  async fullExport(ctx: RequestContext, query: unknown): Promise<ExportDocument> {
    // Every signed-in user may read every published resource anyway; the export is the same data in bulk.
    requireUser(ctx);
    const { format } = parseInput(exportQuery, query);
    const datasets = await this.datasets(() => true);
    if (format === 'json') {
      const body = JSON.stringify(
        datasets.map((d) => ({
          id: d.id,
          code: d.code,
          version: d.version,
          provider: d.provider,
          issued: d.issued,
          modified: d.modified,
          ...d.doc,
        })),
        null,
        2,
      );
      return { contentType: MEDIA.json, body, count: datasets.length };
    }
    return this.render(format, datasets, 'full');
  }

  private async datasets(keep: (r: ResourceRow) => boolean): Promise<DcatDatasetInput[]> {
    const db = this.deps.db.kysely;
    const rows = (await repo.resources(db, { statuses: ['published'] })).filter(keep);
    const docs = await repo.publishedDocs(db, rows);
    const orgs = await this.deps.directory.organisations(
      db,
      rows.map((r) => r.org_id),
    );
    return rows.flatMap((r) => {
      const v = docs.get(r.id);
      const org = orgs.get(r.org_id);
      if (!v || !org) return [];
      return [
        {
          id: r.id,
          code: r.code,
          doc: JSON.parse(v.doc) as ResourceDoc,
          provider: { name: org.name, uscc: org.uscc },
          version: v.version,
          issued: r.first_published_at ?? v.published_at ?? r.created_at,
          modified: v.published_at ?? r.updated_at,
        },
      ];
    });
  }

  private async render(
    format: 'ttl' | 'jsonld',
    datasets: DcatDatasetInput[],
    scope: DcatScope,
  ): Promise<ExportDocument> {
    const info = await this.info(datasets);
    const body =
      format === 'ttl' ? toTurtle(info, datasets, { scope }) : toJsonLdText(info, datasets, { scope });
    return { contentType: MEDIA[format], body, count: datasets.length };
  }

  private async info(datasets: DcatDatasetInput[]): Promise<DcatCatalogueInfo> {
    const db = this.deps.db.kysely;
    const operatorId = await this.deps.directory.operatorOrgId(db);
    const operator = operatorId
      ? (await this.deps.directory.organisations(db, [operatorId])).get(operatorId)
      : undefined;
    const modified = datasets.reduce((m, d) => (d.modified > m ? d.modified : m), '1970-01-01T00:00:00.000Z');
    return {
      baseUrl: this.deps.publicUrl.replace(/\/+$/, ''),
      title: `${operator?.name ?? '政务数据共享平台'}政务信息资源目录`,
      description: '经数据主管部门审核发布的政务信息资源目录（开放部分）。',
      publisher: { name: operator?.name ?? '数据主管部门', id: operator?.uscc ?? 'unknown' },
      language: 'zh',
      modified: datasets.length ? modified : this.deps.clock.now().toISOString(),
      homepage: this.deps.publicUrl,
    };
  }
}
