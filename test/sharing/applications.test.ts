import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  createApp,
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
import { openBody, publish } from '../catalogue/catalogue-fixtures.js';
import { applicationBody, buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

const engines = await testEngines();

// Applications from the consumer's side (docs/sharing.md "Applications"): drafts, amendment, submission and
// its refusals, 无条件 parts approved at once, documents, withdrawal, lists and who may do what.
describe.each(engines)('sharing applications on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let R: SharingWorld['resources'];
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    R = w.resources;
  });
  afterAll(async () => t.close());

  const pop = () => ({ resourceId: R.population, items: ['I001', 'I002'], methods: ['api'] });
  const prop = () => ({ resourceId: R.property, items: ['I001', 'I003'], methods: ['api'] });

  it('creates a draft, amends it with PUT and submits it to the providers', async () => {
    const draft = await ok(createApp(t, w, [pop()], { submit: false }), 201);
    expect(draft).toMatchObject({ status: 'draft', submissions: 0 });
    expect(draft.parts).toHaveLength(1);
    expect(draft.parts[0]).toMatchObject({ providerOrgId: w.orgA, status: 'pending', deadline: null });
    // Providers do not see drafts.
    expectError(await getApp(t, w.tokens.approver, draft.id), 404, 'NOT_FOUND');

    const amended = await ok(
      send(t, 'PUT', `/api/v1/sharing/applications/${draft.id}`, {
        token: w.consumerB,
        payload: applicationBody(w, [pop(), prop()], { title: '修改后的申请' }),
      }),
    );
    expect(amended.parts.map((p) => p.providerOrgId)).toEqual([w.orgA, w.orgC]);

    const sent = await ok(post(t, w.consumerB, `/applications/${draft.id}/submit`));
    expect(sent).toMatchObject({ status: 'review', submissions: 1 });
    // Parties are named (registered names are public), not only identified.
    expect(sent.consumerOrgName).toBe(
      (await send(t, 'GET', `/api/v1/organisations/${w.orgB}`, { token: w.tokens.sysadmin })).json<{
        name: string;
      }>().name,
    );
    expect(
      sent.parts.every((p) => typeof p.providerOrgName === 'string' && p.providerOrgName.length > 0),
    ).toBe(true);
    for (const p of sent.parts) {
      expect(p.status).toBe('pending');
      // No rows in either data store yet: the longer provider deadline.
      expect(p.deadline).toMatchObject({ stage: 'provider', workingDays: 10, sla: 'green', pausedAt: null });
    }
    expect((await eventsOf(t, draft.id)).map((e) => e.action)).toEqual([
      'sharing.application.create',
      'sharing.application.update',
      'sharing.application.submit',
    ]);
    // Each provider's approvers are told.
    expect((await inbox(t, w.tokens.approver)).some((m) => m.subject.id === draft.id)).toBe(true);
    expect((await inbox(t, w.approverC)).some((m) => m.subject.id === draft.id)).toBe(true);
    // A submitted application cannot be amended or submitted again.
    expectError(await post(t, w.consumerB, `/applications/${draft.id}/submit`), 409, 'CONFLICT');
    const put = await send(t, 'PUT', `/api/v1/sharing/applications/${draft.id}`, {
      token: w.consumerB,
      payload: applicationBody(w, [pop()]),
    });
    expectError(put, 409, 'CONFLICT');
  });

  it('refuses a submission with one violation per problem, and stores nothing', async () => {
    const before = (
      await ok<{ total: number }>(send(t, 'GET', '/api/v1/sharing/applications', { token: w.consumerB }))
    ).total;
    const res = await createApp(
      t,
      w,
      [
        { resourceId: R.criminal, items: ['I001', 'I003'], methods: ['api'] },
        { resourceId: R.household, items: ['I001', 'I002'], methods: ['api', 'verification'] },
        { resourceId: '01930000-0000-7000-8000-000000000000', items: ['I001'], methods: ['api'] },
        { resourceId: R.population, items: ['I009'], methods: ['package'] },
      ],
      { durationDays: 2000, clientIds: [w.clientB, w.clientA] },
    );
    expect(violations(res)).toEqual([
      ['durationDays', 'DURATION'],
      ['clientIds[1]', 'CLIENT_NOT_ACTIVE'],
      ['parts[0].items[1]', 'SHARE_TYPE_NONE'],
      ['parts[1].methods[0]', 'METHOD_LEVEL'],
      ['parts[2].resourceId', 'RESOURCE_NOT_PUBLISHED'],
      ['parts[3].items[0]', 'ITEM_UNKNOWN'],
    ]);
    const after = (
      await ok<{ total: number }>(send(t, 'GET', '/api/v1/sharing/applications', { token: w.consumerB }))
    ).total;
    expect(after).toBe(before);
  });

  it('refuses methods that need a client when none is named, and the consumer’s own resource', async () => {
    expect(violations(await createApp(t, w, [pop()], { clientIds: [] }))).toEqual([
      ['parts[0].methods', 'CLIENT_REQUIRED'],
    ]);
    // A package needs no client.
    await ok(createApp(t, w, [{ ...pop(), methods: ['package'] }], { clientIds: [] }), 201);
    const own = await createApp(t, w, [pop()], { clientIds: [w.clientA] }, w.tokens.consumer);
    expect(violations(own)).toEqual([['parts[0].resourceId', 'OWN_RESOURCE']]);
  });

  it('refuses a resource withdrawn from the catalogue', async () => {
    const id = await publish(t, w.tokens.steward, w.tokens.reviewer, openBody());
    await ok(
      post(
        t,
        w.consumerB,
        '/applications',
        applicationBody(w, [{ resourceId: id, items: ['I001'], methods: ['package'] }]),
      ),
      201,
    );
    const wd = await send(t, 'POST', `/api/v1/catalogue/resources/${id}/withdraw`, {
      token: w.tokens.steward,
      payload: { reason: '数据停止更新' },
    });
    expect(wd.statusCode).toBe(200);
    const res = await createApp(t, w, [{ resourceId: id, items: ['I001'], methods: ['package'] }]);
    expect(violations(res)).toEqual([['parts[0].resourceId', 'RESOURCE_NOT_PUBLISHED']]);
  });

  it('approves a 无条件 part at once as a recorded platform decision', async () => {
    const app = await submitted(t, w, [
      { resourceId: R.libraries, items: ['I001', 'I002'], methods: ['api'] },
      prop(),
    ]);
    expect(app.status).toBe('review');
    const [lib, p2] = app.parts;
    expect(lib).toMatchObject({
      status: 'approved',
      unconditional: true,
      decision: { decision: 'approve', by: 'system:sharing' },
    });
    expect(lib!.grantId).toBeTruthy();
    expect(lib!.deadline).toBeNull();
    expect(app.grants).toEqual([{ grantId: lib!.grantId, partId: lib!.id, status: 'active' }]);
    expect(p2).toMatchObject({ status: 'pending', unconditional: false });
    const [ev] = await eventsOf(t, app.id, 'sharing.part.approve');
    expect(ev).toMatchObject({ actor_kind: 'system', actor_id: 'sharing', org_id: w.orgA });
    expect(ev!.details).toMatchObject({ decision: 'approve', partId: lib!.id, resourceId: R.libraries });
    const scope = (await recompute(t, ev!.details.scopeDigest)) as {
      items: { code: string }[];
      methods: string[];
    };
    expect(scope.items.map((i) => i.code)).toEqual(['I001', 'I002']);
    expect(scope.methods).toEqual(['api']);
    expect(await recompute(t, ev!.details.basisDigest)).toEqual({
      purpose: '最低生活保障资格审核',
      basis: '《社会救助暂行办法》第十一条',
      documents: [],
    });
  });

  it('an application of 无条件 parts only is decided at submission', async () => {
    const app = await submitted(t, w, [{ resourceId: R.libraries, items: ['I003'], methods: ['package'] }]);
    expect(app.status).toBe('decided');
    expect(app.parts[0]!.status).toBe('approved');
  });

  it('stores documents sealed, content-addressed, and the submission event carries their digests', async () => {
    const bytes = Buffer.from('关于开展低保资格核对工作的批复（测试文件）');
    const up = (token: string) =>
      send(t, 'POST', '/api/v1/sharing/documents?name=%E6%89%B9%E5%A4%8D.pdf', {
        token,
        payload: bytes as unknown as string,
        headers: { 'content-type': 'application/octet-stream' },
      });
    const doc = await ok<{ digest: string; name: string; size: number }>(up(w.consumerB), 201);
    expect(doc).toMatchObject({ name: '批复.pdf', size: bytes.length });
    expect(doc.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await ok<{ digest: string }>(up(w.consumerB), 201)).digest).toBe(doc.digest);
    expectError(await up(w.tokens.approver), 403, 'FORBIDDEN');
    const stored = await sql<{
      content: Buffer;
    }>`SELECT content FROM sharing_documents WHERE digest = ${doc.digest}`.execute(t.platform.db.kysely);
    expect(stored.rows).toHaveLength(1);
    expect(Buffer.from(stored.rows[0]!.content).includes(bytes)).toBe(false);
    expect((await t.platform.sharing.applications.documents.read(w.orgB, doc.digest)).equals(bytes)).toBe(
      true,
    );

    const app = await submitted(t, w, [pop()], { documents: [{ digest: doc.digest, name: '批复.pdf' }] });
    const [ev] = await eventsOf(t, app.id, 'sharing.application.submit');
    expect(ev!.details).toMatchObject({ documents: doc.digest, parts: 1, resubmission: false });
    const unknown = `sha256:${'0'.repeat(64)}`;
    expect(
      violations(await createApp(t, w, [pop()], { documents: [{ digest: unknown, name: 'x.pdf' }] })),
    ).toEqual([['documents[0].digest', 'DOCUMENT_UNKNOWN']]);
  });

  it('withdraws an undecided application: pending parts end and their clocks stop', async () => {
    const app = await submitted(t, w, [pop()]);
    expectError(
      await post(t, w.tokens.approver, `/applications/${app.id}/withdraw`, { reason: '不需要了' }),
      403,
      'FORBIDDEN',
    );
    const out = await ok(
      post(t, w.consumerB, `/applications/${app.id}/withdraw`, { reason: '业务调整，不再需要' }),
    );
    expect(out.status).toBe('withdrawn');
    expect(out.parts[0]).toMatchObject({ status: 'withdrawn', deadline: null });
    expect(out.deadlines.every((d) => d.closedAt !== null)).toBe(true);
    expectError(
      await post(t, w.consumerB, `/applications/${app.id}/withdraw`, { reason: '再次' }),
      409,
      'CONFLICT',
    );
    expect((await eventsOf(t, app.id)).map((e) => e.action).at(-1)).toBe('sharing.application.withdraw');
  });

  it('lists by box: parties see theirs, providers never others’ drafts, the bureau everything submitted', async () => {
    const draft = await ok(createApp(t, w, [prop()], { submit: false }), 201);
    const sent = await submitted(t, w, [prop()]);
    const list = async (token: string, q = '') =>
      (
        await ok<{ items: { id: string }[]; total: number }>(
          send(t, 'GET', `/api/v1/sharing/applications${q}`, { token }),
        )
      ).items.map((i) => i.id);
    const mine = await list(w.consumerB);
    expect(mine).toContain(draft.id);
    expect(mine).toContain(sent.id);
    expect(await list(w.tokens.org_admin_b)).toContain(draft.id);
    const c = await list(w.approverC);
    expect(c).toContain(sent.id);
    expect(c).not.toContain(draft.id);
    const a = await list(w.tokens.approver);
    expect(a).not.toContain(sent.id);
    const all = await list(w.tokens.auditor, '?box=all');
    expect(all).toContain(sent.id);
    expect(all).not.toContain(draft.id);
    expect(await list(w.consumerB, '?box=all')).toEqual(mine);
    expect(await list(w.consumerB, '?status=draft')).toContain(draft.id);
    expectError(
      await send(t, 'GET', '/api/v1/sharing/applications?box=review', { token: w.consumerB }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await send(t, 'GET', '/api/v1/sharing/applications', { token: w.tokens.analyst }),
      403,
      'FORBIDDEN',
    );
  });

  describe('who may do what', () => {
    let app: AppView;
    beforeAll(async () => {
      app = await submitted(t, w, [pop(), prop()]);
    });

    it('another organisation’s application does not exist for the caller (404)', async () => {
      const other = await submitted(t, w, [pop()]);
      expectError(await getApp(t, w.approverC, other.id), 404, 'NOT_FOUND');
      expectError(
        await post(t, w.approverC, `/applications/${other.id}/parts/${other.parts[0]!.id}/decision`, {
          decision: 'return',
          comment: '请补充',
        }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await post(t, w.stewardC, `/applications/${other.id}/withdraw`, { reason: 'x' }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await post(t, w.stewardC, `/applications/${other.id}/parts/${other.parts[0]!.id}/dispute`, {
          reason: 'x',
        }),
        404,
        'NOT_FOUND',
      );
      const put = await send(t, 'PUT', `/api/v1/sharing/applications/${other.id}`, {
        token: w.stewardC,
        payload: applicationBody(w, [pop()]),
      });
      expectError(put, 404, 'NOT_FOUND');
      expectError(await post(t, w.stewardC, `/applications/${other.id}/submit`), 404, 'NOT_FOUND');
      // The bureau sees everything submitted, but nobody outside the consumer sees a draft.
      const draft = await ok(createApp(t, w, [pop()], { submit: false }), 201);
      expectError(await getApp(t, w.tokens.reviewer, draft.id), 404, 'NOT_FOUND');
      expectError(await getApp(t, w.tokens.auditor, draft.id), 404, 'NOT_FOUND');
      expectError(
        await post(t, w.tokens.reviewer, `/applications/${draft.id}/prereview`, { decision: 'pass' }),
        404,
        'NOT_FOUND',
      );
      expectError(await getApp(t, w.consumerB, '01930000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
    });

    it('a party with the wrong role gets 403', async () => {
      const p0 = app.parts[0]!.id;
      const p1 = app.parts[1]!.id;
      // The analyst of a provider organisation holds no sharing.read.
      expectError(await getApp(t, w.tokens.analyst, app.id), 403, 'FORBIDDEN');
      // The consumer cannot decide; the other provider's approver cannot decide org A's part.
      expectError(
        await post(t, w.consumerB, `/applications/${app.id}/parts/${p0}/decision`, {
          decision: 'return',
          comment: 'x',
        }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await post(t, w.approverC, `/applications/${app.id}/parts/${p0}/decision`, {
          decision: 'return',
          comment: 'x',
        }),
        403,
        'FORBIDDEN',
      );
      // The bureau neither decides a provider's part nor amends.
      expectError(
        await post(t, w.tokens.reviewer, `/applications/${app.id}/parts/${p1}/decision`, {
          decision: 'return',
          comment: 'x',
        }),
        403,
        'FORBIDDEN',
      );
      // Only the consumer amends, submits, withdraws and disputes; org_admin of the consumer only reads.
      expectError(
        await send(t, 'PUT', `/api/v1/sharing/applications/${app.id}`, {
          token: w.tokens.approver,
          payload: applicationBody(w, [pop()]),
        }),
        403,
        'FORBIDDEN',
      );
      expectError(await post(t, w.tokens.org_admin_b, `/applications/${app.id}/submit`), 403, 'FORBIDDEN');
      expectError(
        await post(t, w.tokens.approver, `/applications/${app.id}/parts/${p0}/dispute`, { reason: 'x' }),
        403,
        'FORBIDDEN',
      );
      // Only the bureau pre-reviews and mediates.
      expectError(
        await post(t, w.tokens.approver, `/applications/${app.id}/prereview`, { decision: 'pass' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await post(t, w.consumerB, `/applications/${app.id}/parts/${p0}/mediation`, {
          decision: 'uphold',
          comment: 'x',
        }),
        403,
        'FORBIDDEN',
      );
      // Creating needs sharing.apply.
      expectError(await createApp(t, w, [pop()], {}, w.tokens.approver), 403, 'FORBIDDEN');
      // A consumer of a provider organisation is a party but not the applicant.
      expectError(
        await post(t, w.tokens.consumer, `/applications/${app.id}/withdraw`, { reason: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.auditor }),
        403,
        'FORBIDDEN',
      );
      // The queue is for approvers and reviewers.
      expectError(await send(t, 'GET', '/api/v1/sharing/queue', { token: w.consumerB }), 403, 'FORBIDDEN');
      // Unknown part of a visible application.
      expectError(
        await post(
          t,
          w.tokens.approver,
          `/applications/${app.id}/parts/01930000-0000-7000-8000-000000000000/decision`,
          { decision: 'return', comment: 'x' },
        ),
        404,
        'NOT_FOUND',
      );
    });

    it('parties and platform readers see the application; anonymous callers are refused', async () => {
      for (const token of [
        w.consumerB,
        w.tokens.org_admin_b,
        w.tokens.approver,
        w.tokens.steward,
        w.approverC,
        w.tokens.reviewer,
        w.tokens.auditor,
      ])
        expect((await ok(getApp(t, token, app.id))).id).toBe(app.id);
      expectError(await send(t, 'GET', `/api/v1/sharing/applications/${app.id}`), 401, 'UNAUTHENTICATED');
    });

    it('rejects malformed bodies at the edge (400)', async () => {
      const res = await send(t, 'POST', '/api/v1/sharing/applications', {
        token: w.consumerB,
        payload: { ...applicationBody(w, [{ resourceId: 'nope', items: [], methods: ['fax'] }]) },
      });
      expectError(res, 400, 'VALIDATION_FAILED');
    });
  });
});
