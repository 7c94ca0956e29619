import { formatShanghai, systemContext, type AnyTx, type RequestContext } from '../../kernel/index.js';
import type { JobContext } from '../jobs/index.js';
import type { BatchResult, RowInput } from '../datastore/index.js';
import {
  compileValidator,
  type CellValue,
  type ReferenceCheck,
  type RowIssue,
} from './domain/validate/index.js';

type RowResultLike = {
  values: Record<string, CellValue>;
  issues: RowIssue[];
  rejected: boolean;
  flagged: boolean;
};
import { INGEST_JOB } from './ingest.service.js';
import { applyMapping, resolveMapping, type Mapping } from './mapping.js';
import type { QualityDeps } from './quality.deps.js';
import { qualityRepo as repo } from './quality.repository.js';
import {
  csvFileSource,
  isSourceError,
  jsonArrayFileSource,
  ndjsonFileSource,
  xlsxFileSource,
  type RecordSource,
} from './sources/index.js';
import { SCORE_JOB, type ScoresService } from './scores.service.js';
import type { SourcesService } from './sources.service.js';
import type { IngestIssueRow, IngestJobRow } from './tables.js';

// The ingestion job: stream the source, map columns to items, normalise and validate each row, and commit in
// batches — each batch one transaction that writes the accepted rows to the data store, the issues to
// quarantine and the job's progress, fenced by the progress it started from. A job that dies resumes after its
// last committed batch with exact counts; a cancelled job stops at the next batch (a full replace is dropped).
// Read = accepted + rejected, always.

/** Most issues kept per job; beyond it they are counted, not stored (a broken file must not flood the DB). */
export const MAX_ISSUES_PER_JOB = 200_000;

/** Thrown when the job was cancelled or another worker moved it on. */
class Stop extends Error {}

/** Runs ingestion jobs. */
export class IngestRunner {
  private readonly batchSize: number;

  constructor(
    private readonly deps: QualityDeps,
    private readonly pathOf: (uploadId: string) => string,
    private readonly scores: ScoresService,
    private readonly sources: SourcesService,
    /** Test hook: called after each committed batch. */
    private readonly afterBatch?: (jobId: string, committed: number) => void,
  ) {
    this.batchSize = deps.batchSize ?? 2000;
  }

  /** The handler registered under INGEST_JOB. */
  readonly handler = async (payload: unknown, jctx: JobContext): Promise<unknown> => {
    const jobId = (payload as { jobId?: unknown } | null)?.jobId;
    if (typeof jobId !== 'string') throw new Error(`${INGEST_JOB}: payload needs a jobId`);
    return this.run(jobId, jctx.signal);
  };

  /** Runs (or resumes) one job to its end. */
  async run(jobId: string, signal?: AbortSignal): Promise<{ status: string }> {
    const db = this.deps.db.kysely;
    const ctx = systemContext('ingest', jobId);
    let job = await repo.job(db, jobId);
    if (!job || !['queued', 'running'].includes(job.status)) return { status: job?.status ?? 'missing' };
    const resource = await this.deps.catalogue.browse.published(job.resource_id);
    if (!resource || resource.status === 'withdrawn' || resource.doc.format !== 'table')
      return this.fail(job, ctx, 'the resource is no longer a published table resource');
    const now = this.deps.clock.now().toISOString();
    await repo.updateJob(db, jobId, ['queued', 'running'], {
      status: 'running',
      started_at: job.started_at ?? now,
      updated_at: now,
    });
    job = (await repo.job(db, jobId))!;
    if (job.mode === 'replace') await this.ensureReplace(job);
    let source: RecordSource;
    try {
      source = await this.open(job);
    } catch (e) {
      return this.fail(job, ctx, e instanceof Error ? e.message : String(e));
    }
    const items = resource.doc.items;
    const validator = compileValidator(items, await this.scores.rulesFor(job.resource_id, items), {
      today: formatShanghai(this.deps.clock.now()).slice(0, 10),
    });
    let mapping: Mapping;
    try {
      mapping = resolveMapping(items, await source.columns(), JSON.parse(job.mapping) as Mapping);
    } catch (e) {
      return this.fail(job, ctx, e instanceof Error ? e.message : String(e));
    }
    await repo.updateJob(db, jobId, ['running'], {
      mapping: JSON.stringify(mapping),
      detected: JSON.stringify(source.describe()),
    });
    let batch: { rowNo: number; watermark?: string; result: ReturnType<typeof validator.validate> }[] = [];
    try {
      for await (const rec of source.records({ skip: job.committed, ...(signal && { signal }) })) {
        batch.push({
          rowNo: rec.rowNo,
          ...(rec.watermark !== undefined && { watermark: rec.watermark }),
          result: validator.validate(applyMapping(mapping, rec.values), rec.rowNo),
        });
        if (batch.length >= this.batchSize) {
          job = await this.commit(job, await this.checkReferences(validator, batch));
          batch = [];
          if (signal?.aborted) return { status: 'interrupted' };
        }
      }
      if (batch.length) job = await this.commit(job, await this.checkReferences(validator, batch));
    } catch (e) {
      if (e instanceof Stop) return this.stopped(jobId);
      if (signal?.aborted) return { status: 'interrupted' };
      // A malformed source is the steward's to fix, not worth retrying: the job fails with the reason.
      if (isSourceProblem(e)) return this.fail(job, ctx, (e as Error).message);
      throw e;
    }
    return this.finish(job, ctx);
  }

