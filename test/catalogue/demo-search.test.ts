import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCity } from '../../src/flows/demo/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { login, startTestPlatform, type TestPlatform } from '../support/platform.js';

// Search on the real demo catalogue, seeded the way a city would fill it (stewards register, the bureau
// approves), on both engines: every query of issue 5 §5 finds what a user would expect, including the hits
// only a synonym can reach.

const engines = await testEngines();

interface Hit {
  name: string;
  code: string;
  score: number;
}

describe.each(engines)('the demo city (catalogue search, sample data, sharing story) on %s', (engine) => {
  let t: TestPlatform;
  let token: string;
  const search = async (q: string, extra = '') => {
    const r = await send(
      t,
      'GET',
      `/api/v1/catalogue/resources?limit=50&q=${encodeURIComponent(q)}${extra}`,
      { token },
    );
    expect(r.statusCode).toBe(200);
    return r.json<{
      total: number;
      items: Hit[];
      facets: Record<string, { value: string; count: number }[]>;
    }>();
  };
  beforeAll(async () => {
    t = await startTestPlatform(engine, { bootstrap: false });
    await seedDemoCity(t.platform);
    token = await login(t, 'mzj.consumer', 'Orderly@2026');
  }, 180_000);
  afterAll(async () => t.close());

  const expected: [string, string][] = [
    ['人口', '人口基本信息'],
    ['社保', '社保参保缴费信息'],
    ['企业', '企业登记信息'],
    ['不动产', '不动产登记信息'],
    ['婚姻', '婚姻登记信息'],
    ['学籍', '学籍'],
    ['纳税', '纳税信用等级'],
    ['医保', '医疗保险'],
    ['户籍', '户'],
    ['信用', '信用'],
    ['出生', '出生'],
    ['营业执照', '营业执照'],
  ];
  it.each(expected)('%s finds a resource named like %s', async (q, nameLike) => {
    const r = await search(q);
    expect(r.total).toBeGreaterThan(0);
    expect(r.items.some((i) => i.name.includes(nameLike))).toBe(true);
    // Ranked: scores never increase down the list.
    const scores = r.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds resources only a synonym reaches', async () => {
    const only = async (q: string, name: string, literal: string) => {
      const r = await search(q);
      const hit = r.items.find((i) => i.name === name);
      expect(hit, `${q} should find ${name}`).toBeDefined();
      const doc = (await send(t, 'GET', `/api/v1/catalogue/resources/${hit!.code}`, { token })).json<{
        name: string;
        summary: string;
        tags: string[];
        items: { label: string; name: string }[];
      }>();
      // The searched texts (name, summary, tags, item labels) never say the query; they say the synonym.
      const searched = [doc.name, doc.summary, ...doc.tags, ...doc.items.map((i) => i.label)].join(' ');
      expect(searched).not.toContain(q);
      expect(searched).toContain(literal);
    };
    await only('社会保险', '社保参保缴费信息', '社保');
    await only('医保', '城乡居民基本医疗保险参保登记信息', '医疗保险');
    await only('户籍', '户口迁移登记信息', '户口');
  });

  it('counts facets and filters by them', async () => {
    const all = await search('');
    expect(all.total).toBeGreaterThanOrEqual(38);
    const open = all.facets.openType!.find((f) => f.value === 'open')!.count;
    expect(open).toBeGreaterThanOrEqual(8);
    const filtered = await search('', '&openType=open');
    expect(filtered.total).toBe(open);
    const providers = all.facets.provider!;
    expect(providers).toHaveLength(9);
    const one = await search('', `&provider=${providers[0]!.value}&sort=name`);
    expect(one.total).toBe(providers[0]!.count);
  });

  it('the demo stewards loaded sample data: rows in the store, errors in quarantine, scores computed', async () => {
    const steward = await login(t, 'gaj.steward', 'Orderly@2026');
    const people = (await search('人口基本信息')).items.find((i) => i.name === '人口基本信息')!;
    const status = (
      await send(t, 'GET', `/api/v1/datastore/resources/${people.code}`, { token: steward })
    ).json<{ rowCount: number }>();
    expect(status.rowCount).toBeGreaterThan(500);
    const jobs = (
      await send(
        t,
        'GET',
        `/api/v1/quality/resources/${(await send(t, 'GET', `/api/v1/catalogue/resources/${people.code}`, { token })).json<{ id: string }>().id}/jobs`,
        { token: steward },
      )
    ).json<{ status: string; counts: { read: number; accepted: number; rejected: number } }[]>();
    expect(jobs[0]!.status).toBe('succeeded');
    expect(jobs[0]!.counts.read).toBe(jobs[0]!.counts.accepted + jobs[0]!.counts.rejected);
    expect(jobs[0]!.counts.rejected).toBeGreaterThan(0);
    const card = (
      await send(t, 'GET', `/api/v1/quality/resources/${people.code}/scorecard`, { token })
    ).json<{ latest: { score: number } }>();
    expect(card.latest.score).toBeGreaterThan(0);
  });

  // The same seeded city carries the sharing story (src/flows/demo/sharing): asserted here to seed it once.
  it('the demo sharing story: two grants, one part in the 人社局 queue, an open demand', async () => {
    const apps = (await send(t, 'GET', '/api/v1/sharing/applications?box=mine', { token })).json<{
      items: { id: string; status: string; parts: { status: string }[] }[];
    }>();
    expect(apps.items).toHaveLength(1);
    expect(apps.items[0]!.status).toBe('review');
    expect(apps.items[0]!.parts.map((x) => x.status).sort()).toEqual(['approved', 'approved', 'pending']);
    const grants = (await send(t, 'GET', '/api/v1/sharing/grants?box=consumer', { token })).json<{
      items: { status: string }[];
    }>();
    expect(grants.items.map((g) => g.status)).toEqual(['active', 'active']);
    const rsj = await login(t, 'rsj.approver', 'Orderly@2026');
    const queue = (await send(t, 'GET', '/api/v1/sharing/queue', { token: rsj })).json<{
      items: unknown[];
    }>();
    expect(queue.items).toHaveLength(1);
    const reviewer = await login(t, 'dsj.reviewer', 'Orderly@2026');
    const demands = (await send(t, 'GET', '/api/v1/sharing/demands', { token: reviewer })).json<{
      items: { status: string; title: string }[];
    }>();
    expect(demands.items.map((d) => d.status)).toEqual(['open']);
  });

  it('refuses over-long queries with a field error', async () => {
    const r = await send(t, 'GET', `/api/v1/catalogue/resources?q=${encodeURIComponent('人口'.repeat(60))}`, {
      token,
    });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('"field":"q"');
  });
});
