import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db, Engine } from './database.js';
import type { Kysely } from 'kysely';

// Migrations are written once for both engines with Kysely's schema builder. Each module contributes a
// list; names start with a sortable stamp ('20261129_0100_identity_orgs') because Kysely orders by name
// across all of them.

/** A migration that knows the engine it runs on (for the few type differences). */
export interface EngineMigration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  up(db: Kysely<{}>, engine: Engine): Promise<void>;
}

/** Runs every pending migration; returns the names applied. Throws with the failing name on error. */
export async function migrateToLatest(db: Db, migrations: EngineMigration[]): Promise<string[]> {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.name)) throw new Error(`duplicate migration name ${m.name}`);
    seen.add(m.name);
  }
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        migrations.map((m): [string, Migration] => [
          m.name,
          // eslint-disable-next-line @typescript-eslint/no-empty-object-type
          { up: (k: Kysely<unknown>) => m.up(k as Kysely<{}>, db.engine) },
        ]),
      ),
  };
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
