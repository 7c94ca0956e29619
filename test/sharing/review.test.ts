import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  decide,
  eventsOf,
  getApp,
  inbox,
  ok,
  post,
  recompute,
  submitted,
  violations,
  type AppView,
} from './applications-support.js';
import { applicationBody, buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

const engines = await testEngines();

// Reviews (docs/sharing.md "States", "Refusal, dispute, mediation"): provider decisions with scopes checked
// and issued by grants in the same transaction, return for amendment and resubmission, the bureau's
// pre-review, disputes and final mediation, and the evidence each decision leaves.
describe.each(engines)('sharing reviews on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let R: SharingWorld['resources'];
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    R = w.resources;
  });
  afterAll(async () => t.close());

  const pop = () => ({ resourceId: R.population, items: ['I001', 'I002', 'I003'], methods: ['api'] });
  const prop = () => ({ resourceId: R.property, items: ['I001', 'I003'], methods: ['api'] });
  const approve = (items: string[], extra: Record<string, unknown> = {}) => ({
    decision: 'approve',
    scope: { items: items.map((code) => ({ code })), ...extra },
  });

  it('two providers: one approves with narrowed items, the other returns; amend, resubmit, approve', async () => {
    const app = await submitted(t, w, [pop(), prop()]);
    const a = await ok(decide(t, w.tokens.approver, app, 0, approve(['I001', 'I003'])));
    expect(a.status).toBe('review');
    expect(a.parts[0]).toMatchObject({
      status: 'approved',
      decision: { decision: 'approve', by: w.ids.approver },
    });
    expect(a.parts[0]!.deadline).toBeNull();
    expect(a.grants).toHaveLength(1);

    const r = await ok(
      decide(t, w.approverC, app, 1, { decision: 'return', comment: '请补充不动产核对的法律依据' }),
    );
    expect(r).toMatchObject({
      status: 'returned',
      returned: { from: 'review', comment: '请补充不动产核对的法律依据' },
    });
    expect(r.parts[1]!.deadline).toMatchObject({ sla: 'paused', remainingWorkingDays: 10 });
    expect((await inbox(t, w.consumerB)).some((m) => m.type === 'sharing.application.returned')).toBe(true);
    // While returned nobody decides.
    expectError(await decide(t, w.approverC, app, 1, approve(['I001'])), 409, 'CONFLICT');

    // The decided part may not be amended; the pending one may.
    const amend = (parts: { resourceId: string; items: string[]; methods: string[] }[]) =>
      send(t, 'PUT', `/api/v1/sharing/applications/${app.id}`, {
        token: w.consumerB,
        payload: applicationBody(w, parts, {
          basis: '《社会救助暂行办法》第十一条；《不动产登记暂行条例》第二十七条',
        }),
      });
    expect(violations(await amend([pop(), prop()]))).toEqual([['parts[0].resourceId', 'PART_DECIDED']]);
    const amended = await ok(amend([{ ...prop(), items: ['I001', 'I003', 'I004'] }]));
    expect(amended.parts.map((p) => p.status)).toEqual(['approved', 'pending']);
    expect(amended.parts[1]!.id).toBe(app.parts[1]!.id);

    const again = await ok(post(t, w.consumerB, `/applications/${app.id}/submit`));
    expect(again).toMatchObject({ status: 'review', submissions: 2 });
    expect(again.parts[1]!.deadline).toMatchObject({
      sla: 'green',
      pausedAt: null,
      remainingWorkingDays: 10,
    });

    const done = await ok(decide(t, w.approverC, app, 1, approve(['I001', 'I004'])));
    expect(done.status).toBe('decided');
    expect(done.grants).toHaveLength(2);
    expect(done.history.map((h) => h.action)).toEqual([
      'sharing.application.create',
      'sharing.application.submit',
      'sharing.part.approve',
      'sharing.part.return',
      'sharing.application.update',
      'sharing.application.submit',
      'sharing.part.approve',
    ]);
    expect((await inbox(t, w.consumerB)).some((m) => m.type === 'sharing.application.decided')).toBe(true);
  });

  it('an amendment after a provider’s return cannot add items the bureau must pre-review', async () => {
    const app = await submitted(t, w, [pop()]);
    await ok(decide(t, w.tokens.approver, app, 0, { decision: 'return', comment: '请补充' }));
    const hh = { resourceId: R.household, items: ['I002'], methods: ['verification'] };
    const res = await send(t, 'PUT', `/api/v1/sharing/applications/${app.id}`, {
      token: w.consumerB,
      payload: applicationBody(w, [pop(), hh], { submit: true }),
    });
    expect(violations(res)).toEqual([['parts[1].items', 'NEEDS_PREREVIEW']]);
    // Nothing changed: still returned, one part.
    const after = await ok(getApp(t, w.consumerB, app.id));
    expect(after.status).toBe('returned');
    expect(after.parts).toHaveLength(1);
  });

  it('a decision leaf names the application, the approver, the decision and recomputable digests', async () => {
    const app = await submitted(t, w, [pop()]);
    const out = await ok(decide(t, w.tokens.approver, app, 0, approve(['I002'], { dailyRowQuota: 500 })));
    const [ev] = await eventsOf(t, app.id, 'sharing.part.approve');
    expect(ev).toMatchObject({
      actor_kind: 'user',
      actor_id: w.ids.approver,
      subject_id: app.id,
      org_id: w.orgA,
    });
    expect(ev!.details).toMatchObject({ decision: 'approve', partId: app.parts[0]!.id });
    const scope = (await recompute(t, ev!.details.scopeDigest)) as Record<string, unknown>;
    expect(scope).toMatchObject({ dailyRowQuota: 500, methods: ['api'], purpose: '最低生活保障资格审核' });
    // The scope in the leaf is the grant's scope.
    const grant = await ok<{ scope: Record<string, unknown> }>(
      send(t, 'GET', `/api/v1/sharing/grants/${out.parts[0]!.grantId}`, { token: w.consumerB }),
    );
    expect(grant.scope).toEqual(scope);
    expect(await recompute(t, ev!.details.basisDigest)).toMatchObject({
      basis: '《社会救助暂行办法》第十一条',
    });
    // Two digests of equal objects still differ: each has its own salt.
    expect(ev!.details.scopeDigest).not.toBe(ev!.details.basisDigest);
    // The auditor hands over the object and its salt; anyone recomputes the digest with public tools.
    const url = `/api/v1/sharing/digests/${ev!.details.scopeDigest as string}`;
    const handed = await ok<{ alg: string; salt: string; jcs: string; applicationId: string }>(
      send(t, 'GET', url, { token: w.tokens.auditor }),
    );
    expect(handed.applicationId).toBe(app.id);
    const h = createHash(handed.alg).update(Buffer.from(handed.salt, 'hex')).update(handed.jcs, 'utf8');
    expect(`${handed.alg}:${h.digest('hex')}`).toBe(ev!.details.scopeDigest);
    expectError(await send(t, 'GET', url, { token: w.consumerB }), 403, 'FORBIDDEN');
    expectError(
      await send(t, 'GET', `/api/v1/sharing/digests/sha256:${'0'.repeat(64)}`, { token: w.tokens.auditor }),
      404,
      'NOT_FOUND',
    );
  });

  it('a scope that breaks the rules is refused with 422 and nothing is decided', async () => {
    const app = await submitted(t, w, [pop()]);
    const res = await decide(t, w.tokens.approver, app, 0, approve(['I001', 'I004']));
    expect(violations(res).length).toBeGreaterThan(0);
    const after = await ok(getApp(t, w.consumerB, app.id));
    expect(after.parts[0]).toMatchObject({ status: 'pending', grantId: null });
    expect(await eventsOf(t, app.id, 'sharing.part.approve')).toEqual([]);
  });

  it('a refusal needs a reason and a basis; dispute; the bureau upholds, finally', async () => {
    const app = await submitted(t, w, [pop()]);
    expectError(
      await decide(t, w.tokens.approver, app, 0, { decision: 'refuse', reason: '超出职责' }),
      400,
      'VALIDATION_FAILED',
    );
    const refused = await ok(
      decide(t, w.tokens.approver, app, 0, {
        decision: 'refuse',
        reason: '申请用途与数据不相符',
        basis: '《政务数据共享条例》第十四条',
      }),
    );
    expect(refused.status).toBe('decided');
    expect(refused.parts[0]).toMatchObject({
      status: 'refused',
      decision: { decision: 'refuse', reason: '申请用途与数据不相符', basis: '《政务数据共享条例》第十四条' },
    });
    const [ev] = await eventsOf(t, app.id, 'sharing.part.refuse');
    expect(ev!.details.scopeDigest).toBeNull();
    expect(await recompute(t, ev!.details.basisDigest)).toEqual({
      reason: '申请用途与数据不相符',
      basis: '《政务数据共享条例》第十四条',
    });

    const partId = app.parts[0]!.id;
    const disputed = await ok(
      post(t, w.consumerB, `/applications/${app.id}/parts/${partId}/dispute`, {
        reason: '低保核对是法定职责',
      }),
    );
    expect(disputed.parts[0]).toMatchObject({ status: 'disputed' });
    expect(disputed.parts[0]!.deadline).toMatchObject({ stage: 'mediation', workingDays: 5, sla: 'green' });
    expectError(
      await post(t, w.consumerB, `/applications/${app.id}/parts/${partId}/dispute`, { reason: '再次' }),
      409,
      'CONFLICT',
    );
    const queue = await ok<{ items: { kind: string; partId: string | null }[] }>(
      send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.reviewer }),
    );
    expect(queue.items).toContainEqual(expect.objectContaining({ kind: 'mediate', partId }));

    const upheld = await ok(
      post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${partId}/mediation`, {
        decision: 'uphold',
        comment: '拒绝理由成立',
      }),
    );
    expect(upheld.parts[0]).toMatchObject({ status: 'upheld', deadline: null });
    const [med] = await eventsOf(t, app.id, 'sharing.mediation.uphold');
    expect(med).toMatchObject({ actor_id: w.ids.reviewer });
    expect(await recompute(t, med!.details.basisDigest)).toMatchObject({ comment: '拒绝理由成立' });
    // Final.
    expectError(
      await post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${partId}/mediation`, {
        decision: 'uphold',
        comment: '再次',
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await post(t, w.consumerB, `/applications/${app.id}/parts/${partId}/dispute`, { reason: '再次' }),
      409,
      'CONFLICT',
    );
  });

  it('mediation may grant the part with a scope checked like an approver’s', async () => {
    const app = await submitted(t, w, [prop()]);
    const partId = app.parts[0]!.id;
    await ok(decide(t, w.approverC, app, 0, { decision: 'refuse', reason: '数据敏感', basis: '内部规定' }));
    // Only refused parts can be disputed; mediation needs a dispute.
    expectError(
      await post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${partId}/mediation`, {
        decision: 'uphold',
        comment: 'x',
      }),
      409,
      'CONFLICT',
    );
    await ok(
      post(t, w.consumerB, `/applications/${app.id}/parts/${partId}/dispute`, { reason: '有法定依据' }),
    );
    const bad = await post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${partId}/mediation`, {
      decision: 'grant',
      comment: '应予共享',
      scope: { items: [{ code: 'I002' }] },
    });
    expect(violations(bad).length).toBeGreaterThan(0);
    const granted = await ok(
      post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${partId}/mediation`, {
        decision: 'grant',
        comment: '应予共享',
        scope: { items: [{ code: 'I003' }] },
      }),
    );
    expect(granted.parts[0]).toMatchObject({ status: 'mediated' });
    expect(granted.parts[0]!.grantId).toBeTruthy();
    expect(granted.grants).toHaveLength(1);
    const [ev] = await eventsOf(t, app.id, 'sharing.mediation.grant');
    const scope = (await recompute(t, ev!.details.scopeDigest)) as { items: { code: string }[] };
    expect(scope.items.map((i) => i.code)).toEqual(['I003']);
  });

  describe('pre-review', () => {
    let app: AppView;
    const hh = () => ({ resourceId: R.household, items: ['I001', 'I002'], methods: ['verification'] });

    it('an 重要 item sends the application to the bureau first', async () => {
      app = await submitted(t, w, [hh(), pop()]);
      expect(app.status).toBe('prereview');
      expect(app.prereview).toMatchObject({ stage: 'prereview', workingDays: 2, sla: 'green' });
      expect(app.parts.every((p) => p.deadline === null)).toBe(true);
      expectError(await decide(t, w.tokens.approver, app, 0, approve(['I001'])), 409, 'CONFLICT');
      const rq = await ok<{ items: { kind: string; applicationId: string }[] }>(
        send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.reviewer }),
      );
      expect(rq.items).toContainEqual(expect.objectContaining({ kind: 'prereview', applicationId: app.id }));
      const aq = await ok<{ items: { applicationId: string }[] }>(
        send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.approver }),
      );
      expect(aq.items.map((i) => i.applicationId)).not.toContain(app.id);
      const review = await ok<{ items: { id: string }[] }>(
        send(t, 'GET', '/api/v1/sharing/applications?box=review', { token: w.tokens.reviewer }),
      );
      expect(review.items.map((i) => i.id)).toContain(app.id);
    });

    it('return pauses the pre-review clock; resubmission goes back to the bureau', async () => {
      const r = await ok(
        post(t, w.tokens.reviewer, `/applications/${app.id}/prereview`, {
          decision: 'return',
          comment: '请补充批复文件',
        }),
      );
      expect(r).toMatchObject({ status: 'returned', returned: { from: 'prereview' } });
      expect(r.prereview).toMatchObject({ sla: 'paused', remainingWorkingDays: 2 });
      const back = await ok(post(t, w.consumerB, `/applications/${app.id}/submit`));
      expect(back.status).toBe('prereview');
      expect(back.prereview).toMatchObject({ sla: 'green', pausedAt: null });
    });

    it('pass hands every part to its provider', async () => {
      const p = await ok(
        post(t, w.tokens.reviewer, `/applications/${app.id}/prereview`, { decision: 'pass' }),
      );
      expect(p.status).toBe('review');
      expect(p.prereview!.closedAt).not.toBeNull();
      for (const part of p.parts) expect(part.deadline).toMatchObject({ stage: 'provider', sla: 'green' });
      const aq = await ok<{ items: { applicationId: string; kind: string; deadline: { sla: string } }[] }>(
        send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.approver }),
      );
      const mine = aq.items.filter((i) => i.applicationId === app.id);
      expect(mine).toHaveLength(2);
      expect(mine.every((i) => i.kind === 'decide' && i.deadline.sla === 'green')).toBe(true);
      expectError(
        await post(t, w.tokens.reviewer, `/applications/${app.id}/prereview`, { decision: 'pass' }),
        409,
        'CONFLICT',
      );
      await ok(decide(t, w.tokens.approver, p, 0, approve(['I001', 'I002'], { methods: ['verification'] })));
      const last = await ok(decide(t, w.tokens.approver, p, 1, approve(['I001'])));
      expect(last.status).toBe('decided');
      const actions = (await eventsOf(t, app.id)).map((e) => e.action);
      expect(actions).toContain('sharing.prereview.return');
      expect(actions).toContain('sharing.prereview.pass');
    });

    it('refuse at pre-review refuses every part, with reason and basis', async () => {
      const other = await submitted(t, w, [hh()]);
      expectError(
        await post(t, w.tokens.reviewer, `/applications/${other.id}/prereview`, {
          decision: 'refuse',
          reason: '无',
        }),
        400,
        'VALIDATION_FAILED',
      );
      const out = await ok(
        post(t, w.tokens.reviewer, `/applications/${other.id}/prereview`, {
          decision: 'refuse',
          reason: '用途不明确',
          basis: '《政务数据共享条例》',
        }),
      );
      expect(out.status).toBe('decided');
      expect(out.parts[0]).toMatchObject({ status: 'refused', decision: { reason: '用途不明确' } });
      const [ev] = await eventsOf(t, other.id, 'sharing.prereview.refuse');
      expect(await recompute(t, ev!.details.basisDigest)).toEqual({
        reason: '用途不明确',
        basis: '《政务数据共享条例》',
      });
    });
  });
});
