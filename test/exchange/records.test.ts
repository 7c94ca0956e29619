import { flattenedVerify, importSPKI } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedJws, type PublicKeyInfo } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { login, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { buildExchangeWorld, PEOPLE, type ExchangeWorld } from './exchange-fixtures.js';

// The governed read end to end over HTTP: a bound API client reads a grant's records — projected, filtered by
// the grant's row filter and its own, masked, paged, signed over the exact body, and recorded (one access
// event per successful response). Everything outside the grant is refused without data.

const engines = await testEngines();

describe.each(engines)('exchange records on %s', (engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let token: string;
  let clientId: string;
  let grantId: string;
  const R = (g: string) => `/api/v1/exchange/grants/${g}/records`;
  const get = (url: string, headers: Record<string, string> = {}) =>
    send(t, 'GET', url, { headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildExchangeWorld(t);
    clientId = w.clientId;
    token = await w.clientToken();
    grantId = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [clientId, w.clientB] }),
      {
        items: [
          { code: 'I001' },
          { code: 'I002' },
          { code: 'I003' },
          { code: 'I004', mask: { kind: 'dateToYear' } },
        ],
        rowFilter: { eq: { item: 'I003', value: '1' } },
      },
    );
  });
  afterAll(async () => t.close());

  const accessEvents = async () =>
    Number(
      (
        await sql<{
          n: number | string;
        }>`select count(*) as n from audit_events where action = 'exchange.records'`.execute(
          t.platform.db.kysely,
        )
      ).rows[0]!.n,
    );

  it('returns only the grant: its rows, its items, masked; signed and recorded', async () => {
    const before = await accessEvents();
    const res = await get(R(grantId), { 'x-orderly-case-id': 'DB-2026-0001', 'x-orderly-user-id': 'u-778' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ grantId: string; items: Record<string, unknown>[]; next: string | null }>();
    expect(body.grantId).toBe(grantId);
    // The row filter (gender = 1) admits four of six persons.
    expect(body.items).toHaveLength(4);
    for (const row of body.items) {
      expect(Object.keys(row).sort()).toEqual(['I001', 'I002', 'I003', 'I004']);
      expect(row.I003).toBe('1');
      expect(String(row.I001)).toMatch(/\*/);
      expect(String(row.I001)).not.toBe(PEOPLE.find((p) => p.gender === '1')!.id_number);
      expect(String(row.I004)).toMatch(/^(19|20)\d{2}$/);
    }
    // No clear ID number or full name anywhere in the body.
    for (const p of PEOPLE) {
      expect(res.body).not.toContain(p.id_number);
      expect(res.body).not.toContain(p.birth_date);
    }
    // The signature covers the exact body bytes, under the platform's published response key.
    const keys = (await send(t, 'GET', '/api/v1/platform/keys')).json<
      { purpose: string; id: string; alg: string; publicKeyPem: string }[]
    >();
    const keyFor = (kid: string): PublicKeyInfo | undefined => {
      const k = keys.find((x) => x.purpose === 'response' && x.id === kid);
      return k && { alg: k.alg as PublicKeyInfo['alg'], publicPem: k.publicKeyPem };
    };
    const jws = String(res.headers['x-orderly-signature']);
    expect(verifyDetachedJws(jws, res.rawPayload, keyFor).ok).toBe(true);
    expect(verifyDetachedJws(jws, Buffer.concat([res.rawPayload, Buffer.from(' ')]), keyFor).ok).toBe(false);
    // And by an independent implementation (jose, RFC 7797 unencoded payload) over the same bytes.
    const [protectedHeader, , signature] = jws.split('.');
    const kid = (JSON.parse(Buffer.from(protectedHeader!, 'base64url').toString()) as { kid: string }).kid;
    const pub = await importSPKI(keyFor(kid)!.publicPem, 'EdDSA');
    const checked = await flattenedVerify(
      { protected: protectedHeader!, payload: res.rawPayload, signature: signature! },
      pub,
    );
    expect(Buffer.from(checked.payload).equals(res.rawPayload)).toBe(true);
    // One access event, durable before the response: it names the client, case, user, fields and rows.
    expect(await accessEvents()).toBe(before + 1);
    const ev = (
      await sql<{
        id: string;
        actor_id: string;
        details: string;
      }>`select id, actor_id, details from audit_events
        where id = ${String(res.headers['x-orderly-evidence-id'])}`.execute(t.platform.db.kysely)
    ).rows[0]!;
    expect(ev.actor_id).toBe(clientId);
    expect(JSON.parse(ev.details)).toMatchObject({
      caseId: 'DB-2026-0001',
      userId: 'u-778',
      rows: 4,
      fields: 'I001,I002,I003,I004',
    });
  });

  it('projects fields, pages with a cursor and narrows with the consumer filter on clear items', async () => {
    const p1 = (await get(`${R(grantId)}?fields=I003,I004&limit=3`)).json<{
      items: object[];
      next: string;
    }>();
    expect(p1.items).toHaveLength(3);
    expect(Object.keys(p1.items[0]!).sort()).toEqual(['I003', 'I004']);
    const p2 = (await get(`${R(grantId)}?fields=I003,I004&limit=3&cursor=${p1.next}`)).json<{
      items: object[];
      next: string | null;
    }>();
    expect(p2.items).toHaveLength(1);
    expect(p2.next).toBeNull();
    const filter = encodeURIComponent(JSON.stringify({ range: { item: 'I004', from: '1990-01-01' } }));
    const narrowed = (await get(`${R(grantId)}?filter=${filter}`)).json<{ items: object[] }>();
    // I004 is masked (year only): filtering on it would reveal it.
    expect(narrowed).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const ok = encodeURIComponent(JSON.stringify({ eq: { item: 'I003', value: '2' } }));
    // The consumer's filter is ANDed with the grant's: gender 2 ∧ gender 1 is empty.
    expect((await get(`${R(grantId)}?filter=${ok}`)).json<{ items: object[] }>().items).toEqual([]);
  });

  it('sorts by clear items, either way, across pages; never by a masked or encrypted item', async () => {
    const sorted = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [clientId] }),
      {
        items: [{ code: 'I001' }, { code: 'I003' }, { code: 'I004', mask: { kind: 'clear' } }],
        loosenReasons: { I004: '入学年龄核对需要完整出生日期' },
      },
    );
    const pages = async (query: string) => {
      const out: Record<string, string>[] = [];
      let cursor = '';
      for (;;) {
        const res = await get(`${R(sorted)}?${query}&limit=4${cursor && `&cursor=${cursor}`}`);
        expect(res.statusCode).toBe(200);
        const body = res.json<{ items: Record<string, string>[]; next: string | null }>();
        out.push(...body.items);
        if (!body.next) return out;
        cursor = body.next;
      }
    };
    const births = PEOPLE.map((p) => p.birth_date).sort();
    expect((await pages('fields=I004&sort=-I004')).map((r) => r.I004)).toEqual([...births].reverse());
    const byGender = await pages('fields=I003,I004&sort=I003,-I004');
    expect(byGender.map((r) => `${r.I003} ${r.I004}`)).toEqual(
      PEOPLE.map((p) => `${p.gender} ${p.birth_date}`).sort((a, b) =>
        a.slice(0, 1) !== b.slice(0, 1) ? (a < b ? -1 : 1) : a < b ? 1 : -1,
      ),
    );
    // Sorting by a masked item would reveal its order; an encrypted one has none to offer.
    const masked = await get(`${R(grantId)}?sort=I004`);
    expect(masked.statusCode).toBe(403);
    const encrypted = await get(`${R(sorted)}?sort=I001`);
    expect(encrypted.statusCode).toBe(403);
    expect((await get(`${R(sorted)}?sort=I003,I003`)).statusCode).toBe(400);
    expect((await get(`${R(sorted)}?sort=I003,I004,I001,I002`)).statusCode).toBe(400);
  });

  it('refuses what is outside the grant, without data, and records nothing for refusals', async () => {
    const before = await accessEvents();
    const outside = await get(`${R(grantId)}?fields=I001,I009`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const masked = await get(
      `${R(grantId)}?filter=${encodeURIComponent(JSON.stringify({ eq: { item: 'I001', value: PEOPLE[0]!.id_number } }))}`,
    );
    expect(masked.statusCode).toBe(403);
    expect(masked.body).not.toContain(PEOPLE[0]!.id_number.slice(6));
    expect((await get(`${R(grantId)}?filter=not-json`)).statusCode).toBe(400);
    expect((await get(`${R(grantId)}?limit=1001`)).statusCode).toBe(400);
    expect((await get(`${R(grantId)}`, { 'x-orderly-case-id': 'bad\u0001' })).statusCode).toBe(400);
    // Users other than the consumer organisation's consumers: its org_admin 403, another organisation's
    // consumer 404; anonymous callers 401.
    const admin = await send(t, 'GET', R(grantId), { token: w.tokens.org_admin_b });
    expect(admin.json()).toMatchObject({ error: { details: { reason: 'NOT_CONSUMER' } } });
    expect((await send(t, 'GET', R(grantId), { token: w.tokens.consumer })).statusCode).toBe(404);
    expect((await send(t, 'GET', R(grantId))).statusCode).toBe(401);
    expect(await accessEvents()).toBe(before);
  });

  it('lets a consumer user of the consumer organisation browse through the same checks ("my data")', async () => {
    const before = await accessEvents();
    const res = await send(t, 'GET', `${R(grantId)}?fields=I001,I003`, { token: w.consumerB });
    expect(res.statusCode).toBe(200);
    const rows = res.json<{ items: { I001: string }[] }>().items;
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.I001.includes('*'))).toBe(true);
    // Recorded with the user's identity.
    const ev = (
      await sql<{ actor_kind: string; actor_id: string }>`select actor_kind, actor_id from audit_events
        where id = ${String(res.headers['x-orderly-evidence-id'])}`.execute(t.platform.db.kysely)
    ).rows[0]!;
    expect(ev).toEqual({ actor_kind: 'user', actor_id: w.consumerBId });
    expect(await accessEvents()).toBe(before + 1);
  });

  it('denies a client not bound to the grant, and every client after a revoke', async () => {
    const other = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [w.clientB] }),
      { items: [{ code: 'I003' }] },
    );
    const unbound = await get(R(other));
    expect(unbound.statusCode).toBe(403);
    expect(unbound.json()).toMatchObject({ error: { details: { reason: 'UNBOUND_CLIENT' } } });
    const revoked = await send(t, 'POST', `/api/v1/sharing/grants/${grantId}/revoke`, {
      token: w.tokens.approver,
      payload: { reason: '核对工作结束' },
    });
    expect(revoked.statusCode).toBe(200);
    const after = await get(R(grantId));
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ error: { details: { reason: 'REVOKED' } } });
    expect((await send(t, 'GET', R(grantId), { token: w.consumerB })).statusCode).toBe(403);
  });

  it('enforces the daily row quota with 429 and Retry-After until Shanghai midnight', async () => {
    const quota = await issueGrant(
      t,
      await ctxOf(t, w.tokens.approver),
      partRequest(w, 'population', { clientIds: [clientId] }),
      { items: [{ code: 'I003' }], dailyRowQuota: 5 },
    );
    const a = (await get(`${R(quota)}?limit=4`)).json<{ items: object[] }>();
    expect(a.items).toHaveLength(4);
    // One row left today: the page is cut to it.
    const b = (await get(`${R(quota)}?limit=4`)).json<{ items: object[] }>();
    expect(b.items).toHaveLength(1);
    const c = await get(`${R(quota)}?limit=4`);
    expect(c.statusCode).toBe(429);
    expect(Number(c.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(c.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    t.clock.advance(86_400_000);
    // A new day in Shanghai: the quota is fresh (a new token, as the old one expired with the clock).
    token = await w.clientToken();
    expect((await get(`${R(quota)}?limit=4`)).json<{ items: object[] }>().items).toHaveLength(4);
  });

  it('shows providers and consumers who accessed what, when and for which case; one row per access event', async () => {
    // The quota test moved the clock a day: log in afresh.
    const [approver, consumerB, approverC, reviewer] = await Promise.all(
      ['w.approver', 'w.consumer-b', 'w.approver-c', 'w.reviewer'].map((u) => login(t, u)),
    );
    const list = async (token: string, box: string) =>
      send(t, 'GET', `/api/v1/exchange/access?box=${box}`, { token });
    const provider = (await list(approver!, 'provider')).json<{
      items: {
        grantId: string;
        caseId: string | null;
        userRef: string | null;
        rows: number;
        caller: { kind: string };
      }[];
    }>().items;
    expect(provider.length).toBe(await accessEvents());
    expect(provider.some((a) => a.caseId === 'DB-2026-0001' && a.userRef === 'u-778' && a.rows === 4)).toBe(
      true,
    );
    expect(provider.some((a) => a.caller.kind === 'user')).toBe(true);
    const consumer = (await list(consumerB!, 'consumer')).json<{ items: unknown[] }>().items;
    expect(consumer).toHaveLength(provider.length);
    // 自然资源和规划局 provides none of these; a department cannot see everything; the bureau can.
    expect((await list(approverC!, 'provider')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await list(consumerB!, 'all')).statusCode).toBe(403);
    expect((await list(reviewer!, 'all')).json<{ items: unknown[] }>().items).toHaveLength(provider.length);
  });
});
