import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPgQuery,
  createConnectionGuard,
  pgSource,
  SourceRefused,
  type PgConnection,
} from '../../../src/modules/quality/sources/index.js';
import { ADMIN_URL, testEngines } from '../../support/engines.js';
import { collect, rejection, rows } from './helpers.js';

// A separate database stands in for a department's server; it is allow-listed (it is on 127.0.0.1), and
// the guard is told that the platform's own database is a different one on the same server.

const hasPg = (await testEngines()).includes('postgres');
const admin = new URL(ADMIN_URL);
const dbName = `orderly_src_${randomBytes(4).toString('hex')}`;
const conn: PgConnection = {
  host: admin.hostname,
  port: Number(admin.port || 5432),
  database: dbName,
  user: decodeURIComponent(admin.username || 'postgres'),
  ...(admin.password && { password: decodeURIComponent(admin.password) }),
};

describe('buildPgQuery', () => {
  it('wraps an incremental query and quotes the watermark column', () => {
    expect(buildPgQuery({ query: 'SELECT * FROM t;  ' })).toEqual({ text: 'SELECT * FROM t', values: [] });
    const q = buildPgQuery({
      query: 'SELECT * FROM t -- all',
      incremental: { column: 'updated_at', after: '2024-01-01' },
    });
    expect(q.text).toBe(
      'SELECT * FROM (\nSELECT * FROM t -- all\n) src WHERE "updated_at" > $1 ORDER BY "updated_at", ROW(src.*)::text',
    );
    expect(q.values).toEqual(['2024-01-01']);
    expect(buildPgQuery({ query: 'SELECT 1 AS 编号', incremental: { column: '编号' } }).text).toContain(
      '"编号" IS NOT NULL',
    );
    for (const bad of ['a"b', 'a; drop table x', '1abc', '', 'a b'])
      expect(() => buildPgQuery({ query: 'SELECT 1', incremental: { column: bad } }), bad).toThrow(
        /invalid watermark column/,
      );
    expect(() => buildPgQuery({ query: ' ; ' })).toThrow(/empty/);
  });
});

