import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import {
  authorize,
  can,
  conflict,
  fieldError,
  newId,
  notFound,
  parseInput,
  requireUser,
  type AnyTx,
  type RequestContext,
} from '../../kernel/index.js';
import { createJobSchema, formatOf, jobsQuery, uploadQuery } from './ingest.schemas.js';
import { presentIssue, presentJob, type IngestJob } from './presenters.js';
import type { QualityDeps } from './quality.deps.js';
import { qualityRepo as repo } from './quality.repository.js';
import type { UploadRow } from './tables.js';

// Starting, watching and cancelling ingestion jobs. Only the provider's stewards load a resource's data; the
// job itself runs on the job runner (ingest.runner.ts). One job per resource at a time, so batches of two jobs
// never interleave in one table.

export const INGEST_JOB = 'quality.ingest';

/** Upload and job management. */
export class IngestService {
  constructor(private readonly deps: QualityDeps) {}

  private uploadPath(id: string): string {
    return path.join(this.deps.dataDir, 'uploads', id);
  }

  /** Where an upload's bytes are (internal, for the runner). */
  pathOf(uploadId: string): string {
    return this.uploadPath(uploadId);
  }

  private async resource(ctx: RequestContext, resourceId: string) {
    requireUser(ctx);
    const r = await this.deps.catalogue.browse.published(resourceId);
    // A resource the caller may not load looks the same as one that does not exist.
    if (!r || !can(ctx, 'catalogue.edit', r.orgId)) {
      if (r && (await this.visible(ctx, resourceId))) authorize(ctx, 'catalogue.edit', r.orgId);
      throw notFound('Resource');
    }
    if (r.status === 'withdrawn') throw conflict('The resource is withdrawn.');
    if (r.doc.format !== 'table') throw conflict('Only table resources hold loaded data.');
    return r;
  }

  private async visible(ctx: RequestContext, id: string): Promise<boolean> {
    try {
      await this.deps.catalogue.browse.get(ctx, id);
      return true;
    } catch {
      return false;
    }
  }

