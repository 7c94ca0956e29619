import { sql, type Kysely } from 'kysely';
import { bigintType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's grants: grants, their status history, and the cache epoch. */
export const grantsMigrations: EngineMigration[] = [
  {
    name: '20261129_1110_sharing_grants',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('sharing_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('part_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text', (c) => c.notNull())
        .addColumn('consumer_org_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('reminders_sent', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_grants_consumer')
        .on('sharing_grants')
        .columns(['consumer_org_id', 'status', 'id'])
        .execute();
      await db.schema
        .createIndex('sharing_grants_provider')
        .on('sharing_grants')
        .columns(['provider_org_id', 'status', 'id'])
        .execute();
      await db.schema
        .createIndex('sharing_grants_resource')
        .on('sharing_grants')
        .columns(['resource_id', 'status'])
        .execute();
      await db.schema
        .createIndex('sharing_grants_application')
        .on('sharing_grants')
        .columns(['application_id'])
        .execute();
      // The expiry and reminder sweep reads live grants by their end date.
      await db.schema
        .createIndex('sharing_grants_validity')
        .on('sharing_grants')
        .columns(['status', 'valid_until'])
        .execute();
      await db.schema
        .createTable('sharing_grant_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('sharing_grant_history_grant')
        .on('sharing_grant_history')
        .columns(['grant_id', 'id'])
        .execute();
      await db.schema
        .createTable('sharing_grant_epoch')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('epoch', bigintType(engine), (c) => c.notNull())
        .execute();
      await sql`INSERT INTO sharing_grant_epoch (id, epoch) VALUES ('grants', 0)`.execute(db);
    },
  },
];