describe.skipIf(!hasPg)('pgSource on PostgreSQL', () => {
  const guard = createConnectionGuard({
    platformDb: { host: conn.host, port: conn.port, database: 'orderly_platform_stand_in' },
    allowList: ['127.0.0.1', '::1'],
  });

  beforeAll(async () => {
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`CREATE DATABASE ${dbName}`);
    await a.end();
    const c = new pg.Client({ ...conn });
    await c.connect();
    await c.query(`
      CREATE TABLE people (id bigint PRIMARY KEY, name text, amount numeric(12,2), born date,
                           updated_at timestamptz NOT NULL, active boolean, extra jsonb, seq int);
      CREATE SEQUENCE s;
      INSERT INTO people
        SELECT i, '姓名' || i, i * 1.5, date '2000-01-01' + i, timestamptz '2024-01-01 00:00:00+08' + (i / 3) * interval '1 hour',
               i % 2 = 0, jsonb_build_object('k', i), i
        FROM generate_series(1, 2500) i;
      INSERT INTO people VALUES (9007199254740993, '', NULL, NULL, '2030-01-01Z', NULL, NULL, 2501);`);
    await c.end();
  });

  afterAll(async () => {
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await a.end();
  });

  it('pulls a whole query through a cursor in batches, every value as exact text', async () => {
    const src = pgSource(
      conn,
      { query: 'SELECT id, name, amount, born, updated_at, active, extra FROM people ORDER BY id' },
      guard,
      {
        batchSize: 1000,
      },
    );
    expect(await src.columns()).toEqual(['id', 'name', 'amount', 'born', 'updated_at', 'active', 'extra']);
    const all = await collect(src);
    expect(all).toHaveLength(2501);
    expect(all.map((r) => r.rowNo)).toEqual(Array.from({ length: 2501 }, (_, i) => i + 1));
    expect({ ...all[0]!.values }).toEqual({
      id: '1',
      name: '姓名1',
      amount: '1.50',
      born: '2000-01-02',
      updated_at: '2023-12-31 16:00:00+00',
      active: 'f',
      extra: '{"k": 1}',
    });
    expect(all[2500]!.values).toMatchObject({ id: '9007199254740993', name: null, amount: null });
    expect(all[0]!.watermark).toBeUndefined();
    expect(src.describe()).toMatchObject({ kind: 'postgresql', mode: 'full', recordsPulled: 2501 });
  });

  it('resumes a pull with skip (server-side MOVE) without duplicates', async () => {
    const src = pgSource(conn, { query: 'SELECT id FROM people ORDER BY id' }, guard, { batchSize: 100 });
    const rest = await collect(src, { skip: 2490 });
    expect(rest.map((r) => [r.rowNo, r.values.id])).toEqual(
      Array.from({ length: 11 }, (_, i) => [2491 + i, i === 10 ? '9007199254740993' : String(2491 + i)]),
    );
  });

  it('pulls incrementally by a watermark column, with a total order so skip is exact despite ties', async () => {
    const spec = { query: 'SELECT id, updated_at FROM people', incremental: { column: 'updated_at' } };
    const first = await collect(pgSource(conn, spec, guard, { batchSize: 500 }));
    expect(first).toHaveLength(2501);
    expect(first[0]!.watermark).toBe('2023-12-31 16:00:00+00');
    const marks = first.map((r) => r.watermark!);
    expect([...marks].sort()).toEqual(marks);
    // a crash after 1000 records: the resumed pull continues exactly where the first one stopped
    const resumed = await collect(pgSource(conn, spec, guard, { batchSize: 500 }), { skip: 1000 });
    expect(resumed.map((r) => r.values.id)).toEqual(first.slice(1000).map((r) => r.values.id));
    // the next scheduled pull starts after the last watermark
    const after = marks[2499]!;
    const next = await rows(pgSource(conn, { ...spec, incremental: { column: 'updated_at', after } }, guard));
    expect(next).toEqual([{ id: '9007199254740993', updated_at: '2030-01-01 00:00:00+00' }]);
  });

  it('runs read-only and one statement only', async () => {
    const write = pgSource(conn, { query: "SELECT nextval('s')" }, guard);
    expect((await rejection(collect(write))).message).toMatch(/read-only transaction/);
    const two = pgSource(conn, { query: 'SELECT 1; DROP TABLE people' }, guard);
    expect(await rejection(collect(two))).toMatchObject({ code: 'REMOTE' });
    const c = new pg.Client({ ...conn });
    await c.connect();
    expect((await c.query('SELECT count(*)::int AS n FROM people')).rows[0]).toEqual({ n: 2501 });
    await c.end();
  });

  it('reports query and connection failures as REMOTE', async () => {
    expect(await rejection(pgSource(conn, { query: 'SELECT * FROM nope' }, guard).columns())).toMatchObject({
      code: 'REMOTE',
    });
    const missing = pgSource({ ...conn, database: `${dbName}_missing` }, { query: 'SELECT 1' }, guard);
    expect((await rejection(missing.columns())).message).toMatch(/does not exist/);
  });

  it("refuses the platform's own database even when 127.0.0.1 is allow-listed", async () => {
    const platformGuard = createConnectionGuard({
      platformDb: { host: conn.host, port: conn.port, database: dbName },
      allowList: ['127.0.0.1', '::1'],
    });
    const e = await rejection(pgSource(conn, { query: 'SELECT 1' }, platformGuard).columns());
    expect(e).toBeInstanceOf(SourceRefused);
    expect(e.message).toMatch(/platform's own database/);
    const viaName = await rejection(
      pgSource({ ...conn, host: 'localhost' }, { query: 'SELECT 1' }, platformGuard).columns(),
    );
    expect(viaName).toBeInstanceOf(SourceRefused);
  });

  it('refuses 127.0.0.1 when it is not allow-listed', async () => {
    const strict = createConnectionGuard({ platformDb: 'sqlite', allowList: [] });
    const e = await rejection(pgSource(conn, { query: 'SELECT 1' }, strict).columns());
    expect(e).toMatchObject({ code: 'REFUSED' });
    expect(e.message).toMatch(/127\.0\.0\.1 is a loopback address/);
  });
});