  // Cross-resource references (an enterprise's USCC must exist in the enterprise registry): each distinct value
  // of the batch is looked up once in the target resource's store, through its blind index when encrypted.
  private async checkReferences<B extends { rowNo: number; result: RowResultLike }>(
    validator: {
      referenceChecks: readonly ReferenceCheck[];
      referenceIssue(ruleId: string, rowNo: number, value: CellValue): RowIssue;
    },
    batch: B[],
  ): Promise<B[]> {
    for (const check of validator.referenceChecks) {
      const target = await this.deps.catalogue.browse.idByCode(check.resourceCode);
      const values = new Set<string>();
      for (const b of batch) {
        const v = b.result.values[check.item];
        if (!b.result.rejected && v !== null && v !== undefined) values.add(String(v));
      }
      const missing = new Set<string>();
      for (const v of values)
        if (!target || (await this.deps.datastore.lookup(target, check.targetItem, v)).length === 0)
          missing.add(v);
      for (const b of batch) {
        const v = b.result.values[check.item];
        if (b.result.rejected || v === null || v === undefined || !missing.has(String(v))) continue;
        const issue = validator.referenceIssue(check.ruleId, b.rowNo, v);
        b.result.issues.push(issue);
        if (issue.severity === 'reject') b.result.rejected = true;
        else b.result.flagged = true;
      }
    }
    return batch;
  }

  private async open(job: IngestJobRow): Promise<RecordSource> {
    if (job.source_kind === 'source') return this.sources.open(job.source_id ?? '', job.watermark_from);
    const upload = await repo.upload(this.deps.db.kysely, job.upload_id ?? '');
    if (!upload) throw new Error('the upload is gone');
    const file = this.pathOf(upload.id);
    if (upload.format === 'csv') return csvFileSource(file);
    if (upload.format === 'json') return jsonArrayFileSource(file);
    if (upload.format === 'ndjson') return ndjsonFileSource(file);
    return xlsxFileSource(file);
  }

