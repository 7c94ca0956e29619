import type { Socket } from 'node:net';
import pg from 'pg';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLaterOnPostgres, PlatformPgClient } from '../../src/kernel/db/pg-client.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// The platform pool's PostgreSQL client sends a transaction's BEGIN with the transaction's first statement (one
// round trip instead of two), and inside a transaction a write marked answer-later with whatever comes next; the
// transaction is still one transaction: it commits, rolls back and reports errors as before, and the failure of
// anything answered early reaches the caller of the next query.

// Texts of this test only.
const LATER = answerLaterOnPostgres('insert into pgc_later (n) values ($1)');

const engines = await testEngines();

/** The message types the client writes to its socket, and `ready` for each ReadyForQuery it receives. */
function wireLog(client: pg.Client): string[] {
  const log: string[] = [];
  const connection = (client as unknown as { connection: pg.Connection & { stream: Socket } }).connection;
  const write = connection.stream.write.bind(connection.stream) as (...a: unknown[]) => boolean;
  connection.stream.write = ((chunk: Buffer, ...rest: unknown[]) => {
    log.push(String.fromCharCode(chunk[0]!));
    return write(chunk, ...rest);
  }) as typeof connection.stream.write;
  connection.on('readyForQuery', () => log.push('ready'));
  return log;
}

describe.each(engines.filter((e) => e === 'postgres'))('the pool client on %s', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('postgres');
    await sql`create table pgc (n integer primary key)`.execute(t.db.kysely);
    await sql`create table pgc_later (n integer primary key)`.execute(t.db.kysely);
  });
  afterAll(async () => t.drop());

  /** Runs fn with a connected pool client of its own, ended afterwards. */
  async function withClient(fn: (client: PlatformPgClient) => Promise<void>): Promise<void> {
    const client = new PlatformPgClient({ connectionString: t.url });
    await client.connect();
    try {
      await fn(client);
    } finally {
      await client.end();
    }
  }

  it('writes BEGIN and the first statement before BEGIN is answered; both run in one transaction', async () => {
    await withClient(async (client) => {
      const log = wireLog(client);
      await client.query('begin');
      const first = await client.query<{ x: string }>('select txid_current()::text as x, $1::int as k', [1]);
      const second = await client.query<{ x: string }>('select txid_current()::text as x, $1::int as k', [2]);
      await client.query('commit');
      // Q (BEGIN), then the select's Parse (it has parameters), and only then the first ReadyForQuery.
      const beforeReady = log.slice(0, log.indexOf('ready'));
      expect(beforeReady[0]).toBe('Q');
      expect(beforeReady).toContain('P');
      expect(first.rows[0]!.x).toBe(second.rows[0]!.x);

      // A plain client, for contrast: BEGIN is answered before anything else is written.
      const plain = new pg.Client({ connectionString: t.url });
      await plain.connect();
      const plainLog = wireLog(plain);
      await plain.query('begin');
      await plain.query('select 1', []);
      await plain.query('commit');
      await plain.end();
      expect(plainLog.slice(0, plainLog.indexOf('ready'))).toEqual(['Q']);
    });
  });

  it('commits, rolls back and reports a first statement’s error through Kysely as one transaction', async () => {
    const k = t.db.kysely;
    await k.transaction().execute(async (tx) => {
      await sql`insert into pgc (n) values (1)`.execute(tx);
      await sql`insert into pgc (n) values (2)`.execute(tx);
    });
    await expect(
      k.transaction().execute(async (tx) => {
        await sql`insert into pgc (n) values (3)`.execute(tx);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    // The first statement itself fails: its error, and nothing of the transaction stays.
    await expect(
      k.transaction().execute(async (tx) => {
        await sql`insert into pgc (n) values (1)`.execute(tx);
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      k.transaction().execute(async (tx) => {
        await sql`insert into pgc (n) values (4)`.execute(tx);
        await sql`insert into pgc (n) values (2)`.execute(tx);
      }),
    ).rejects.toThrow(/duplicate key/);
    const rows = await sql<{ n: number }>`select n from pgc order by n`.execute(k);
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2]);
  });

  it('hands a failed BEGIN to the next query’s caller, and the connection goes on', async () => {
    // BEGIN fails only with its connection on a real server; node-postgres's query() is made to refuse it.
    const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: pg.Client, ...args: unknown[]) {
      if (args[0] === 'begin') return Promise.reject(new Error('begin refused (test)'));
      return original.apply(this, args);
    };
    let client: PlatformPgClient;
    try {
      client = new PlatformPgClient({ connectionString: t.url });
    } finally {
      proto.query = original;
    }
    await client.connect();
    try {
      await client.query('begin');
      await expect(client.query('select 1 as n', [])).rejects.toThrow('begin refused (test)');
      const after = await client.query<{ n: number }>('select 2 as n', []);
      expect(after.rows[0]!.n).toBe(2);
    } finally {
      await client.end();
    }
  });

  it('sends a marked write with the COMMIT behind it: BEGIN, the write and COMMIT before any answer', async () => {
    await withClient(async (client) => {
      const log = wireLog(client);
      await client.query('begin');
      const early = await client.query(LATER, [10]);
      expect(early.rows).toEqual([]);
      await client.query('commit');
      const beforeReady = log.slice(0, log.indexOf('ready'));
      // Q (BEGIN), the write's Parse…Sync, then Q (COMMIT): all written before the first ReadyForQuery.
      expect(beforeReady[0]).toBe('Q');
      expect(beforeReady).toContain('P');
      expect(beforeReady[beforeReady.length - 1]).toBe('Q');
      const rows = await sql<{ n: number }>`select n from pgc_later where n = 10`.execute(t.db.kysely);
      expect(rows.rows).toHaveLength(1);
    });
  });

  it('fails the transaction of a marked write that fails: COMMIT’s caller gets its error, nothing commits', async () => {
    const k = t.db.kysely;
    await sql`insert into pgc_later (n) values (20)`.execute(k);
    // The failing write is the transaction's last statement: its error comes with the COMMIT.
    let answeredEarly = false;
    await expect(
      k.transaction().execute(async (tx) => {
        await sql`insert into pgc (n) values (22)`.execute(tx);
        const r = await tx.executeQuery(CompiledQuery.raw(LATER, [20]));
        answeredEarly = r.rows.length === 0;
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(answeredEarly).toBe(true);
    // Followed by another statement: that statement's caller gets the write's error.
    await expect(
      k.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw(LATER, [20]));
        await sql`insert into pgc (n) values (23)`.execute(tx);
      }),
    ).rejects.toThrow(/duplicate key/);
    // A rollback after it is not stopped by it.
    await expect(
      k.transaction().execute(async (tx) => {
        await tx.executeQuery(CompiledQuery.raw(LATER, [20]));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const kept = await sql<{ n: number }>`select n from pgc where n between 22 and 23`.execute(k);
    expect(kept.rows).toEqual([]);
    // Outside a transaction a marked write answers in place.
    await expect(k.executeQuery(CompiledQuery.raw(LATER, [20]))).rejects.toThrow(/duplicate key/);
    await k.executeQuery(CompiledQuery.raw(LATER, [24]));
    const later = await sql<{ n: number }>`select n from pgc_later order by n`.execute(k);
    expect(later.rows.map((r) => r.n)).toEqual([10, 20, 24]);
  });

  it('lets ROLLBACK TO SAVEPOINT undo a failed early write, and the transaction goes on', async () => {
    await withClient(async (client) => {
      await client.query('begin');
      await client.query('savepoint s', []);
      await client.query(LATER, [10]); // already there: fails, answered early
      await client.query('rollback to savepoint s', []);
      await client.query(LATER, [30]); // still in the transaction: answered early, and it succeeds
      await client.query('insert into pgc (n) values (31)', []);
      await client.query('commit');
      const rows = await sql<{
        n: number;
      }>`select n from pgc_later where n = 30 union all select n from pgc where n = 31`.execute(t.db.kysely);
      expect(rows.rows.map((r) => r.n).sort()).toEqual([30, 31]);
    });
  });
});
