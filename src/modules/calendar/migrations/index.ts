import type { Kysely } from 'kysely';
import { tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';

/** Calendar years supplied by secadmin (the shipped years live in code). */
export const calendarMigrations: EngineMigration[] = [
  {
    name: '20261129_0500_calendar',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      await db.schema
        .createTable('calendar_years')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', tsType(engine), (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
    },
  },
];