  private async ensureReplace(job: IngestJobRow): Promise<void> {
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      const { table } = await this.deps.datastore.layout(tx, job.resource_id);
      // A resumed job finds its own generation half-loaded and continues it; a fresh one starts one.
      if (table.loading_generation === null) {
        if (job.committed > 0) throw new Error('the half-loaded generation of this job is gone');
        await this.deps.datastore.beginReplace(tx, job.resource_id);
      }
    });
  }

  private async commit(
    job: IngestJobRow,
    batch: {
      rowNo: number;
      watermark?: string;
      result: { values: RowInput['values']; issues: RowIssue[]; rejected: boolean; flagged: boolean };
    }[],
  ): Promise<IngestJobRow> {
    const last = batch[batch.length - 1]!.rowNo;
    const next = await this.deps.db.kysely.transaction().execute(async (tx) => {
      const accepted = batch.filter((b) => !b.result.rejected);
      const rows: RowInput[] = accepted.map((b) => ({
        rowNo: b.rowNo,
        values: b.result.values,
        flags: [...new Set(b.result.issues.filter((i) => i.severity === 'warn').map((i) => i.ruleId))],
      }));
      const written: BatchResult = rows.length
        ? await this.deps.datastore.writeBatch(tx, job.resource_id, job.mode as 'upsert', rows, job.id)
        : { inserted: 0, updated: 0, unchanged: 0, duplicates: [] };
      const dup = new Set(written.duplicates);
      const issues: IngestIssueRow[] = [];
      for (const b of batch)
        for (const i of b.result.issues)
          if (!dup.has(b.rowNo) || i.severity === 'reject') issues.push(issueRow(job.id, i));
      for (const rowNo of written.duplicates)
        issues.push({
          job_id: job.id,
          row_no: rowNo,
          item: '(primary key)',
          rule_id: 'store:primaryKey',
          kind: 'unique',
          severity: 'reject',
          message: 'the primary key already exists or repeats in this load',
          value: null,
        });
      const room = Math.max(0, MAX_ISSUES_PER_JOB - job.issues_stored);
      const kept = issues.slice(0, room);
      await repo.insertIssues(tx, kept);
      const rejected = batch.length - accepted.length + written.duplicates.length;
      const patch = {
        committed: last,
        watermark: batch[batch.length - 1]!.watermark ?? job.watermark,
        read: job.read + batch.length,
        accepted: job.accepted + batch.length - rejected,
        rejected: job.rejected + rejected,
        warned: job.warned + accepted.filter((b) => b.result.flagged && !dup.has(b.rowNo)).length,
        inserted: job.inserted + written.inserted,
        updated: job.updated + written.updated,
        unchanged: job.unchanged + written.unchanged,
        issues_stored: job.issues_stored + kept.length,
        issues_dropped: job.issues_dropped + issues.length - kept.length,
        updated_at: this.deps.clock.now().toISOString(),
      };
      // Fenced: only the worker that read this progress may move it on; a cancel stops the job here.
      if (!(await repo.updateJob(tx, job.id, ['running'], patch, job.committed))) throw new Stop();
      return { ...job, ...patch };
    });
    this.afterBatch?.(job.id, next.committed);
    return next;
  }

  private async finish(job: IngestJobRow, ctx: RequestContext): Promise<{ status: string }> {
    await this.deps.db.kysely
      .transaction()
      .execute(async (tx) => {
        let deleted = 0;
        if (job.mode === 'replace') {
          const r = await this.deps.datastore.finishReplace(tx, job.resource_id, job.id);
          // The replace's own diff is the truth about what changed, whatever the batches counted.
          deleted = r.deleted;
          job = {
            ...job,
            inserted: r.inserted,
            updated: r.updated,
            unchanged: job.accepted - r.inserted - r.updated,
          };
        }
        const now = this.deps.clock.now().toISOString();
        const patch = {
          status: 'succeeded',
          inserted: job.inserted,
          updated: job.updated,
          unchanged: job.unchanged,
          deleted,
          finished_at: now,
          updated_at: now,
        };
        if (!(await repo.updateJob(tx, job.id, ['running'], patch, job.committed))) throw new Stop();
        await this.deps.audit.record(tx, ctx, {
          action: 'quality.ingest.finish',
          subjectType: 'ingest_job',
          subjectId: job.id,
          orgId: job.org_id,
          details: {
            read: job.read,
            accepted: job.accepted,
            rejected: job.rejected,
            warned: job.warned,
            inserted: job.inserted,
            updated: job.updated,
            deleted,
          },
        });
        // Scores follow every load (a job, so a slow scan never delays the load's commit).
        await this.deps.jobs.enqueue(
          tx,
          SCORE_JOB,
          { resourceId: job.resource_id },
          { idempotencyKey: `score:${job.id}` },
        );
        await this.notify(
          tx,
          job,
          'quality.ingest.succeeded',
          `数据归集完成：读取 ${job.read} 行，接收 ${job.accepted} 行，拒绝 ${job.rejected} 行`,
        );
      })
      .catch(async (e: unknown) => {
        if (e instanceof Stop) return;
        throw e;
      });
    const status = (await repo.job(this.deps.db.kysely, job.id))!.status;
    // Statistics for the new rows, outside the load's transaction (ANALYZE samples; it does not block writers).
    if (status === 'succeeded') await this.deps.datastore.analyze(job.resource_id);
    return { status };
  }

  private async stopped(jobId: string): Promise<{ status: string }> {
    const job = await repo.job(this.deps.db.kysely, jobId);
    if (job?.status === 'cancelled' && job.mode === 'replace')
      await this.deps.db.kysely
        .transaction()
        .execute((tx) => this.deps.datastore.abortReplace(tx, job.resource_id));
    return { status: job?.status ?? 'missing' };
  }

  private async fail(job: IngestJobRow, ctx: RequestContext, reason: string): Promise<{ status: string }> {
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      if (
        !(await repo.updateJob(tx, job.id, ['queued', 'running'], {
          status: 'failed',
          error: reason.slice(0, 1000),
          finished_at: now,
          updated_at: now,
        }))
      )
        return;
      if (job.mode === 'replace') await this.deps.datastore.abortReplace(tx, job.resource_id);
      await this.deps.audit.record(tx, ctx, {
        action: 'quality.ingest.fail',
        subjectType: 'ingest_job',
        subjectId: job.id,
        orgId: job.org_id,
        details: { read: job.read },
      });
      await this.notify(tx, job, 'quality.ingest.failed', `数据归集失败：${reason.slice(0, 200)}`);
    });
    return { status: 'failed' };
  }

  private async notify(tx: AnyTx, job: IngestJobRow, type: string, title: string) {
    await this.deps.notifications.notify(tx, {
      type,
      title,
      subjectType: 'ingest_job',
      subjectId: job.id,
      link: `/catalogue/resources/${job.resource_id}`,
      orgId: job.org_id,
      recipients: { userIds: [job.created_by] },
      data: {
        jobId: job.id,
        resourceId: job.resource_id,
        read: job.read,
        accepted: job.accepted,
        rejected: job.rejected,
      },
    });
  }
}

function issueRow(jobId: string, i: RowIssue): IngestIssueRow {
  return {
    job_id: jobId,
    row_no: i.rowNo,
    item: i.item,
    rule_id: i.ruleId,
    kind: i.kind,
    severity: i.severity,
    message: i.message,
    value: i.value,
  };
}

function isSourceProblem(e: unknown): boolean {
  return isSourceError(e);
}
