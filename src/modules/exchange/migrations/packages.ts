import type { Kysely } from 'kysely';
import { bigintType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Packages: bulk exports of a grant, sealed to the consumer organisation (docs/packages.md). */
export const packagesMigration: EngineMigration = {
  name: '20261129_1330_exchange_packages',
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  async up(db: Kysely<{}>, engine: Engine) {
    const ts = tsType(engine);
    const big = bigintType(engine);
    await db.schema
      .createTable('exchange_packages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('grant_id', 'text', (c) => c.notNull())
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('consumer_org_id', 'text', (c) => c.notNull())
      .addColumn('provider_org_id', 'text', (c) => c.notNull())
      // Who asked: a client or a consumer user; the build re-runs the grant check as them.
      .addColumn('requester_kind', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('filter', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rows', big)
      .addColumn('bytes', big)
      .addColumn('file_sha256', 'text')
      .addColumn('manifest', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('ready_at', ts)
      .addColumn('expires_at', ts)
      .execute();
    await db.schema
      .createIndex('exchange_packages_consumer')
      .on('exchange_packages')
      .columns(['consumer_org_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('exchange_packages_grant')
      .on('exchange_packages')
      .columns(['grant_id', 'created_at'])
      .execute();
  },
};
