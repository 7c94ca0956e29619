import type { Kysely } from 'kysely';
import { bigintType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** The catalogue's tables. */
export const catalogueMigrations: EngineMigration[] = [
  {
    name: '20261129_0800_catalogue',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      const big = bigintType(engine);
      await db.schema
        .createTable('catalogue_resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('class_code', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('share_type', 'text', (c) => c.notNull())
        .addColumn('open_type', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('update_cycle', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('published_version', 'integer')
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('first_published_at', ts)
        .addColumn('last_published_at', ts)
        .addColumn('withdrawn_at', ts)
        .addColumn('withdrawn_reason', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addUniqueConstraint('catalogue_resources_seq', ['class_code', 'org_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('catalogue_resources_org')
        .on('catalogue_resources')
        .columns(['org_id', 'status'])
        .execute();
      await db.schema
        .createIndex('catalogue_resources_status')
        .on('catalogue_resources')
        .columns(['status', 'id'])
        .execute();
      await db.schema
        .createTable('catalogue_versions')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('diff', 'text')
        .addColumn('review_comment', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', ts)
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', ts)
        .addColumn('published_at', ts)
        .addPrimaryKeyConstraint('catalogue_versions_pk', ['resource_id', 'version'])
        .execute();
      await db.schema
        .createIndex('catalogue_versions_status')
        .on('catalogue_versions')
        .columns(['status', 'submitted_at'])
        .execute();
      await db.schema
        .createTable('catalogue_policy')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('catalogue_search_terms')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('catalogue_search_terms_pk', ['term', 'resource_id', 'field'])
        .execute();
      await db.schema
        .createIndex('catalogue_search_terms_resource')
        .on('catalogue_search_terms')
        .column('resource_id')
        .execute();
      await db.schema
        .createTable('catalogue_files')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('encrypted', 'integer', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('catalogue_resource_files')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('catalogue_resource_files_pk', ['resource_id', 'name'])
        .execute();
    },
  },
];