  /** Stores an uploaded source file (bytes or a stream) for later jobs. */
  async upload(
    ctx: RequestContext,
    resourceId: string,
    body: Buffer | NodeJS.ReadableStream,
    query: unknown,
  ) {
    const q = parseInput(uploadQuery, query);
    const r = await this.resource(ctx, resourceId);
    const format = formatOf(q.name, q.format);
    if (!format)
      throw fieldError(
        'format',
        'REQUIRED',
        'give the format (csv, json, ndjson, xlsx) or a file name ending in it',
      );
    const id = newId();
    const target = this.uploadPath(id);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const hash = createHash('sha256');
    const tmp = `${target}.part`;
    const input = Buffer.isBuffer(body)
      ? Readable.from([body])
      : Readable.from(body as AsyncIterable<Buffer>);
    input.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(input, createWriteStream(tmp, { mode: 0o600 }));
    await rename(tmp, target);
    const size = (await stat(target)).size;
    if (size === 0) throw fieldError('(body)', 'REQUIRED', 'the file is empty');
    const row: UploadRow = {
      id,
      resource_id: r.id,
      org_id: r.orgId,
      name: q.name,
      format,
      size,
      digest: hash.digest('hex'),
      uploaded_by: ctx.actor.id!,
      uploaded_at: this.deps.clock.now().toISOString(),
    };
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      await repo.insertUpload(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.upload.create',
        subjectType: 'catalogue_resource',
        subjectId: r.id,
        orgId: r.orgId,
        details: { upload: id, format, size, digest: `sha256:${row.digest}` },
      });
    });
    return { id, name: row.name, format, size, digest: `sha256:${row.digest}` };
  }

  /** Starts an ingestion job from an upload. */
  async createJob(ctx: RequestContext, resourceId: string, input: unknown): Promise<IngestJob> {
    const body = parseInput(createJobSchema, input);
    const r = await this.resource(ctx, resourceId);
    const items = new Set(r.doc.items.map((i) => i.name));
    for (const item of Object.keys(body.mapping ?? {}))
      if (!items.has(item))
        throw fieldError(`mapping.${item}`, 'UNKNOWN_ITEM', `the resource has no item ${item}`);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const upload = body.uploadId ? await repo.upload(tx, body.uploadId) : undefined;
      if (body.uploadId && (!upload || upload.resource_id !== r.id))
        throw fieldError('uploadId', 'NOT_FOUND', 'no such upload for this resource');
      const source = body.sourceId ? await repo.source(tx, body.sourceId) : undefined;
      if (body.sourceId && (!source || source.status !== 'active'))
        throw fieldError('sourceId', 'NOT_FOUND', 'no such active source');
      if (await repo.activeJob(tx, r.id))
        throw conflict('Another ingestion job of this resource is queued or running.');
      const now = this.deps.clock.now().toISOString();
      if (body.mapping && body.saveMapping)
        await repo.saveMapping(tx, {
          resource_id: r.id,
          mapping: JSON.stringify(body.mapping),
          updated_by: ctx.actor.id!,
          updated_at: now,
        });
      const saved = await repo.mapping(tx, r.id);
      const mapping = body.mapping ?? (saved ? (JSON.parse(saved.mapping) as Record<string, string>) : {});
      const id = newId();
      const job = await this.deps.jobs.enqueue(
        tx,
        INGEST_JOB,
        { jobId: id },
        { idempotencyKey: `ingest:${id}`, maxAttempts: 20 },
      );
      const row = {
        id,
        resource_id: r.id,
        org_id: r.orgId,
        source_kind: source ? 'source' : 'upload',
        upload_id: upload?.id ?? null,
        source_id: source?.id ?? null,
        mode: body.mode,
        mapping: JSON.stringify(mapping),
        status: 'queued',
        committed: 0,
        read: 0,
        accepted: 0,
        rejected: 0,
        warned: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        deleted: 0,
        issues_stored: 0,
        issues_dropped: 0,
        // An incremental pull continues after what the last successful pull of this source reached.
        watermark_from: source ? await repo.lastWatermark(tx, r.id, source.id) : null,
        watermark: null,
        error: null,
        detected: null,
        runner_job_id: job.id,
        created_by: ctx.actor.id!,
        created_at: now,
        started_at: null,
        finished_at: null,
        updated_at: now,
      };
      await repo.insertJob(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.ingest.create',
        subjectType: 'ingest_job',
        subjectId: id,
        orgId: r.orgId,
        details: {
          resource: r.code,
          mode: body.mode,
          ...(upload ? { upload: upload.id, digest: `sha256:${upload.digest}` } : { source: source!.id }),
        },
      });
      return presentJob(row);
    });
  }

  /** One job (stewards of the provider, reviewers). */
  async get(ctx: RequestContext, jobId: string, tx: AnyTx = this.deps.db.kysely): Promise<IngestJob> {
    requireUser(ctx);
    const j = await repo.job(tx, jobId);
    if (!j || !(can(ctx, 'catalogue.edit', j.org_id) || can(ctx, 'catalogue.review'))) throw notFound('Job');
    return presentJob(j);
  }

  /** The jobs of a resource, newest first. */
  async list(ctx: RequestContext, resourceId: string, query: unknown): Promise<IngestJob[]> {
    const { limit } = parseInput(jobsQuery, query);
    const r = await this.deps.catalogue.browse.published(resourceId);
    if (!r || !(can(ctx, 'catalogue.edit', r.orgId) || can(ctx, 'catalogue.review')))
      throw notFound('Resource');
    return (await repo.jobs(this.deps.db.kysely, { resourceId, limit })).map(presentJob);
  }

  /** Cancels a queued or running job; a running one stops after its current batch. */
  async cancel(ctx: RequestContext, jobId: string): Promise<IngestJob> {
    const j = await this.get(ctx, jobId);
    authorize(ctx, 'catalogue.edit', j.orgId);
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      if (
        !(await repo.updateJob(tx, jobId, ['queued', 'running'], {
          status: 'cancelled',
          finished_at: now,
          updated_at: now,
        }))
      )
        throw conflict(`The job is ${j.status}; only queued or running jobs can be cancelled.`);
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.ingest.cancel',
        subjectType: 'ingest_job',
        subjectId: jobId,
        orgId: j.orgId,
        details: { read: j.counts.read },
      });
      return this.get(ctx, jobId, tx);
    });
  }

  /** The error report as JSON: the issues of rows afterRow+1 … afterRow+rows. */
  async issues(ctx: RequestContext, jobId: string, afterRow = 0, rows = 1000) {
    await this.get(ctx, jobId);
    return (await repo.issues(this.deps.db.kysely, jobId, afterRow, rows)).map(presentIssue);
  }

  /** The error report as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese right). */
  async issuesCsv(ctx: RequestContext, jobId: string): Promise<string> {
    const lines = ['行号,信息项,规则,类别,级别,说明,值'];
    const job = await this.get(ctx, jobId);
    for (let after = 0; after < job.counts.read; after += 5000)
      for (const i of await repo.issues(this.deps.db.kysely, jobId, after, 5000))
        lines.push(
          [
            i.row_no,
            i.item,
            i.rule_id,
            i.kind,
            i.severity === 'reject' ? '拒绝' : '警告',
            i.message,
            i.value ?? '',
          ]
            .map(csvCell)
            .join(','),
        );
    return `\ufeff${lines.join('\r\n')}\r\n`;
  }
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
