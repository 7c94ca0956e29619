import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  AppError,
  fieldError,
  newId,
  notFound,
  parseInput,
  type RequestContext,
} from '../../kernel/index.js';
import type { FilterJson } from '../datastore/index.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { createFilesPackage, isFileResource } from './files-packages.js';
import { grantedFields } from './grant-admission.js';
import { PACKAGE_JOB } from './package-builder.js';
import { packageFile } from './package-job.js';
import { createPackageBody, listPackagesQuery, parseRange } from './packages.schemas.js';
import { packagesRepo, type PackageRow } from './packages.repository.js';
import { callerOf } from './records.service.js';

// Packages (docs/packages.md): a consumer asks for a bulk export of a grant; the request is checked like any
// exchange call and queued; a job builds the sealed, signed package; the consumer organisation downloads it,
// resumably (HTTP Range), as long as the grant still allows the package method.

/** A package as the API shows it. */
export interface PackageView {
  id: string;
  grantId: string;
  resourceId: string;
  /** `files` for a package of a file resource. */
  format: 'csv' | 'ndjson' | 'files';
  /** Item codes (table resources); empty for files. */
  fields: string[];
  /** The delivered files' names (file resources only). */
  files?: string[];
  status: PackageRow['status'];
  rows: number | null;
  bytes: number | null;
  /** SHA-256 of the package file (the download's ETag). */
  fileSha256: string | null;
  manifest: unknown;
  error: string | null;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
}

function present(r: PackageRow): PackageView {
  // A files package keeps its file names where a table package keeps its item codes.
  const files = (r.format as string) === 'files';
  return {
    id: r.id,
    grantId: r.grant_id,
    resourceId: r.resource_id,
    format: r.format,
    fields: files ? [] : (JSON.parse(r.fields) as string[]),
    ...(files && { files: JSON.parse(r.fields) as string[] }),
    status: r.status,
    rows: r.rows,
    bytes: r.bytes,
    fileSha256: r.file_sha256,
    manifest: r.manifest === null ? null : (JSON.parse(r.manifest) as unknown),
    error: r.error,
    createdAt: r.created_at,
    readyAt: r.ready_at,
    expiresAt: r.expires_at,
  };
}

/** A download: the bytes (a stream), status and headers. */
export interface PackageContent {
  status: 200 | 206;
  body: Readable;
  headers: Record<string, string>;
}

/** The package API of the exchange. */
export class PackagesService {
  constructor(private readonly deps: ExchangeDeps) {}

  /** Asks for a package of a grant (202: built by a job). */
  async create(ctx: RequestContext, grantId: string, input: unknown): Promise<PackageView> {
    const v = parseInput(createPackageBody, input);
    const g = await this.deps.grants.authorizeAccess(callerOf(ctx), grantId, 'package');
    if (await isFileResource(this.deps, g.resourceId))
      return present(await createFilesPackage(this.deps, ctx, g, v));
    if (v.files)
      throw fieldError('files', 'NOT_A_FILE_RESOURCE', 'only packages of file resources name files');
    const format = v.format ?? 'csv';
    const fields = grantedFields(g, v.fields);
    const filter = (v.filter ?? null) as FilterJson | null;
    // Admitted now so a bad filter is a 400/403 here, not a failed job later.
    this.deps.grants.checkConsumerFilter(g, filter, []);
    const now = this.deps.clock.now().toISOString();
    const row: PackageRow = {
      id: newId(),
      grant_id: grantId,
      resource_id: g.resourceId,
      consumer_org_id: g.consumerOrgId,
      provider_org_id: g.providerOrgId,
      requester_kind: ctx.actor.kind === 'client' ? 'client' : 'user',
      requester_id: ctx.actor.id!,
      format,
      fields: JSON.stringify(fields),
      filter: filter === null ? null : JSON.stringify(filter),
      status: 'queued',
      rows: null,
      bytes: null,
      file_sha256: null,
      manifest: null,
      error: null,
      created_at: now,
      ready_at: null,
      expires_at: null,
    };
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      await packagesRepo.insert(tx, row);
      await this.deps.jobs.enqueue(
        tx,
        PACKAGE_JOB,
        { packageId: row.id, ...(ctx.ip && { ip: ctx.ip }) },
        { idempotencyKey: `package:${row.id}`, maxAttempts: 5 },
      );
      await this.deps.audit.record(tx, ctx, {
        action: 'exchange.package.request',
        subjectType: 'package',
        subjectId: row.id,
        orgId: g.consumerOrgId,
        details: { grantId, resourceId: g.resourceId, format, fields: fields.join(',') },
      });
    });
    return present(row);
  }

  /** One package of the caller's organisation. */
  async get(ctx: RequestContext, id: string): Promise<PackageView> {
    return present(await this.own(ctx, id));
  }

  /** The caller's organisation's packages, newest first. */
  async list(ctx: RequestContext, query: unknown): Promise<PackageView[]> {
    const q = parseInput(listPackagesQuery, query);
    if (!ctx.actor.orgId) throw new AppError('FORBIDDEN', 'Packages belong to organisations.');
    return (await packagesRepo.list(this.deps.db.kysely, ctx.actor.orgId, q.grantId, q.limit)).map(present);
  }

  /** Downloads a ready package, whole or one byte range; the grant must still allow packages. */
  async content(
    ctx: RequestContext,
    id: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<PackageContent> {
    const row = await this.own(ctx, id);
    if (row.status !== 'ready' || !row.file_sha256)
      throw new AppError('CONFLICT', `The package is ${row.status}, not ready.`);
    if (row.expires_at && row.expires_at <= this.deps.clock.now().toISOString())
      throw new AppError('GONE', 'The package has expired; ask for a new one.');
    // A revoked, suspended or expired grant stops downloads too.
    await this.deps.grants.authorizeAccess(callerOf(ctx), row.grant_id, 'package');
    const file = packageFile(this.deps.dataDir, id);
    const size = (await stat(file)).size;
    const etag = `"${row.file_sha256}"`;
    const ifRange = typeof headers['if-range'] === 'string' ? headers['if-range'] : undefined;
    const rangeHeader =
      typeof headers.range === 'string' && (!ifRange || ifRange === etag) ? headers.range : undefined;
    const range = parseRange(rangeHeader, size);
    if (range === 'bad')
      throw new AppError('RANGE_NOT_SATISFIABLE', 'The requested range is not satisfiable.', {
        size,
      });
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    await this.deps.db.kysely.transaction().execute((tx) =>
      this.deps.audit.record(tx, ctx, {
        action: 'exchange.package.download',
        subjectType: 'package',
        subjectId: id,
        orgId: row.consumer_org_id,
        details: { grantId: row.grant_id, start, end, size },
      }),
    );
    const base = {
      'accept-ranges': 'bytes',
      etag,
      'content-length': String(size === 0 ? 0 : end - start + 1),
      'content-disposition': `attachment; filename="${id}.pkg"`,
      'cache-control': 'no-store',
    };
    return range
      ? {
          status: 206,
          body: createReadStream(file, { start, end }),
          headers: { ...base, 'content-range': `bytes ${start}-${end}/${size}` },
        }
      : { status: 200, body: createReadStream(file), headers: base };
  }

  private async own(ctx: RequestContext, id: string): Promise<PackageRow> {
    const row = await packagesRepo.get(this.deps.db.kysely, id);
    // Another organisation's package does not exist for the caller.
    if (!row || row.consumer_org_id !== ctx.actor.orgId) throw notFound('Package');
    return row;
  }
}
