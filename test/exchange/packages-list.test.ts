import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from '../sharing/grant-helpers.js';
import { buildExchangeWorld, type ExchangeWorld } from './exchange-fixtures.js';

// The package list (GET /api/v1/exchange/packages[?grantId=], docs/packages.md), as the console's 数据包 page
// reads it: the consumer organisation's packages — asked for by its users or its bound clients — newest first,
// narrowed to one grant on request, following the build's status; another organisation, the grant's provider
// included, sees none of them.

const engines = await testEngines();

interface Listed {
  id: string;
  grantId: string;
  resourceId: string;
  format: string;
  fields: string[];
  status: string;
  rows: number | null;
  bytes: number | null;
  createdAt: string;
  expiresAt: string | null;
}

describe.each(engines)('exchange package list on %s', (engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let grantA: string;
  let grantB: string;
  const made: string[] = [];

  const list = (token: string, query = '') => send(t, 'GET', `/api/v1/exchange/packages${query}`, { token });
  const ask = async (token: string, grantId: string, payload: unknown) => {
    const res = await send(t, 'POST', `/api/v1/exchange/grants/${grantId}/packages`, { token, payload });
    expect(res.statusCode).toBe(202);
    made.push(res.json<{ id: string }>().id);
    // Apart in time, so "newest first" is not decided by the id alone.
    t.clock.advance(1000);
  };

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildExchangeWorld(t);
    const approver = await ctxOf(t, w.tokens.approver);
    const grant = () =>
      issueGrant(
        t,
        approver,
        partRequest(w, 'population', { clientIds: [w.clientId], methods: ['api', 'package'] }),
        { items: [{ code: 'I001' }, { code: 'I002' }, { code: 'I003' }], methods: ['package'] },
      );
    grantA = await grant();
    grantB = await grant();
    const client = await w.clientToken();
    await ask(w.consumerB, grantA, { format: 'csv' });
    await ask(client, grantB, { format: 'ndjson', fields: ['I002', 'I003'] });
    await ask(w.consumerB, grantA, { format: 'csv', fields: ['I003'] });
  });
  afterAll(async () => t?.close());

  it("lists the organisation's packages newest first, whoever of it asked", async () => {
    const res = await list(w.consumerB);
    expect(res.statusCode).toBe(200);
    const items = res.json<Listed[]>();
    expect(items.map((p) => p.id)).toEqual([...made].reverse());
    expect(items[0]).toMatchObject({ grantId: grantA, format: 'csv', fields: ['I003'], status: 'queued' });
    expect(items[1]).toMatchObject({ grantId: grantB, format: 'ndjson', fields: ['I002', 'I003'] });
    expect(items[2]).toMatchObject({ grantId: grantA, fields: ['I001', 'I002', 'I003'], rows: null });
    expect(items.every((p) => p.resourceId === w.resources.population)).toBe(true);
    // The bound client reads the same list.
    expect((await list(await w.clientToken())).json<Listed[]>().map((p) => p.id)).toEqual(
      items.map((p) => p.id),
    );
  });

  it('narrows to one grant and limits the count', async () => {
    const a = (await list(w.consumerB, `?grantId=${grantA}`)).json<Listed[]>();
    expect(a.map((p) => p.id)).toEqual([made[2], made[0]]);
    const b = (await list(w.consumerB, `?grantId=${grantB}`)).json<Listed[]>();
    expect(b.map((p) => p.id)).toEqual([made[1]]);
    const one = (await list(w.consumerB, '?limit=1')).json<Listed[]>();
    expect(one.map((p) => p.id)).toEqual([made[2]]);
    expectError(await list(w.consumerB, '?grantId=nope'), 400, 'VALIDATION_FAILED');
    expectError(await list(w.consumerB, '?limit=0'), 400, 'VALIDATION_FAILED');
  });

  it('follows the build: ready with rows, bytes and expiry once the job ran', async () => {
    await t.platform.runner.drain();
    const items = (await list(w.consumerB, `?grantId=${grantA}`)).json<Listed[]>();
    for (const p of items) {
      expect(p.status).toBe('ready');
      // The grant has no row filter: all six persons.
      expect(p.rows).toBe(6);
      expect(p.bytes).toBeGreaterThan(0);
      expect(Date.parse(p.expiresAt!)).toBeGreaterThan(Date.parse(p.createdAt));
    }
  });

  it("shows another organisation none of them, the grant's provider included", async () => {
    for (const token of [w.tokens.approver, w.tokens.consumer]) {
      const res = await list(token);
      expect(res.statusCode).toBe(200);
      expect(res.json<Listed[]>()).toEqual([]);
      expect((await list(token, `?grantId=${grantA}`)).json<Listed[]>()).toEqual([]);
    }
    expect((await send(t, 'GET', '/api/v1/exchange/packages')).statusCode).toBe(401);
  });
});
