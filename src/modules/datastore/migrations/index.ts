import { sql, type Kysely } from 'kysely';
import { bytesType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';
import { tableNames } from '../domain/layout.js';

/** The data store's registry tables (the data tables themselves are created per resource). */
export const datastoreMigrations: EngineMigration[] = [
  {
    name: '20261129_0900_datastore',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('datastore_tables')
        .addColumn('resource_id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('loading_generation', 'integer')
        .addColumn('last_loaded_at', ts)
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('datastore_keys')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('wrapped', bytesType(engine), (c) => c.notNull())
        .addColumn('master_id', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('retired_at', ts)
        .addPrimaryKeyConstraint('datastore_keys_pk', ['resource_id', 'kind', 'version'])
        .execute();
    },
  },
  {
    name: '20261129_1310_datastore_log_key_index',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>) {
      // The change feed looks up a record's previous version by key (docs/subscriptions.md); log tables
      // created from now on get this index with the table (data-tables.repository.ts).
      const rows = await sql<{ resource_id: string }>`select resource_id from datastore_tables`.execute(db);
      for (const r of rows.rows) {
        const { log } = tableNames(r.resource_id, 1);
        await db.schema
          .createIndex(`${log}_key_seq`)
          .ifNotExists()
          .on(log)
          .columns(['_key', '_seq'])
          .execute();
      }
    },
  },
];
