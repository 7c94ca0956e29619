import type { Kysely } from 'kysely';
import { tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** The alerts table. */
export const alertsMigrations: EngineMigration[] = [
  {
    name: '20261129_0400_alerts',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('responsible_role', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text')
        .addColumn('occurrences', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('raised_at', ts, (c) => c.notNull())
        .addColumn('last_seen_at', ts, (c) => c.notNull())
        .addColumn('acknowledged_at', ts)
        .addColumn('acknowledged_by', 'text')
        .addColumn('resolved_at', ts)
        .addColumn('resolved_by', 'text')
        .addColumn('resolution', 'text')
        .execute();
      await db.schema
        .createIndex('alerts_status')
        .on('alerts')
        .columns(['status', 'responsible_role', 'id'])
        .execute();
      await db.schema.createIndex('alerts_dedup').on('alerts').columns(['dedup_key', 'status']).execute();
    },
  },
];
