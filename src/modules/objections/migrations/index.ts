import type { Kysely } from 'kysely';
import { tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Tables of the objection loop: objections, the records they name, and their history. */
export const objectionsMigrations: EngineMigration[] = [
  {
    name: '20261129_1300_objections',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('objections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text', (c) => c.notNull())
        .addColumn('raiser_org_id', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .addColumn('stage', 'text')
        .addColumn('working_days', 'integer')
        .addColumn('due_at', ts)
        .addColumn('due_date', 'text')
        .addColumn('escalated_at', ts)
        .addColumn('answered_at', ts)
        .addColumn('answered_by', 'text')
        .addColumn('reason', 'text')
        .addColumn('resolved_at', ts)
        .addColumn('resolved_by', 'text')
        .addColumn('rating', 'integer')
        .addColumn('solved', 'integer')
        .addColumn('rating_comment', 'text')
        .addColumn('rated_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('objections_raiser')
        .on('objections')
        .columns(['raiser_org_id', 'status', 'id'])
        .execute();
      await db.schema
        .createIndex('objections_provider')
        .on('objections')
        .columns(['provider_org_id', 'status', 'id'])
        .execute();
      // The overdue sweep reads open objections by due time.
      await db.schema.createIndex('objections_due').on('objections').columns(['status', 'due_at']).execute();
      await db.schema
        .createTable('objection_records')
        .addColumn('objection_id', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('subject_digest', 'text', (c) => c.notNull())
        .addColumn('corrected_rev', 'integer')
        .addPrimaryKeyConstraint('objection_records_pk', ['objection_id', 'ordinal'])
        .execute();
      // Flags are cleared only where no other accepted objection still holds the record; accuracy counts
      // corrected records per resource.
      await db.schema
        .createIndex('objection_records_key')
        .on('objection_records')
        .columns(['resource_id', 'record_key'])
        .execute();
      await db.schema
        .createTable('objection_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('objection_id', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_org_id', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createIndex('objection_history_objection')
        .on('objection_history')
        .columns(['objection_id', 'at'])
        .execute();
    },
  },
];
