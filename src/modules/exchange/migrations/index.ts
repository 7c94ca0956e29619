import type { Kysely } from 'kysely';
import { bigintType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';
import { packagesMigration } from './packages.js';
import { subscriptionsMigration } from './subscriptions.js';

/** The exchange's usage counters (daily row quotas; metering for the rights accounting later). */
export const exchangeMigrations: EngineMigration[] = [
  {
    name: '20261129_1200_exchange_usage',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const big = bigintType(engine);
      // One row per grant and Shanghai day, updated in the transaction of the access events it counts, so
      // usage and evidence agree exactly. The grant id leads the key: the Citus distribution column.
      await db.schema
        .createTable('exchange_usage')
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('calls', big, (c) => c.notNull())
        .addColumn('rows', big, (c) => c.notNull())
        .addColumn('subjects', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_usage_pk', ['grant_id', 'day'])
        .execute();
    },
  },
  {
    name: '20261129_1210_exchange_access',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      const big = bigintType(engine);
      // Who accessed what, when, for which case: the providers' and consumers' view of the access events
      // (the ledger holds the evidence; this is its queryable index, written in the same transaction).
      await db.schema
        .createTable('exchange_access')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('at', ts, (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('provider_org_id', 'text', (c) => c.notNull())
        .addColumn('consumer_org_id', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('caller_kind', 'text', (c) => c.notNull())
        .addColumn('caller_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text')
        .addColumn('user_ref', 'text')
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('rows', big, (c) => c.notNull())
        .addColumn('subjects', big, (c) => c.notNull())
        .execute();
      for (const col of ['provider_org_id', 'consumer_org_id', 'grant_id'] as const)
        await db.schema
          .createIndex(`exchange_access_${col}_at`)
          .on('exchange_access')
          .columns([col, 'at'])
          .execute();
    },
  },
  packagesMigration,
  subscriptionsMigration,
];
