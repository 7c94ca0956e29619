import {
  createAuditPort,
  getProfile,
  kernelMigrations,
  loadOrCreateKeyring,
  migrateToLatest,
  openDb,
  systemClock,
  type AuditPort,
  type Clock,
  type Config,
  type Db,
  type EngineMigration,
  type PlatformKeyring,
  type RouteDef,
} from '../kernel/index.js';
import {
  createIdentity,
  identityMigrations,
  identityRoutes,
  type Identity,
} from '../modules/identity/index.js';
import { systemRoutes } from './system.routes.js';

// The composition root: opens the database, migrates, loads the keyring and wires the modules. Server, CLI
// and tests all build the platform here, so they run the same code.

/** Every migration, in order. */
export const allMigrations: EngineMigration[] = [...kernelMigrations, ...identityMigrations];

/** The assembled platform. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  keyring: PlatformKeyring;
  audit: AuditPort;
  identity: Identity;
  routes: RouteDef[];
  close(): Promise<void>;
}

export interface PlatformOptions {
  clock?: Clock;
  /** Skip migrations (the CLI's migrate command runs them itself and reports). */
  migrate?: boolean;
  /** An already open database (tests). */
  db?: Db;
}

/** Opens and wires the platform. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const db = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (opts.migrate !== false) await migrateToLatest(db, allMigrations);
    const keyring = await loadOrCreateKeyring(config.dataDir, config.cryptoProfile);
    const clock = opts.clock ?? systemClock;
    const audit = createAuditPort(getProfile(config.cryptoProfile).hashName);
    const identity = createIdentity({ db, audit, clock, keyring, config });
    const platform: Platform = {
      config,
      db,
      clock,
      keyring,
      audit,
      identity,
      routes: [],
      close: () => db.close(),
    };
    platform.routes = [...identityRoutes(identity), ...systemRoutes(platform)];
    return platform;
  } catch (e) {
    await db.close();
    throw e;
  }
}
