import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { buildWorld, expectError, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { openBody, populationBody, publish } from './catalogue-fixtures.js';
import {
  invalidDates,
  jsonLdToQuads,
  loadShapes,
  parseRdf,
  shaclViolations,
  subjectsOfType,
  untaggedChinese,
} from './dcat-support.js';

const engines = await testEngines();
const DATASET = 'http://www.w3.org/ns/dcat#Dataset';

describe.each(engines)('DCAT-AP export routes on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
    const get = async (id: string) =>
      (await send(t, 'GET', `/api/v1/catalogue/resources/${id}`, { token: w.tokens.steward })).json<{
        code: string;
      }>().code;
    codes.open = await get(await publish(t, w.tokens.steward, w.tokens.reviewer, openBody()));
    codes.conditional = await get(
      await publish(
        t,
        w.tokens.steward,
        w.tokens.reviewer,
        openBody({
          name: '公共停车场实时泊位',
          classification: { category: 'theme', item: '01', catalog: '003' },
          open: {
            type: 'conditional',
            condition: '注册用户申请后开放',
            reason: { kind: 'policy', text: '依《公共数据开放暂行办法》' },
          },
        }),
      ),
    );
    codes.closed = await get(await publish(t, w.tokens.steward, w.tokens.reviewer, populationBody()));
    // A draft open resource is not published, so it is not exported either.
    const draft = await send(t, 'POST', '/api/v1/catalogue/resources', {
      token: w.tokens.steward,
      payload: openBody({ name: '草稿开放' }),
    });
    codes.draft = draft.json<{ code: string }>().code;
  });
  afterAll(async () => t.close());

  it('serves open published resources only, as Turtle that conforms to DCAT-AP 3', async () => {
    const r = await send(t, 'GET', '/api/v1/catalogue/dcat');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    const quads = parseRdf(r.body);
    const datasets = subjectsOfType(quads, DATASET);
    expect(datasets).toHaveLength(2);
    expect(r.headers['x-dataset-count']).toBe('2');
    expect(r.body).toContain(codes.open);
    expect(r.body).toContain(codes.conditional);
    expect(r.body).not.toContain(codes.closed);
    expect(r.body).not.toContain(codes.draft);
    expect(r.body).not.toContain('人口基本信息');
    expect(await shaclViolations(loadShapes(), quads)).toEqual([]);
    expect(invalidDates(quads)).toEqual([]);
    expect(untaggedChinese(quads)).toEqual([]);
  });

  it('negotiates JSON-LD by Accept or ?format, with the same datasets', async () => {
    for (const r of [
      await send(t, 'GET', '/api/v1/catalogue/dcat', { headers: { accept: 'application/ld+json' } }),
      await send(t, 'GET', '/api/v1/catalogue/dcat?format=jsonld', { headers: { accept: 'text/turtle' } }),
    ]) {
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/ld\+json/);
      const quads = await jsonLdToQuads(r.json<object>());
      expect(subjectsOfType(quads, DATASET)).toHaveLength(2);
      expect(await shaclViolations(loadShapes(), quads)).toEqual([]);
    }
    expect((await send(t, 'GET', '/api/v1/catalogue/dcat?format=xml')).statusCode).toBe(400);
  });

  it('withdrawal removes a resource from the public export', async () => {
    const id = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      openBody({ name: '临时开放数据', classification: { category: 'theme', item: '01', catalog: '009' } }),
    );
    const before = subjectsOfType(
      parseRdf((await send(t, 'GET', '/api/v1/catalogue/dcat')).body),
      DATASET,
    ).length;
    await send(t, 'POST', `/api/v1/catalogue/resources/${id}/withdraw`, {
      token: w.tokens.steward,
      payload: { reason: '停止开放' },
    });
    const after = subjectsOfType(
      parseRdf((await send(t, 'GET', '/api/v1/catalogue/dcat')).body),
      DATASET,
    ).length;
    expect(after).toBe(before - 1);
  });

  it('the full export needs a login and carries every published resource with its sharing attributes', async () => {
    expectError(await send(t, 'GET', '/api/v1/catalogue/export'), 401, 'UNAUTHENTICATED');
    const r = await send(t, 'GET', '/api/v1/catalogue/export', { token: w.tokens.consumer });
    expect(r.statusCode).toBe(200);
    const quads = parseRdf(r.body);
    expect(subjectsOfType(quads, DATASET)).toHaveLength(3);
    expect(r.body).toContain(codes.closed);
    expect(await shaclViolations(loadShapes(), quads)).toEqual([]);
    const json = (
      await send(t, 'GET', '/api/v1/catalogue/export?format=json', { token: w.tokens.consumer })
    ).json<{ code: string; share: unknown }[]>();
    expect(json.map((d) => d.code).sort()).toEqual([codes.open, codes.conditional, codes.closed].sort());
    expect(json.every((d) => d.share)).toBe(true);
  });
});
