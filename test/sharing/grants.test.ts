import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, systemContext, type RequestContext } from '../../src/kernel/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import { auditRows, expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { checkScope, ctxOf, issueGrant, partRequest } from './grant-helpers.js';
import { buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

// Grants through the real service (scope rules, issue, evidence, notifications) and the HTTP edge (list,
// get, suspend, resume, revoke; 404 for other organisations, 403 for wrong roles).

const engines = await testEngines();

/** The violations of a rejected scope as `field:code`. */
async function rejected(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  expect(e.status).toBe(422);
  const v = (e.details as { violations: { field: string; code: string; message: string }[] }).violations;
  for (const x of v) expect(typeof x.message).toBe('string');
  return v.map((x) => `${x.field}:${x.code}`);
}

describe.each(engines)('grants on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let approverA: RequestContext;
  /** A 一般2 resource whose name item carries a default mask stronger than the policy's (none). */
  let lowNames: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    approverA = await ctxOf(t, w.tokens.approver);
    const base = populationBody();
    const items = (base.items as Record<string, unknown>[]).map((i) => ({ ...i, nationalLevel: 'general2' }));
    lowNames = await publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      populationBody({
        classification: { category: 'basic', item: '01', catalog: '005' },
        name: '人口统计',
        items,
      }),
    );
  });
  afterAll(async () => t.close());

  it('issues a grant: row, history, evidence with the scope digest, epoch bump, consumer notified', async () => {
    const req = partRequest(w, 'population', { items: ['I001', 'I003'], methods: ['api'] });
    const epoch = async () =>
      (await t.platform.db.kysely
        .selectFrom('sharing_grant_epoch' as never)
        .select('epoch' as never)
        .executeTakeFirst()) as unknown as { epoch: number };
    const before = Number((await epoch()).epoch);
    const id = await issueGrant(t, approverA, req, {
      items: [{ code: 'I001' }, { code: 'I003' }],
      rowFilter: { eq: { item: 'I003', value: '1' } },
      dailyRowQuota: 1000,
    });
    expect(Number((await epoch()).epoch)).toBe(before + 1);
    const ev = (await auditRows(t)).filter((r) => r.subject_id === id);
    expect(ev.map((r) => r.action)).toEqual(['sharing.grant.issue']);
    expect(JSON.parse(ev[0]!.details)).toMatchObject({
      applicationId: req.applicationId,
      partId: req.partId,
      items: 2,
    });
    const g = await send(t, 'GET', `/api/v1/sharing/grants/${id}`, { token: w.consumerB });
    expect(g.statusCode).toBe(200);
    expect(g.json()).toMatchObject({
      status: 'active',
      resourceId: w.resources.population,
      provider: { id: w.orgA, name: '测试市公安局' },
      consumer: { id: w.orgB },
      scope: {
        items: [
          { code: 'I001', mask: { kind: 'idNumber', keepFirst: 1, keepLast: 2 } },
          { code: 'I003', mask: { kind: 'clear' } },
        ],
        rowFilter: { eq: { item: 'I003', value: '1' } },
        methods: ['api'],
        dailyRowQuota: 1000,
        rateLimitPerMinute: null,
        clientIds: [w.clientB, w.clientB2],
        purpose: '最低生活保障资格审核',
      },
      history: [{ action: 'sharing.grant.issue', reason: null }],
    });
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.consumerB })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(inbox.items.some((m) => m.type === 'sharing.grant.issued' && m.subject.id === id)).toBe(true);
    expect(await t.platform.sharing.grants.forApplication(t.platform.db.kysely, req.applicationId)).toEqual([
      { grantId: id, partId: req.partId, status: 'active' },
    ]);
  });

  it('masks: strengthening is fine, loosening needs a reason, the policy minimum holds even with one', async () => {
    const req = partRequest(w, 'population');
    const strong = await checkScope(t, req, {
      items: [
        { code: 'I001', mask: { kind: 'hash' } },
        { code: 'I002', mask: { kind: 'null' } },
      ],
    });
    expect(strong.items.map((i) => i.mask)).toEqual([{ kind: 'hash' }, { kind: 'null' }]);
    expect(
      await rejected(
        checkScope(t, req, {
          items: [{ code: 'I001', mask: { kind: 'clear' } }],
          loosenReasons: { I001: '需要完整号码比对' },
        }),
      ),
    ).toEqual(['scope.items[0].mask:BELOW_POLICY_MINIMUM']);
    const low = partRequest(w, 'population', { resourceId: lowNames });
    expect(
      await rejected(checkScope(t, low, { items: [{ code: 'I002', mask: { kind: 'clear' } }] })),
    ).toEqual(['scope.items[0].mask:LOOSEN_REASON_REQUIRED']);
    const loosened = await checkScope(t, low, {
      items: [{ code: 'I002', mask: { kind: 'clear' } }],
      loosenReasons: { I002: '低保核对需要完整姓名比对' },
    });
    expect(loosened.loosenReasons).toEqual({ I002: '低保核对需要完整姓名比对' });
  });

  it('refuses scopes wider than the request, 不予共享 items, bad filters, foreign clients and bad shapes (422)', async () => {
    const req = partRequest(w, 'population', { items: ['I001'] });
    expect(await rejected(checkScope(t, req, { items: [{ code: 'I002' }] }))).toEqual([
      'scope.items[0].code:NOT_REQUESTED',
    ]);
    const crim = partRequest(w, 'criminal', { items: ['I001', 'I003'] });
    expect(await rejected(checkScope(t, crim, 'defaults'))).toEqual(['scope.items[1].code:NOT_SHAREABLE']);
    const v = await rejected(
      checkScope(t, partRequest(w, 'population'), {
        items: [{ code: 'I003' }],
        rowFilter: { eq: { item: 'I009', value: 1 } },
      }),
    );
    expect(v.some((f) => f.startsWith('scope.rowFilter') && f.endsWith(':UNKNOWN_ITEM'))).toBe(true);
    // A client of another organisation named by the request is refused at decision time.
    const foreign = partRequest(w, 'population', { clientIds: [w.clientA] });
    expect(await rejected(checkScope(t, foreign, { items: [{ code: 'I003' }] }))).toEqual([
      'scope.clientIds[0]:CLIENT_INACTIVE',
    ]);
    expect(
      (await rejected(checkScope(t, req, { items: [{ code: 'I001' }], dailyRowQuota: 0, sql: 'x' }))).sort(),
    ).toEqual(['scope.dailyRowQuota:TOO_SMALL', 'scope:UNRECOGNIZED_KEYS']);
    expect(
      await rejected(
        checkScope(t, partRequest(w, 'population', { resourceId: w.resources.property }), 'defaults'),
      ),
    ).toEqual(['resourceId:NOT_PUBLISHED']);
  });

  it('builds 无条件共享 defaults and lets the platform issue them', async () => {
    const req = partRequest(w, 'libraries', {
      items: ['I001', 'I002'],
      methods: ['api', 'package'],
      durationDays: 30,
    });
    const scope = await checkScope(t, req, 'defaults');
    expect(scope).toMatchObject({
      methods: ['api', 'package'],
      rowFilter: null,
      validFrom: '2026-03-02',
      validUntil: '2026-03-31',
    });
    const id = await issueGrant(t, systemContext('system:sharing', 'r1'), req);
    const g = (await send(t, 'GET', `/api/v1/sharing/grants/${id}`, { token: w.tokens.auditor })).json<{
      status: string;
    }>();
    expect(g.status).toBe('active');
  });

  it('only the provider approver, the bureau or the platform may issue', async () => {
    const req = partRequest(w, 'population');
    const consumer = await ctxOf(t, w.consumerB);
    await expect(issueGrant(t, consumer, req)).rejects.toMatchObject({ status: 403 });
    const otherApprover = await ctxOf(t, w.approverC);
    await expect(issueGrant(t, otherApprover, req)).rejects.toMatchObject({ status: 403 });
    await expect(issueGrant(t, await ctxOf(t, w.tokens.reviewer), req)).resolves.toBeTypeOf('string');
  });

  it('lists by box and status for parties; platform readers see all; others see nothing', async () => {
    const id = await issueGrant(t, approverA, partRequest(w, 'population'));
    const ids = async (token: string, q = '') =>
      (await send(t, 'GET', `/api/v1/sharing/grants${q}`, { token })).json<{
        items: { id: string }[];
        total: number;
      }>();
    expect((await ids(w.consumerB, '?box=consumer')).items.map((g) => g.id)).toContain(id);
    expect((await ids(w.consumerB, '?box=provider')).items.map((g) => g.id)).not.toContain(id);
    expect((await ids(w.tokens.approver, '?box=provider&status=active')).items.map((g) => g.id)).toContain(
      id,
    );
    expect((await ids(w.tokens.approver, '?status=revoked')).items.map((g) => g.id)).not.toContain(id);
    expect((await ids(w.approverC)).items.map((g) => g.id)).not.toContain(id);
    const all = await ids(w.tokens.reviewer, '?limit=2');
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect((await ids(w.tokens.auditor)).items.map((g) => g.id)).toContain(id);
    expectError(
      await send(t, 'GET', '/api/v1/sharing/grants', { token: w.tokens.analyst }),
      403,
      'FORBIDDEN',
    );
  });

  it('another organisation gets 404, a party without the deciding role 403', async () => {
    const id = await issueGrant(t, approverA, partRequest(w, 'population'));
    expectError(
      await send(t, 'GET', `/api/v1/sharing/grants/${id}`, { token: w.approverC }),
      404,
      'NOT_FOUND',
    );
    const reason = { reason: '核查' };
    expectError(
      await send(t, 'POST', `/api/v1/sharing/grants/${id}/suspend`, { token: w.approverC, payload: reason }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await send(t, 'POST', `/api/v1/sharing/grants/${id}/revoke`, { token: w.consumerB, payload: reason }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'POST', `/api/v1/sharing/grants/${id}/suspend`, {
        token: w.tokens.steward,
        payload: reason,
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'POST', `/api/v1/sharing/grants/${id}/suspend`, {
        token: w.tokens.auditor,
        payload: reason,
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'POST', `/api/v1/sharing/grants/${id}/suspend`, {
        token: w.tokens.approver,
        payload: {},
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('suspends, resumes and revokes with reasons; revoke is final', async () => {
    const id = await issueGrant(t, approverA, partRequest(w, 'population'));
    const post = (verb: string, token: string) =>
      send(t, 'POST', `/api/v1/sharing/grants/${id}/${verb}`, { token, payload: { reason: `${verb} 原因` } });
    const s = await post('suspend', w.tokens.approver);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ status: 'suspended', statusReason: 'suspend 原因' });
    expectError(await post('suspend', w.tokens.approver), 409, 'CONFLICT');
    expect((await post('resume', w.tokens.reviewer)).json()).toMatchObject({ status: 'active' });
    expectError(await post('resume', w.tokens.approver), 409, 'CONFLICT');
    const r = await post('revoke', w.tokens.reviewer);
    expect(r.json()).toMatchObject({ status: 'revoked' });
    expect(r.json<{ history: { action: string }[] }>().history.map((h) => h.action)).toEqual([
      'sharing.grant.issue',
      'sharing.grant.suspend',
      'sharing.grant.resume',
      'sharing.grant.revoke',
    ]);
    expectError(await post('resume', w.tokens.approver), 409, 'CONFLICT');
    expectError(await post('revoke', w.tokens.approver), 409, 'CONFLICT');
    const ev = (await auditRows(t)).filter((a) => a.subject_id === id).map((a) => a.action);
    expect(ev).toEqual([
      'sharing.grant.issue',
      'sharing.grant.suspend',
      'sharing.grant.resume',
      'sharing.grant.revoke',
    ]);
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.tokens.approver })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(
      inbox.items
        .filter((m) => m.subject.id === id)
        .map((m) => m.type)
        .sort(),
    ).toEqual(['sharing.grant.active', 'sharing.grant.revoked', 'sharing.grant.suspended']);
  });
});
