import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, openPostgres, openSqlite, type Engine } from '../src/kernel/index.js';
import { createPlatform, type Platform } from '../src/server/platform.js';

// Fresh databases for the benchmarks on either engine, removed afterwards, and raw driver connections to the
// same database (same file or server, same durability settings) for the baselines.

/** PostgreSQL admin URL (a database is created and dropped per platform). */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.ORDERLY_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** True when the PostgreSQL server answers. */
export async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Creates a fresh PostgreSQL database on the admin URL's server; `drop` removes it (even with connections). */
export async function createBenchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `orderly_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A platform on a fresh database, with what the baselines need to reach the same database. */
export interface BenchPlatform {
  engine: Engine;
  platform: Platform;
  dataDir: string;
  /** SQLite file, or PostgreSQL URL. */
  location: string;
  close(): Promise<void>;
}

/** Builds a platform (migrated, ledger initialised, sequencer not started) on a fresh database. */
export async function benchPlatform(
  engine: Engine,
  opts: { profile?: 'intl' | 'sm'; env?: Record<string, string> } = {},
): Promise<BenchPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-'));
  let location: string;
  let dropDb = async () => undefined as void;
  let db;
  if (engine === 'sqlite') {
    location = path.join(dataDir, 'orderly.db');
    db = openSqlite(location);
  } else {
    const created = await createBenchDatabase();
    location = created.url;
    db = openPostgres(location, 5);
    dropDb = created.drop;
  }
  const config = loadConfig({
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_LOG_LEVEL: 'silent',
    ORDERLY_CRYPTO_PROFILE: opts.profile ?? 'intl',
    ...opts.env,
  });
  const platform = await createPlatform(config, { db });
  return {
    engine,
    platform,
    dataDir,
    location,
    close: async () => {
      await platform.close();
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw connection for baselines: better-sqlite3 with the platform's pragmas, or a pg client. */
export type RawConn =
  | { engine: 'sqlite'; sqlite: Sqlite.Database; close(): Promise<void> }
  | { engine: 'postgres'; pg: pg.Client; close(): Promise<void> };

/** Opens a raw driver connection to the platform's database. */
export async function rawConnection(b: Pick<BenchPlatform, 'engine' | 'location'>): Promise<RawConn> {
  if (b.engine === 'sqlite') {
    const sqlite = new Sqlite(b.location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    return { engine: 'sqlite', sqlite, close: async () => void sqlite.close() };
  }
  const client = new pg.Client({ connectionString: b.location });
  await client.connect();
  return { engine: 'postgres', pg: client, close: () => client.end() };
}

/** Engine versions and durability settings, for the table's header. */
export async function engineInfo(c: RawConn): Promise<string> {
  if (c.engine === 'sqlite') {
    const v = c.sqlite.prepare('select sqlite_version() as v').get() as { v: string };
    const mode = c.sqlite.pragma('journal_mode', { simple: true }) as string;
    const sync = c.sqlite.pragma('synchronous', { simple: true }) as number;
    return `SQLite ${v.v} (better-sqlite3, journal_mode=${mode}, synchronous=${sync === 2 ? 'FULL' : sync})`;
  }
  const r = await c.pg.query<{ v: string; sc: string; fs: string }>(
    `select current_setting('server_version') as v, current_setting('synchronous_commit') as sc, current_setting('fsync') as fs`,
  );
  const row = r.rows[0]!;
  return `PostgreSQL ${row.v} (node-postgres, synchronous_commit=${row.sc}, fsync=${row.fs}, 127.0.0.1)`;
}
