import type { Kysely } from 'kysely';
import { tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Tables of the sharing module's demand list: demands and their history. */
export const demandsMigrations: EngineMigration[] = [
  {
    name: '20261129_1120_sharing_demands',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      await db.schema
        .createTable('sharing_demands')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_org_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('suggested_org_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text')
        .addColumn('routed_at', ts)
        .addColumn('routed_by', 'text')
        .addColumn('due_at', ts)
        .addColumn('due_date', 'text')
        .addColumn('answer_kind', 'text')
        .addColumn('answer', 'text')
        .addColumn('answered_at', ts)
        .addColumn('answered_by', 'text')
        .addColumn('closed_at', ts)
        .addColumn('closed_by', 'text')
        .addColumn('close_reason', 'text')
        .addColumn('escalated_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sharing_demands_consumer')
        .on('sharing_demands')
        .columns(['consumer_org_id', 'status', 'id'])
        .execute();
      await db.schema
        .createIndex('sharing_demands_provider')
        .on('sharing_demands')
        .columns(['provider_org_id', 'status', 'id'])
        .execute();
      // The overdue sweep reads routed demands by due time.
      await db.schema
        .createIndex('sharing_demands_due')
        .on('sharing_demands')
        .columns(['status', 'due_at'])
        .execute();
      await db.schema
        .createTable('sharing_demand_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('demand_id', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_org_id', 'text')
        .addColumn('note', 'text')
        .execute();
      await db.schema
        .createIndex('sharing_demand_history_demand')
        .on('sharing_demand_history')
        .columns(['demand_id', 'id'])
        .execute();
    },
  },
];
