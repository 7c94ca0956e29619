import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { makeIdNumber } from '../../src/kernel/index.js';
import { createQuality } from '../../src/modules/quality/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import {
  buildWorld,
  expectError,
  invalidFields,
  send,
  tokenFor,
  type World,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

interface Job {
  id: string;
  status: string;
  counts: {
    read: number;
    accepted: number;
    rejected: number;
    warned: number;
    inserted: number;
    updated: number;
    unchanged: number;
    deleted: number;
  };
  error: string | null;
  detected: Record<string, string> | null;
}

const id = (i: number, birth = `1985-03-${String((i % 28) + 1).padStart(2, '0')}`) =>
  makeIdNumber('330106', birth, 100 + (i % 800));

/** A person CSV: `good` valid rows, then the bad ones the test counts on. */
function personCsv(good: number, from = 0): string {
  const lines = ['公民身份号码,姓名,性别,出生日期'];
  for (let i = from; i < from + good; i++)
    lines.push(`${id(i)},测试${i},${i % 2 ? '1' : '2'},1985-03-${String((i % 28) + 1).padStart(2, '0')}`);
  return lines.join('\n') + '\n';
}

describe.each(engines)('ingestion on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let resourceId: string;
  const upload = async (body: Buffer | string, name = 'people.csv', token = w.tokens.steward) =>
    send(t, 'POST', `/api/v1/quality/resources/${resourceId}/uploads?name=${encodeURIComponent(name)}`, {
      token,
      payload: (typeof body === 'string' ? Buffer.from(body) : body) as unknown as string,
      headers: { 'content-type': 'application/octet-stream' },
    });
  const start = async (uploadId: string, mode = 'upsert') => {
    const r = await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
      token: w.tokens.steward,
      payload: { uploadId, mode },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<Job>();
  };
  const job = async (jobId: string) =>
    (await send(t, 'GET', `/api/v1/quality/jobs/${jobId}`, { token: w.tokens.steward })).json<Job>();
  const load = async (body: Buffer | string, mode = 'upsert', name = 'people.csv') => {
    const u = (await upload(body, name)).json<{ id: string }>();
    const j = await start(u.id, mode);
    await t.platform.runner.drain();
    return job(j.id);
  };
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody());
  });
  afterAll(async () => t.close());

  it('loads a CSV, quarantines bad rows with masked values, flags warnings: read = accepted + rejected', async () => {
    const bad = [
      `${id(1).slice(0, 17)}${id(1).endsWith('0') ? '1' : '0'},坏校验,1,1985-03-02`, // wrong check digit
      `${id(2)},坏日期,2,1985-02-30`, // no such date
      `${id(3)},出生不符,1,1990-01-01`, // ID birth date ≠ birth_date: a warning only
      `${id(4)},重复一,2,1985-03-05`,
      `${id(4)},重复二,2,1985-03-05`, // repeats the primary key
      `${id(5).slice(0, 17)}${id(5).slice(17).toLowerCase()},小写x,1,1985-03-06`, // normalised (x → X) when x
      `,没有证件号,1,1985-03-07`, // primary key missing
    ];
    const csv = personCsv(20, 100) + bad.join('\n') + '\n';
    const j = await load(csv);
    expect(j.status).toBe('succeeded');
    expect(j.counts.read).toBe(27);
    expect(j.counts.read).toBe(j.counts.accepted + j.counts.rejected);
    expect(j.counts.rejected).toBe(4);
    expect(j.counts.warned).toBeGreaterThanOrEqual(1);
    expect(j.counts.inserted).toBe(23);
    const issues = (
      await send(t, 'GET', `/api/v1/quality/jobs/${j.id}/issues`, { token: w.tokens.steward })
    ).json<{ rowNo: number; item: string; kind: string; severity: string; value: string | null }[]>();
    const rejected = issues.filter((i) => i.severity === 'reject');
    expect(new Set(rejected.map((i) => i.rowNo)).size).toBe(4);
    const idIssue = rejected.find((i) => i.rowNo === 21)!;
    expect(idIssue).toMatchObject({ item: 'id_number', kind: 'idNumber' });
    // The value is masked (keep first 1 and last 2), never the raw ID number.
    expect(idIssue.value).toMatch(/^3\*+..$/);
    expect(JSON.stringify(issues)).not.toContain(id(1).slice(0, 17));
    expect(issues.some((i) => i.severity === 'warn' && i.rowNo === 23)).toBe(true);
    const report = await send(t, 'GET', `/api/v1/quality/jobs/${j.id}/issues.csv`, {
      token: w.tokens.steward,
    });
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body.startsWith('\ufeff行号')).toBe(true);
    expect(report.body.split('\r\n').filter(Boolean).length).toBe(issues.length + 1);
    // The stored rows carry the warning flags.
    const stored = await t.platform.datastore.lookup(resourceId, 'id_number', id(3));
    expect(stored[0]!.flags.length).toBeGreaterThan(0);
  });

  it('reads GBK-encoded CSV and upserts: unchanged rows are not rewritten', async () => {
    const gbk = iconv.encode(personCsv(10, 100), 'gbk');
    const j = await load(gbk);
    expect(j.detected?.encoding).toMatch(/gb/i);
    expect(j.counts).toMatchObject({
      read: 10,
      accepted: 10,
      rejected: 0,
      inserted: 0,
      updated: 0,
      unchanged: 10,
    });
  });

  it('loads JSON and NDJSON with the same result', async () => {
    const rows = Array.from({ length: 5 }, (_, k) => ({
      公民身份号码: id(300 + k),
      姓名: `JSON${k}`,
      性别: '1',
      出生日期: `1985-03-${String(((300 + k) % 28) + 1).padStart(2, '0')}`,
    }));
    const a = await load(JSON.stringify(rows), 'upsert', 'people.json');
    expect(a.counts).toMatchObject({ read: 5, accepted: 5, inserted: 5 });
    const b = await load(
      rows.map((r) => JSON.stringify({ ...r, 姓名: `${r.姓名}改` })).join('\n'),
      'upsert',
      'people.ndjson',
    );
    expect(b.counts).toMatchObject({ read: 5, accepted: 5, updated: 5 });
  });

  it('a full replace switches atomically and records deletes', async () => {
    const before = (await t.platform.datastore.rows(resourceId, { limit: 10_000 })).length;
    const j = await load(personCsv(8, 100), 'replace');
    expect(j.status).toBe('succeeded');
    expect(j.counts).toMatchObject({ read: 8, accepted: 8, updated: 0 });
    expect(j.counts.deleted).toBe(before - 8);
    expect((await t.platform.datastore.rows(resourceId, { limit: 10_000 })).length).toBe(8);
  });

  it('a killed job resumes after its last committed batch with exact counts', async () => {
    // A second quality instance with small batches and a hook that "kills" the worker after two batches.
    const p = t.platform;
    let kill: AbortController | null = new AbortController();
    const quality = createQuality(
      {
        db: p.db,
        audit: p.audit,
        clock: p.clock,
        jobs: p.jobs,
        catalogue: p.catalogue,
        datastore: p.datastore,
        notifications: p.notifications,
        alerts: p.alerts,
        keyring: p.keyring,
        cryptoProfile: 'intl',
        sourceAllowList: [],
        dataDir: p.config.dataDir,
        batchSize: 7,
      },
      (_id, committed) => {
        if (committed >= 14) kill?.abort();
      },
    );
    const u = (await upload(personCsv(50, 1000))).json<{ id: string }>();
    const j = await start(u.id, 'append');
    expect(await quality.runner.run(j.id, kill.signal)).toEqual({ status: 'interrupted' });
    const mid = await job(j.id);
    expect(mid).toMatchObject({ status: 'running', counts: { read: 14, accepted: 14 } });
    kill = null;
    expect(await quality.runner.run(j.id)).toEqual({ status: 'succeeded' });
    const done = await job(j.id);
    expect(done.counts).toMatchObject({ read: 50, accepted: 50, rejected: 0, inserted: 50 });
    // Exactly once: 8 from the replace plus these 50.
    expect((await t.platform.datastore.rows(resourceId, { limit: 10_000 })).length).toBe(58);
    await t.platform.runner.drain(); // the queued runner job finds it done and does nothing
    expect((await job(j.id)).counts.read).toBe(50);
  });

  it('cancels, refuses a second concurrent job, and authorizes every call', async () => {
    const u = (await upload(personCsv(3, 5000))).json<{ id: string }>();
    const j = await start(u.id);
    expectError(
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
        token: w.tokens.steward,
        payload: { uploadId: u.id },
      }),
      409,
      'CONFLICT',
    );
    const c = await send(t, 'POST', `/api/v1/quality/jobs/${j.id}/cancel`, { token: w.tokens.steward });
    expect(c.json()).toMatchObject({ status: 'cancelled' });
    await t.platform.runner.drain();
    expect((await job(j.id)).counts.read).toBe(0);
    // The resource is published, so the consumer sees it — and may not load it.
    expectError(await upload('a,b\n1,2\n', 'x.csv', w.tokens.consumer), 403, 'FORBIDDEN');
    expectError(
      await send(t, 'GET', `/api/v1/quality/jobs/${j.id}`, { token: w.tokens.consumer }),
      404,
      'NOT_FOUND',
    );
    expect(invalidFields(await upload('x', 'data.bin'))).toEqual(['format']);
    expect(
      invalidFields(
        await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
          token: w.tokens.steward,
          payload: { uploadId: 'nope' },
        }),
      ),
    ).toEqual(['uploadId']);
  });

  it('a malformed file fails the job with a reason and changes nothing', async () => {
    const before = (await t.platform.datastore.rows(resourceId, { limit: 10_000 })).length;
    const j = await load('[{"公民身份号码": "1"}, {oops', 'replace', 'broken.json');
    expect(j.status).toBe('failed');
    expect(j.error).toBeTruthy();
    expect((await t.platform.datastore.rows(resourceId, { limit: 10_000 })).length).toBe(before);
    const { table } = await t.platform.datastore.layout(t.platform.db.kysely, resourceId);
    expect(table.loading_generation).toBeNull();
  });
});

