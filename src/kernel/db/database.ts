import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { pgTypes } from './pg-types.js';
import { PlatformPgClient } from './pg-client.js';

// One handle, two engines. The embedded default is a SQLite file (WAL + synchronous=FULL so committed
// evidence survives a power cut); PostgreSQL is chosen by a postgres:// URL. Everything above this file is
// written once for both.

export type Engine = 'sqlite' | 'postgres';

/** The database handle the rest of the platform uses. Tables are typed per module via withTables(). */
export interface Db {
  readonly engine: Engine;
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  readonly kysely: Kysely<{}>;
  /** A description safe to print (no password). */
  readonly description: string;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type AnyTx = Transaction<{}> | Kysely<{}>;

/**
 * The engine behind a handle or transaction, from its dialect's adapter (no round trip, nothing compiled). Code
 * that runs fixed SQL texts picks their placeholder form by it.
 */
export function engineOf(tx: AnyTx): Engine {
  return tx.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface OpenDbOptions {
  /** postgres:// URL; when absent the SQLite file under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite file name under dataDir. */
  fileName?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/** Opens the configured database. */
export function openDb(opts: OpenDbOptions): Db {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  return openSqlite(path.join(opts.dataDir, opts.fileName ?? 'orderly.db'));
}

/** Prepared statements kept per SQL text (bounded, least recently used out). */
const STATEMENT_CACHE_MAX = 1000;

/**
 * better-sqlite3 behind Kysely, with its prepared statements cached by SQL text. Kysely's driver prepares
 * every query anew; the hot paths run the same few statements thousands of times (compiling them was 5 % of
 * a busy exchange server's CPU). A statement still iterating (a streamed query) is busy and cannot run twice,
 * so a second use of the same text while it is busy gets a statement of its own. SQLite re-prepares a cached
 * statement by itself when the schema changes.
 */
function withStatementCache(db: Sqlite.Database): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit) {
        if (hit.busy) return db.prepare(sql);
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = db.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/** Opens (creating if needed) a SQLite database file with the platform's pragmas. */
export function openSqlite(file: string): Db {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Several processes (server, CLI) may share the file; wait for the writer instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const kysely = new Kysely<{}>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    engine: 'sqlite',
    kysely,
    description: `sqlite:${file}`,
    close: () => kysely.destroy(),
  };
}

/** Opens a PostgreSQL pool whose sessions run in UTC with the kernel's type parsing. */
export function openPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: pgTypes,
    options: '-c TimeZone=UTC',
    // Named prepared statements for marked texts, and BEGIN sent with a transaction's first statement (pg-client.ts).
    Client: PlatformPgClient,
  });
  // An idle client error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const kysely = new Kysely<{}>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    kysely,
    description: redactUrl(url),
    close: () => kysely.destroy(),
  };
}

/** A database URL with its password hidden. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
