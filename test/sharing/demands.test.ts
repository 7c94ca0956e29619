import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { auditRows, expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf } from './grant-helpers.js';
import { buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

// The demand list (需求清单): post → route (deadline in working days) → answer | close; who sees what (404 for
// other organisations, 403 for wrong roles), evidence and notifications, and the overdue escalation.

const engines = await testEngines();

describe.each(engines)('demands on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  const base = '/api/v1/sharing/demands';

  const post = async (over: Record<string, unknown> = {}) => {
    const r = await send(t, 'POST', base, {
      token: w.consumerB,
      payload: {
        title: '残疾人证信息',
        purpose: '低保家庭成员残疾情况核对',
        description: '需要证号和等级',
        ...over,
      },
    });
    expect(r.statusCode).toBe(201);
    return r.json<{ id: string; status: string }>().id;
  };
  const act = (id: string, verb: string, token: string, payload: unknown) =>
    send(t, 'POST', `${base}/${id}/${verb}`, { token, payload });
  const routeToA = async (id: string) => {
    const r = await act(id, 'route', w.tokens.reviewer, { providerOrgId: w.orgA, comment: '请公安局答复' });
    expect(r.statusCode).toBe(200);
    return r.json<{ status: string; deadline: { dueDate: string; dueAt: string; sla: string } }>();
  };
  const actions = async (id: string) =>
    (await auditRows(t)).filter((a) => a.subject_id === id).map((a) => a.action);

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
  });
  afterAll(async () => t.close());

  it('a consumer posts a demand; the bureau hears of it; only parties and platform readers see it', async () => {
    const id = await post({ suggestedOrgId: w.orgC });
    const g = await send(t, 'GET', `${base}/${id}`, { token: w.consumerB });
    expect(g.json()).toMatchObject({
      status: 'open',
      consumer: { id: w.orgB, name: '测试市民政局' },
      suggestedOrg: { id: w.orgC },
      provider: null,
      deadline: null,
      history: [{ action: 'sharing.demand.create' }],
    });
    expect(await actions(id)).toEqual(['sharing.demand.create']);
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.tokens.reviewer })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(inbox.items.some((m) => m.type === 'sharing.demand.created' && m.subject.id === id)).toBe(true);
    expect((await send(t, 'GET', `${base}/${id}`, { token: w.tokens.auditor })).statusCode).toBe(200);
    expect((await send(t, 'GET', `${base}/${id}`, { token: w.tokens.org_admin_b })).statusCode).toBe(200);
    // The suggested organisation is not a party until the bureau routes the demand to it.
    expectError(await send(t, 'GET', `${base}/${id}`, { token: w.approverC }), 404, 'NOT_FOUND');
    expectError(await send(t, 'GET', `${base}/${id}`, { token: w.tokens.approver }), 404, 'NOT_FOUND');
  });

  it('refuses posts by other roles and bad input', async () => {
    const bad = { title: 'x', purpose: 'y' };
    expectError(await send(t, 'POST', base, { token: w.tokens.org_admin_b, payload: bad }), 403, 'FORBIDDEN');
    expectError(await send(t, 'POST', base, { token: w.tokens.reviewer, payload: bad }), 403, 'FORBIDDEN');
    expectError(
      await send(t, 'POST', base, { token: w.consumerB, payload: { title: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    const e = expectError(
      await send(t, 'POST', base, {
        token: w.consumerB,
        payload: { ...bad, suggestedOrgId: '01900000-0000-7000-8000-000000000000' },
      }),
      422,
      'UNPROCESSABLE',
    );
    expect(e.details).toMatchObject({ violations: [{ field: 'suggestedOrgId', code: 'UNKNOWN_ORG' }] });
  });

  it('the bureau routes it with a working-day deadline; the provider answers that the data exists', async () => {
    const id = await post();
    expectError(await act(id, 'route', w.consumerB, { providerOrgId: w.orgA }), 403, 'FORBIDDEN');
    const self = expectError(
      await act(id, 'route', w.tokens.reviewer, { providerOrgId: w.orgB }),
      422,
      'UNPROCESSABLE',
    );
    expect(self.details).toMatchObject({ violations: [{ field: 'providerOrgId' }] });
    const routed = await routeToA(id);
    // Routed Monday 2026-03-02: five working days → Monday 2026-03-09, 24:00 local.
    expect(routed).toMatchObject({
      status: 'routed',
      deadline: { dueDate: '2026-03-09', dueAt: '2026-03-09T16:00:00.000Z', sla: 'green' },
    });
    expectError(await act(id, 'route', w.tokens.reviewer, { providerOrgId: w.orgC }), 409, 'CONFLICT');
    // Now org A is a party: its approver sees it and is told.
    expect((await send(t, 'GET', `${base}/${id}`, { token: w.tokens.approver })).statusCode).toBe(200);
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.tokens.approver })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(inbox.items.some((m) => m.type === 'sharing.demand.routed' && m.subject.id === id)).toBe(true);

    expectError(await act(id, 'answer', w.consumerB, { answer: 'cannot', reason: 'x' }), 403, 'FORBIDDEN');
    expectError(
      await act(id, 'answer', w.tokens.steward, { answer: 'cannot', reason: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectError(await act(id, 'answer', w.approverC, { answer: 'cannot', reason: 'x' }), 404, 'NOT_FOUND');
    const foreign = expectError(
      await act(id, 'answer', w.tokens.approver, { answer: 'exists', resourceId: w.resources.property }),
      422,
      'UNPROCESSABLE',
    );
    expect(foreign.details).toMatchObject({ violations: [{ field: 'resourceId', code: 'NOT_PUBLISHED' }] });
    expectError(await act(id, 'answer', w.tokens.approver, { answer: 'exists' }), 400, 'VALIDATION_FAILED');
    const a = await act(id, 'answer', w.tokens.approver, {
      answer: 'exists',
      resourceId: w.resources.population,
      comment: '请按目录申请',
    });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({
      status: 'answered',
      answer: { kind: 'exists', resourceId: w.resources.population, comment: '请按目录申请' },
    });
    expectError(
      await act(id, 'answer', w.tokens.approver, { answer: 'cannot', reason: '重复' }),
      409,
      'CONFLICT',
    );
    expectError(await act(id, 'close', w.consumerB, { reason: '已解决' }), 409, 'CONFLICT');
    expect(await actions(id)).toEqual([
      'sharing.demand.create',
      'sharing.demand.route',
      'sharing.demand.answer',
    ]);
    const consumerInbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.consumerB })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(consumerInbox.items.some((m) => m.type === 'sharing.demand.answered' && m.subject.id === id)).toBe(
      true,
    );
  });

  it('answers will_publish with a date not in the past, or cannot with a reason', async () => {
    const one = await post();
    await routeToA(one);
    const past = expectError(
      await act(one, 'answer', w.tokens.approver, { answer: 'will_publish', expectedDate: '2026-03-01' }),
      422,
      'UNPROCESSABLE',
    );
    expect(past.details).toMatchObject({ violations: [{ field: 'expectedDate', code: 'IN_THE_PAST' }] });
    const ok = await act(one, 'answer', w.tokens.approver, {
      answer: 'will_publish',
      expectedDate: '2026-06-30',
    });
    expect(ok.json()).toMatchObject({ answer: { kind: 'will_publish', expectedDate: '2026-06-30' } });
    const two = await post();
    await routeToA(two);
    expectError(await act(two, 'answer', w.tokens.approver, { answer: 'cannot' }), 400, 'VALIDATION_FAILED');
    const no = await act(two, 'answer', w.tokens.approver, {
      answer: 'cannot',
      reason: '该数据不在本部门职责范围内',
    });
    expect(no.json()).toMatchObject({ answer: { kind: 'cannot', reason: '该数据不在本部门职责范围内' } });
  });

  it('the consumer or the bureau closes open and routed demands with a reason; the provider may not', async () => {
    const open = await post();
    expectError(await act(open, 'close', w.consumerB, {}), 400, 'VALIDATION_FAILED');
    expectError(await act(open, 'close', w.tokens.org_admin_b, { reason: 'x' }), 403, 'FORBIDDEN');
    const c = await act(open, 'close', w.consumerB, { reason: '需求已通过其他渠道满足' });
    expect(c.json()).toMatchObject({ status: 'closed', closed: { reason: '需求已通过其他渠道满足' } });
    expectError(await act(open, 'route', w.tokens.reviewer, { providerOrgId: w.orgA }), 409, 'CONFLICT');
    const routed = await post();
    await routeToA(routed);
    expectError(await act(routed, 'close', w.tokens.approver, { reason: 'x' }), 403, 'FORBIDDEN');
    expect((await act(routed, 'close', w.tokens.reviewer, { reason: '重复需求' })).json()).toMatchObject({
      status: 'closed',
    });
    expect(await actions(routed)).toEqual([
      'sharing.demand.create',
      'sharing.demand.route',
      'sharing.demand.close',
    ]);
  });

  it('lists by box and status', async () => {
    const id = await post();
    await routeToA(id);
    const ids = async (token: string, q = '') =>
      (await send(t, 'GET', `${base}${q}`, { token }))
        .json<{ items: { id: string }[]; total: number }>()
        .items.map((d) => d.id);
    expect(await ids(w.consumerB, '?box=consumer&status=routed')).toContain(id);
    expect(await ids(w.consumerB, '?box=provider')).not.toContain(id);
    expect(await ids(w.tokens.approver, '?box=provider')).toContain(id);
    expect(await ids(w.tokens.approver, '?status=closed')).not.toContain(id);
    expect(await ids(w.approverC)).not.toContain(id);
    expect(await ids(w.tokens.reviewer, '?status=routed')).toContain(id);
    expectError(await send(t, 'GET', base, { token: w.tokens.analyst }), 403, 'FORBIDDEN');
  });

  it('escalates an overdue routed demand once: alert for the provider approvers, bureau told, SLA red', async () => {
    const id = await post();
    const approver = await ctxOf(t, w.tokens.approver);
    const reviewer = await ctxOf(t, w.tokens.reviewer);
    await routeToA(id);
    const demands = t.platform.sharing.demands;
    expect((await demands.get(approver, id)).deadline).toMatchObject({ sla: 'green', workingDaysLeft: 5 });
    t.clock.set('2026-03-09T01:00:00.000Z'); // the due date, local morning
    expect((await demands.get(approver, id)).deadline).toMatchObject({ sla: 'amber', workingDaysLeft: 0 });
    expect((await demands.sweepOnce()).escalated).toBe(0);
    t.clock.set('2026-03-09T16:00:00.000Z'); // 24:00 local: overdue
    expect((await demands.sweepOnce()).escalated).toBeGreaterThanOrEqual(1);
    expect(await demands.sweepOnce()).toEqual({ escalated: 0 });
    const d = await demands.get(approver, id);
    expect(d.deadline).toMatchObject({ sla: 'red' });
    expect(d.escalatedAt).toBe('2026-03-09T16:00:00.000Z');
    expect(d.history.map((h) => h.action)).toContain('sharing.demand.escalate');
    expect(await actions(id)).toContain('sharing.demand.escalate');
    const alerts = await t.platform.alerts.list(approver);
    expect(
      alerts.some((a) => a.type === 'sharing.overdue' && a.subject.id === id && a.orgId === w.orgA),
    ).toBe(true);
    const inbox = await t.platform.notifications.inbox(reviewer);
    expect(inbox.items.some((m) => m.type === 'sharing.demand.escalated' && m.subject.id === id)).toBe(true);
    // Answering late is still possible: escalation decides nothing.
    const late = await demands.answer(approver, id, { answer: 'cannot', reason: '无此数据' });
    expect(late.status).toBe('answered');
  });
});
