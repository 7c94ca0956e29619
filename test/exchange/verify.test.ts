import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { buildExchangeWorld, PEOPLE, type ExchangeWorld } from './exchange-fixtures.js';

// Verification (核验, SCENARIOS S2/S3): yes or no inside the grant's row filter, never data; batches of up to
// 1,000 subjects counted against the quota; inputs in the evidence only as a keyed digest; enumeration alerts.

const engines = await testEngines();

describe.each(engines)('exchange verification on %s', (engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let token: string;
  let grantId: string;
  const V = (g: string) => `/api/v1/exchange/grants/${g}/verify`;
  const post = (url: string, payload: unknown) =>
    send(t, 'POST', url, { payload, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildExchangeWorld(t);
    token = await w.clientToken();
    // Verification only, on ID number and name (both masked for reading), inside gender 1.
    grantId = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['verification'] }),
      {
        items: [{ code: 'I001' }, { code: 'I002' }],
        methods: ['verification'],
        rowFilter: { eq: { item: 'I003', value: '1' } },
        dailyRowQuota: 1100,
      },
    );
  });
  afterAll(async () => t.close());

  it('answers yes only when one record inside the grant equals every value; returns no data', async () => {
    const [zhang, li] = [PEOPLE[0]!, PEOPLE[1]!];
    const yes = await post(V(grantId), { values: { I001: zhang.id_number, I002: zhang.name } });
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toEqual({ grantId, match: true });
    expect(yes.headers['x-orderly-signature']).toBeTruthy();
    // Wrong name; and 李四 exists but is outside the row filter (gender 2).
    expect((await post(V(grantId), { values: { I001: zhang.id_number, I002: '张三' } })).json()).toEqual({
      grantId,
      match: false,
    });
    expect((await post(V(grantId), { values: { I001: li.id_number, I002: li.name } })).json().match).toBe(
      false,
    );
    expect(yes.body).not.toContain(zhang.birth_date);
  });

  it('names the mismatching items only when the grant allows it, anchored on the record key', async () => {
    const detailed = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['verification'] }),
      {
        items: [{ code: 'I001' }, { code: 'I002' }, { code: 'I003' }],
        methods: ['verification'],
        rowFilter: { eq: { item: 'I003', value: '1' } },
        verifyDetail: true,
      },
    );
    const [zhang, li, wang] = [PEOPLE[0]!, PEOPLE[1]!, PEOPLE[2]!];
    const res = await post(V(detailed), {
      subjects: [
        { I001: zhang.id_number, I002: zhang.name },
        { I002: '张三', I001: zhang.id_number },
        { I001: zhang.id_number, I002: '张三', I003: '2' },
        { I001: '330106199912319999', I002: zhang.name },
        // 李四 exists, but outside the grant's row filter: as unknown as anyone else.
        { I001: li.id_number, I002: li.name },
        // No key item supplied: the first item anchors.
        { I002: wang.name, I003: '2' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grantId: detailed,
      results: [
        { match: true, mismatched: [] },
        { match: false, mismatched: ['I002'] },
        { match: false, mismatched: ['I002', 'I003'] },
        { match: false, mismatched: ['I001'] },
        { match: false, mismatched: ['I001'] },
        { match: false, mismatched: ['I003'] },
      ],
    });
    // Without the flag the answer stays yes/no.
    const plain = await post(V(grantId), { values: { I001: zhang.id_number, I002: '张三' } });
    expect(plain.json()).toEqual({ grantId, match: false });
    // The flag needs the verification method.
    await expect(
      issueGrant(
        t,
        await ctxOf(t, w.tokens.approver),
        partRequest(w, 'population', { clientIds: [w.clientId] }),
        {
          items: [{ code: 'I003' }],
          methods: ['api'],
          verifyDetail: true,
        },
      ),
    ).rejects.toMatchObject({ status: 422 });
  });

  it('checks a batch, counts subjects, and logs inputs only as a keyed digest', async () => {
    const subjects = PEOPLE.map((p) => ({ I001: p.id_number, I002: p.name }));
    const res = await post(V(grantId), { subjects });
    expect(res.json<{ results: { match: boolean }[] }>().results.map((r) => r.match)).toEqual(
      PEOPLE.map((p) => p.gender === '1'),
    );
    const ev = (
      await sql<{
        details: string;
      }>`select details from audit_events where id = ${String(res.headers['x-orderly-evidence-id'])}`.execute(
        t.platform.db.kysely,
      )
    ).rows[0]!;
    expect(JSON.parse(ev.details)).toMatchObject({ subjects: 6, matches: 4 });
    expect(JSON.parse(ev.details).inputDigest).toMatch(/^[0-9a-f]{64}$/);
    const all = (
      await sql<{ d: string }>`select details as d from audit_events`.execute(t.platform.db.kysely)
    ).rows
      .map((r) => r.d)
      .join('\n');
    for (const p of PEOPLE) {
      expect(all).not.toContain(p.id_number);
      expect(all).not.toContain(p.name);
    }
  });

  it('refuses items outside the grant, the records method, over-large batches and the spent quota', async () => {
    expect((await post(V(grantId), { values: { I004: '1980-01-01' } })).statusCode).toBe(403);
    const read = await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/records`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.json()).toMatchObject({ error: { details: { reason: 'METHOD_NOT_GRANTED' } } });
    const big = Array.from({ length: 1001 }, () => ({ I002: '某' }));
    expect((await post(V(grantId), { subjects: big })).statusCode).toBe(400);
    // 1,100 subjects a day: 7 used so far; 1,000 more fit, the next 100 do not.
    const batch = Array.from({ length: 1000 }, (_, i) => ({ I002: `姓名${i}` }));
    expect((await post(V(grantId), { subjects: batch })).statusCode).toBe(200);
    const over = await post(V(grantId), { subjects: batch.slice(0, 100) });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits per minute in subjects for verification and in calls for reads (429, Retry-After)', async () => {
    const limited = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['api', 'verification'] }),
      {
        items: [{ code: 'I002' }, { code: 'I003' }],
        methods: ['api', 'verification'],
        rateLimitPerMinute: 5,
      },
    );
    const four = Array.from({ length: 4 }, (_, i) => ({ I002: `姓名${i}` }));
    expect((await post(V(limited), { subjects: four })).statusCode).toBe(200);
    const over = await post(V(limited), { subjects: four.slice(0, 2) });
    expect(over.statusCode).toBe(429);
    const wait = Number(over.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(65);
    // One unit is left this minute: one read fits, the next does not.
    const read = (path = '') =>
      send(t, 'GET', `/api/v1/exchange/grants/${limited}/records${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(429);
    t.clock.advance(wait * 1000);
    expect((await post(V(limited), { subjects: four.slice(0, 1) })).statusCode).toBe(200);
  });

  it('raises an alert for sequential probing', async () => {
    const probe = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientId], methods: ['verification'] }),
      { items: [{ code: 'I001' }], methods: ['verification'] },
    );
    const subjects = Array.from({ length: 20 }, (_, i) => ({
      I001: `3301061980010100${String(i).padStart(2, '0')}`,
    }));
    expect((await post(V(probe), { subjects })).statusCode).toBe(200);
    const alerts = (await send(t, 'GET', '/api/v1/alerts', { token: w.tokens.secadmin })).json<
      { type: string; subject: { id: string } }[]
    >();
    expect(alerts.some((a) => a.type === 'exchange.verify.sequential' && a.subject.id === probe)).toBe(true);
  });

  it(
    "raises one volume alert when the day's verified subjects cross the threshold",
    { timeout: 120_000 },
    async () => {
      const busy = await issueGrant(
        t,
        await ctxOf(t, w.tokens.approver),
        partRequest(w, 'population', { clientIds: [w.clientId], methods: ['verification'] }),
        { items: [{ code: 'I002' }], methods: ['verification'] },
      );
      // Names, not numbers: no sequential pattern; 1,000 per call, the batch maximum.
      const batch = Array.from({ length: 1000 }, (_, i) => ({ I002: `姓名${(i * 7919) % 100_003}` }));
      const volumeAlerts = async () =>
        (await send(t, 'GET', '/api/v1/alerts', { token: w.tokens.secadmin }))
          .json<{ type: string; subject: { id: string } }[]>()
          .filter((a) => a.type === 'exchange.verify.volume' && a.subject.id === busy).length;
      for (let i = 0; i < 9; i++) expect((await post(V(busy), { subjects: batch })).statusCode).toBe(200);
      expect(await volumeAlerts()).toBe(0);
      expect((await post(V(busy), { subjects: batch })).statusCode).toBe(200); // 10,000: crossed
      expect(await volumeAlerts()).toBe(1);
      expect((await post(V(busy), { subjects: batch.slice(0, 10) })).statusCode).toBe(200);
      expect(await volumeAlerts()).toBe(1);
    },
  );
});
