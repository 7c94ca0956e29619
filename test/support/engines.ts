import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type Db, type Engine } from '../../src/kernel/index.js';

// Every repository and integration suite runs on both engines. PostgreSQL comes from
// ORDERLY_TEST_DATABASE_URL; each test file gets its own fresh database, dropped afterwards, so parallel
// workers never collide. Without a reachable server the PostgreSQL runs are skipped with a visible notice —
// except under CI=true, where they are mandatory.

export const ADMIN_URL =
  process.env.ORDERLY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let available: Promise<boolean> | undefined;

async function probe(): Promise<boolean> {
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

/** The engines this run covers (use with top-level await: `const engines = await testEngines()`). */
export async function testEngines(): Promise<Engine[]> {
  available ??= probe();
  if (await available) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL is required under CI=true but ${redact(ADMIN_URL)} is unreachable`);
  console.warn(
    `\n*** NOTICE: PostgreSQL at ${redact(ADMIN_URL)} is unreachable: PostgreSQL runs are SKIPPED (SQLite only). ***\n`,
  );
  return ['sqlite'];
}

function redact(url: string): string {
  return url.replace(/:[^:@/]+@/, ':***@');
}

/** A fresh, empty database on an engine, with a function that removes it. */
export interface TestDb {
  db: Db;
  engine: Engine;
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** Creates a fresh database (and a temp data dir for keyring and files). */
export async function createTestDb(engine: Engine): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-test-'));
  if (engine === 'sqlite') {
    const db = openSqlite(path.join(dataDir, 'orderly.db'));
    return {
      db,
      engine,
      dataDir,
      drop: async () => {
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `orderly_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = openPostgres(url, 5);
  return {
    db,
    engine,
    url,
    dataDir,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
