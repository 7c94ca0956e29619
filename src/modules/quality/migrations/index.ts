import type { Kysely } from 'kysely';
import { bigintType, bytesType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Ingestion tables. */
export const qualityMigrations: EngineMigration[] = [
  {
    name: '20261129_1000_ingestion',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      const big = bigintType(engine);
      await db.schema
        .createTable('ingest_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', ts, (c) => c.notNull())
        .execute();
      let jobs = db.schema
        .createTable('ingest_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text', (c) => c.notNull())
        .addColumn('upload_id', 'text')
        .addColumn('source_id', 'text')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull());
      for (const n of [
        'committed',
        'read',
        'accepted',
        'rejected',
        'warned',
        'inserted',
        'updated',
        'unchanged',
        'deleted',
        'issues_stored',
        'issues_dropped',
      ])
        jobs = jobs.addColumn(n, big, (c) => c.notNull().defaultTo(0));
      await jobs
        .addColumn('watermark_from', 'text')
        .addColumn('watermark', 'text')
        .addColumn('error', 'text')
        .addColumn('detected', 'text')
        .addColumn('runner_job_id', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('started_at', ts)
        .addColumn('finished_at', ts)
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ingest_jobs_resource')
        .on('ingest_jobs')
        .columns(['resource_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('ingest_issues')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('row_no', big, (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('value', 'text')
        .execute();
      await db.schema
        .createIndex('ingest_issues_job')
        .on('ingest_issues')
        .columns(['job_id', 'row_no'])
        .execute();
      await db.schema
        .createTable('quality_scores')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('computed_at', ts, (c) => c.notNull())
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('rows', big, (c) => c.notNull())
        .addColumn('card', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('quality_scores_resource')
        .on('quality_scores')
        .columns(['resource_id', 'computed_at'])
        .execute();
      await db.schema
        .createTable('quality_sources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('secret', bytesType(engine))
        .addColumn('master_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('quality_rules')
        .addColumn('resource_id', 'text', (c) => c.primaryKey())
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ingest_mappings')
        .addColumn('resource_id', 'text', (c) => c.primaryKey())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
    },
  },
];