describe.each(engines)('quality scores and steward rules on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let resourceId: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    resourceId = await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody());
  });
  afterAll(async () => t.close());

  it('scores after a load, keeps history, and alerts the steward when an update is overdue', async () => {
    const csv = personCsv(10, 0) + `${id(50)},出生不符,1,1990-01-01\n` + `${id(51)},坏日期,2,1985-02-30\n`;
    const u = (
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/uploads?name=p.csv`, {
        token: w.tokens.steward,
        payload: Buffer.from(csv) as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      })
    ).json<{ id: string }>();
    await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
      token: w.tokens.steward,
      payload: { uploadId: u.id },
    });
    await t.platform.runner.drain(); // the load, then the score job it queued
    const card = (
      await send(t, 'GET', `/api/v1/quality/resources/${resourceId}/scorecard`, { token: w.tokens.consumer })
    ).json<{
      latest: {
        score: number;
        rows: number;
        dimensions: Record<string, number>;
        freshness: { overdue: boolean };
      };
      history: unknown[];
    }>();
    expect(card.latest.rows).toBe(11);
    expect(card.latest.dimensions.consistency).toBeLessThan(1);
    expect(card.latest.dimensions.validity).toBeLessThan(1);
    expect(card.latest.dimensions.timeliness).toBe(1);
    expect(card.latest.score).toBeGreaterThan(50);
    expect(card.latest.score).toBeLessThan(100);
    expect(card.history).toHaveLength(1);
    // Three days later (daily cycle) the daily run finds it overdue and tells the provider's stewards.
    t.clock.advance(3 * 86_400_000);
    // Tokens live a day in tests: sign in again after the jump.
    w.tokens.steward = await tokenFor(t, 'w.steward');
    w.tokens.consumer = await tokenFor(t, 'w.consumer');
    await t.platform.quality.scores.handler({ all: true });
    const again = (
      await send(t, 'GET', `/api/v1/quality/resources/${resourceId}/scorecard`, { token: w.tokens.steward })
    ).json<{
      latest: { freshness: { overdue: boolean }; dimensions: Record<string, number> };
      history: unknown[];
    }>();
    expect(again.latest.freshness.overdue).toBe(true);
    expect(again.latest.dimensions.timeliness).toBe(0);
    expect(again.history).toHaveLength(2);
    const alerts = (await send(t, 'GET', '/api/v1/alerts', { token: w.tokens.steward })).json<
      { type: string }[]
    >();
    expect(alerts.map((a) => a.type)).toContain('quality.update.overdue');
  });

  it('stewards add rules that the next load applies; bad rules are refused field by field', async () => {
    const rules = (
      await send(t, 'GET', `/api/v1/quality/resources/${resourceId}/rules`, { token: w.tokens.steward })
    ).json<{ generated: { id: string }[] }>();
    expect(rules.generated.length).toBeGreaterThan(3);
    const put = await send(t, 'PUT', `/api/v1/quality/resources/${resourceId}/rules`, {
      token: w.tokens.steward,
      payload: {
        rules: [
          {
            id: 'gender-code',
            items: ['gender'],
            spec: { kind: 'codeList', values: ['1', '2'] },
            severity: 'reject',
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expectError(
      await send(t, 'PUT', `/api/v1/quality/resources/${resourceId}/rules`, {
        token: w.tokens.consumer,
        payload: { rules: [] },
      }),
      403,
      'FORBIDDEN',
    );
    expect(
      invalidFields(
        await send(t, 'PUT', `/api/v1/quality/resources/${resourceId}/rules`, {
          token: w.tokens.steward,
          payload: {
            rules: [{ id: 'gen:x', items: ['nope'], spec: { kind: 'notNull' }, severity: 'reject' }],
          },
        }),
      ).length,
    ).toBeGreaterThan(0);
    const csv = '公民身份号码,姓名,性别,出生日期\n' + `${id(70)},甲,9,1985-03-15\n`;
    const u = (
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/uploads?name=p.csv`, {
        token: w.tokens.steward,
        payload: Buffer.from(csv) as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      })
    ).json<{ id: string }>();
    const j = (
      await send(t, 'POST', `/api/v1/quality/resources/${resourceId}/jobs`, {
        token: w.tokens.steward,
        payload: { uploadId: u.id },
      })
    ).json<{ id: string }>();
    await t.platform.runner.drain();
    const done = (
      await send(t, 'GET', `/api/v1/quality/jobs/${j.id}`, { token: w.tokens.steward })
    ).json<Job>();
    expect(done.counts).toMatchObject({ read: 1, rejected: 1 });
  });
});
