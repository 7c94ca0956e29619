import { sql, type Kysely } from 'kysely';
import { bytesType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's applications, reviews, deadlines, digests and documents. */
export const applicationsMigrations: EngineMigration[] = [
  {
    name: '20261129_1100_sharing_applications',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('sharing_applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_org_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('scenario', 'text', (c) => c.notNull())
        .addColumn('duration_days', 'integer', (c) => c.notNull())
        .addColumn('expected_volume', 'text')
        .addColumn('client_ids', 'text', (c) => c.notNull())
        .addColumn('documents', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .addColumn('submitted_at', ts)
        .addColumn('submissions', 'integer', (c) => c.notNull())
        .addColumn('returned_from', 'text')
        .addColumn('return_comment', 'text')
        .addColumn('returned_at', ts)
        .addColumn('withdraw_reason', 'text')
        .addColumn('decided_at', ts)
        .execute();
      await db.schema
        .createIndex('sharing_applications_consumer')
        .on('sharing_applications')
        .columns(['consumer_org_id', 'id'])
        .execute();
      await db.schema
        .createIndex('sharing_applications_status')
        .on('sharing_applications')
        .columns(['status', 'id'])
        .execute();
      await db.schema
        .createTable('sharing_parts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text')
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('methods', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('unconditional', 'integer', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', ts)
        .addColumn('reason', 'text')
        .addColumn('basis', 'text')
        .addColumn('dispute_reason', 'text')
        .addColumn('disputed_at', ts)
        .addColumn('mediation', 'text')
        .addColumn('mediation_comment', 'text')
        .addColumn('mediated_by', 'text')
        .addColumn('mediated_at', ts)
        .addColumn('grant_id', 'text')
        .execute();
      await db.schema
        .createIndex('sharing_parts_application')
        .on('sharing_parts')
        .columns(['application_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('sharing_parts_provider')
        .on('sharing_parts')
        .columns(['provider_org_id', 'status'])
        .execute();
      await db.schema
        .createTable('sharing_stages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('part_id', 'text')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('working_days', 'integer', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('due_at', ts, (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('paused_at', ts)
        .addColumn('remaining_days', 'integer')
        .addColumn('escalated_at', ts)
        .addColumn('closed_at', ts)
        .execute();
      await db.schema
        .createIndex('sharing_stages_application')
        .on('sharing_stages')
        .columns(['application_id'])
        .execute();
      // The sweep's index: open, running stages by due instant.
      await db.schema
        .createIndex('sharing_stages_open')
        .on('sharing_stages')
        .columns(['closed_at', 'due_at'])
        .execute();
      await db.schema
        .createTable('sharing_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('part_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_history_application')
        .on('sharing_history')
        .columns(['application_id', 'id'])
        .execute();
      await db.schema
        .createTable('sharing_digests')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('salt', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('part_id', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_digests_application')
        .on('sharing_digests')
        .columns(['application_id'])
        .execute();
      // Like the audit salts: without its salt and object a decision's digest can no longer be checked.
      if (engine === 'postgres') {
        await sql`CREATE TRIGGER sharing_digests_append_only BEFORE UPDATE OR DELETE ON sharing_digests
          FOR EACH ROW EXECUTE FUNCTION orderly_append_only()`.execute(db);
      } else {
        await sql`CREATE TRIGGER sharing_digests_no_update BEFORE UPDATE ON sharing_digests
          BEGIN SELECT RAISE(ABORT, 'sharing digests are append-only'); END`.execute(db);
        await sql`CREATE TRIGGER sharing_digests_no_delete BEFORE DELETE ON sharing_digests
          BEGIN SELECT RAISE(ABORT, 'sharing digests are append-only'); END`.execute(db);
      }
      await db.schema
        .createTable('sharing_documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', bytesType(engine), (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', ts, (c) => c.notNull())
        .addUniqueConstraint('sharing_documents_org_digest', ['org_id', 'digest'])
        .execute();
    },
  },
];
