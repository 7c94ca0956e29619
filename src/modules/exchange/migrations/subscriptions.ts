import type { Kysely } from 'kysely';
import { bigintType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Change subscriptions: a grant's changes pushed to a consumer's endpoint (docs/subscriptions.md). */
export const subscriptionsMigration: EngineMigration = {
  name: '20261129_1320_exchange_subscriptions',
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  async up(db: Kysely<{}>, engine: Engine) {
    const ts = tsType(engine);
    await db.schema
      .createTable('exchange_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('grant_id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      // The API client that subscribed: every push re-runs the grant check as it, from the address it used.
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_ip', 'text')
      // The notifications module's endpoint the outbox rows go to.
      .addColumn('webhook_id', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      // The log position up to which changes are in the outbox, advanced in the outbox rows' transaction.
      .addColumn('cursor', bigintType(engine), (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_reason', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('exchange_subscriptions_grant')
      .on('exchange_subscriptions')
      .columns(['grant_id', 'status'])
      .execute();
    await db.schema
      .createIndex('exchange_subscriptions_status')
      .on('exchange_subscriptions')
      .column('status')
      .execute();
  },
};
