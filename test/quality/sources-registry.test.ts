import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/kernel/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { ADMIN_URL, testEngines } from '../support/engines.js';
import { buildWorld, expectError, invalidFields, send, type World } from '../support/identity-helpers.js';
import { login, startTestPlatform, type TestPlatform } from '../support/platform.js';

// Sources registered by secadmin: a separate PostgreSQL database plays the source system. The platform itself
// runs on each engine; the allow-list names 127.0.0.1 as the operator would for a local source.

const engines = await testEngines();
const hasPg = engines.includes('postgres');
const srcDb = `orderly_src_${randomBytes(4).toString('hex')}`;
const admin = new URL(ADMIN_URL);

async function adminQuery(sql: string, db = 'postgres') {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

describe.runIf(hasPg).each(engines)('registered sources on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let sec: string;
  let resourceId: string;
  const pgSource = (over: Record<string, unknown> = {}) => ({
    kind: 'postgres',
    name: '公安人口库',
    host: '127.0.0.1',
    port: Number(admin.port || 5432),
    database: `${srcDb}_${engine}`,
    user: decodeURIComponent(admin.username || 'postgres'),
    ...(admin.password && { password: decodeURIComponent(admin.password) }),
    query:
      'SELECT sfzh AS "公民身份号码", xm AS "姓名", xb AS "性别", csrq AS "出生日期", gxsj FROM rk ORDER BY sfzh',
    incrementalColumn: 'gxsj',
    ...over,
  });
  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${srcDb}_${engine}`);
    await adminQuery(
      `CREATE TABLE rk (sfzh text primary key, xm text, xb text, csrq text, gxsj integer not null);
       INSERT INTO rk VALUES ${Array.from({ length: 12 }, (_, i) => `('${makeIdNumber('330106', `1990-01-${String(i + 1).padStart(2, '0')}`, 200 + i)}', '来源${i}', '${(i % 2) + 1}', '1990-01-${String(i + 1).padStart(2, '0')}', ${i + 1})`).join(',')};`,
      `${srcDb}_${engine}`,
    );
    t = await startTestPlatform(engine, { env: { ORDERLY_SOURCE_ALLOW: '127.0.0.1' } });
    w = await buildWorld(t);
    sec = await login(t, 'secadmin');
    resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody());
  });
  afterAll(async () => {
    await t.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${srcDb}_${engine} WITH (FORCE)`);
  });

  it('only secadmin registers; credentials are never shown; the platform database is refused', async () => {
    expectError(
      await send(t, 'POST', '/api/v1/quality/sources', { token: w.tokens.steward, payload: pgSource() }),
      403,
      'FORBIDDEN',
    );
    const r = await send(t, 'POST', '/api/v1/quality/sources', {
      token: sec,
      payload: pgSource({ password: 'not-shown-again' }),
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.body).not.toContain('not-shown-again');
    const listed = await send(t, 'GET', '/api/v1/quality/sources', { token: w.tokens.steward });
    expect(listed.body).not.toContain('not-shown-again');
    expect(listed.json<{ hasSecret: boolean }[]>()[0]!.hasSecret).toBe(true);
    if (engine === 'postgres') {
      const own = new URL(t.testDb.url!);
      const refused = await send(t, 'POST', '/api/v1/quality/sources', {
        token: sec,
        payload: pgSource({ database: own.pathname.slice(1), name: '平台自己' }),
      });
      expect(invalidFields(refused)).toEqual(['host']);
    }
    expect(
      invalidFields(
        await send(t, 'POST', '/api/v1/quality/sources', {
          token: sec,
          payload: pgSource({ query: 'DELETE FROM rk' }),
        }),
      ),
    ).toEqual(['query']);
  });

  it('pulls from the source, then incrementally continues after the watermark', async () => {
    const src = (
      await send(t, 'POST', '/api/v1/quality/sources', { token: sec, payload: pgSource({ name: '增量源' }) })
    ).json<{ id: string }>();
    const run = async () => {
      const j = await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
        token: w.tokens.steward,
        payload: { sourceId: src.id },
      });
      expect(j.statusCode, j.body).toBe(201);
      await t.platform.runner.drain();
      return (
        await send(t, 'GET', `/api/v1/quality/jobs/${j.json<{ id: string }>().id}`, {
          token: w.tokens.steward,
        })
      ).json<{
        status: string;
        counts: { read: number; inserted: number };
      }>();
    };
    const first = await run();
    expect(first).toMatchObject({ status: 'succeeded', counts: { read: 12, inserted: 12 } });
    await adminQuery(
      `INSERT INTO rk VALUES ('${makeIdNumber('330106', '1991-05-05', 300)}', '新增', '1', '1991-05-05', 99)`,
      `${srcDb}_${engine}`,
    );
    const second = await run();
    expect(second).toMatchObject({ status: 'succeeded', counts: { read: 1, inserted: 1 } });
  });

  it('refuses loopback sources when the allow-list does not name them', async () => {
    const strict = await startTestPlatform(engine);
    try {
      const s = await login(strict, 'secadmin');
      expect(
        invalidFields(
          await send(strict, 'POST', '/api/v1/quality/sources', { token: s, payload: pgSource() }),
        ),
      ).toEqual(['host']);
    } finally {
      await strict.close();
    }
  });
});
