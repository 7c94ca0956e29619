import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type {
  IngestIssueRow,
  IngestJobRow,
  MappingRow,
  QualityTables,
  RulesRow,
  ScoreRow,
  SourceRow,
  UploadRow,
} from './tables.js';

function q(tx: AnyTx): Kysely<QualityTables> {
  return tx as unknown as Kysely<QualityTables>;
}

/** Ingestion SQL. */
export const qualityRepo = {
  async insertUpload(tx: AnyTx, row: UploadRow): Promise<void> {
    await q(tx).insertInto('ingest_uploads').values(row).execute();
  },
  async upload(tx: AnyTx, id: string): Promise<UploadRow | undefined> {
    return q(tx).selectFrom('ingest_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insertJob(tx: AnyTx, row: IngestJobRow): Promise<void> {
    await q(tx).insertInto('ingest_jobs').values(row).execute();
  },
  async job(tx: AnyTx, id: string): Promise<IngestJobRow | undefined> {
    return q(tx).selectFrom('ingest_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async jobs(tx: AnyTx, f: { resourceId?: string; orgId?: string; limit: number }): Promise<IngestJobRow[]> {
    let query = q(tx).selectFrom('ingest_jobs').selectAll();
    if (f.resourceId) query = query.where('resource_id', '=', f.resourceId);
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  },
  async activeJob(tx: AnyTx, resourceId: string): Promise<IngestJobRow | undefined> {
    return q(tx)
      .selectFrom('ingest_jobs')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
  },
  /** Updates a job only while it is in one of the given states and, if given, at the expected progress (fence). */
  async updateJob(
    tx: AnyTx,
    id: string,
    from: string[],
    patch: Partial<IngestJobRow>,
    committed?: number,
  ): Promise<boolean> {
    let query = q(tx).updateTable('ingest_jobs').set(patch).where('id', '=', id).where('status', 'in', from);
    if (committed !== undefined) query = query.where('committed', '=', committed);
    const r = await query.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async insertIssues(tx: AnyTx, rows: IngestIssueRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await q(tx)
        .insertInto('ingest_issues')
        .values(rows.slice(i, i + 500))
        .execute();
  },
  /** Issues of rows afterRow+1 … afterRow+rows (windows of row numbers, so a row's issues never split). */
  async issues(tx: AnyTx, jobId: string, afterRow: number, rows: number): Promise<IngestIssueRow[]> {
    return q(tx)
      .selectFrom('ingest_issues')
      .selectAll()
      .where('job_id', '=', jobId)
      .where('row_no', '>', afterRow)
      .where('row_no', '<=', afterRow + rows)
      .orderBy('row_no')
      .execute();
  },
  async mapping(tx: AnyTx, resourceId: string): Promise<MappingRow | undefined> {
    return q(tx)
      .selectFrom('ingest_mappings')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
  },
  async saveMapping(tx: AnyTx, row: MappingRow): Promise<void> {
    await q(tx).deleteFrom('ingest_mappings').where('resource_id', '=', row.resource_id).execute();
    await q(tx).insertInto('ingest_mappings').values(row).execute();
  },
  async insertScore(tx: AnyTx, row: ScoreRow): Promise<void> {
    await q(tx).insertInto('quality_scores').values(row).execute();
  },
  async scores(tx: AnyTx, resourceId: string, limit: number): Promise<ScoreRow[]> {
    return q(tx)
      .selectFrom('quality_scores')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .orderBy('computed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  },
  async lastFinishedJob(tx: AnyTx, resourceId: string): Promise<IngestJobRow | undefined> {
    return q(tx)
      .selectFrom('ingest_jobs')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .where('status', '=', 'succeeded')
      .orderBy('finished_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
  },
  async duplicates(tx: AnyTx, jobId: string): Promise<number> {
    const r = await q(tx)
      .selectFrom('ingest_issues')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('job_id', '=', jobId)
      .where('kind', '=', 'unique')
      .where('severity', '=', 'reject')
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async rules(tx: AnyTx, resourceId: string): Promise<RulesRow | undefined> {
    return q(tx)
      .selectFrom('quality_rules')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
  },
  async saveRules(tx: AnyTx, row: RulesRow): Promise<void> {
    await q(tx).deleteFrom('quality_rules').where('resource_id', '=', row.resource_id).execute();
    await q(tx).insertInto('quality_rules').values(row).execute();
  },
  async insertSource(tx: AnyTx, row: SourceRow): Promise<void> {
    await q(tx).insertInto('quality_sources').values(row).execute();
  },
  async source(tx: AnyTx, id: string): Promise<SourceRow | undefined> {
    return q(tx).selectFrom('quality_sources').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async sources(tx: AnyTx): Promise<SourceRow[]> {
    return q(tx).selectFrom('quality_sources').selectAll().orderBy('name').execute();
  },
  async updateSource(tx: AnyTx, id: string, patch: Partial<SourceRow>): Promise<void> {
    await q(tx).updateTable('quality_sources').set(patch).where('id', '=', id).execute();
  },
  /** The watermark the last succeeded job of this source and resource reached. */
  async lastWatermark(tx: AnyTx, resourceId: string, sourceId: string): Promise<string | null> {
    const r = await q(tx)
      .selectFrom('ingest_jobs')
      .select('watermark')
      .where('resource_id', '=', resourceId)
      .where('source_id', '=', sourceId)
      .where('status', '=', 'succeeded')
      .where('watermark', 'is not', null)
      .orderBy('finished_at', 'desc')
      .executeTakeFirst();
    return r?.watermark ?? null;
  },
};
