import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { pgTypes } from './pg-types.js';

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

/** Opens (creating if needed) a SQLite database file with the platform's pragmas. */
export function openSqlite(file: string): Db {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Several processes (server, CLI) may share the file; wait for the writer instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const kysely = new Kysely<{}>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    engine: 'sqlite',
    kysely,
    description: `sqlite:${file}`,
    close: () => kysely.destroy(),
  };
}

/** Opens a PostgreSQL pool whose sessions run in UTC with the kernel's type parsing. */
export function openPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, options: '-c TimeZone=UTC' });
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
