import type { Kysely } from 'kysely';
import { bigintType, type Engine, type EngineMigration } from '../../../kernel/index.js';

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
];
