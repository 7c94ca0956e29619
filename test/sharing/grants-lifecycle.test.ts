import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/kernel/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import { auditRows, expectError, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, partRequest } from './grant-helpers.js';
import { buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

// Grants changed by others than people: the catalogue (withdrawal, versions that remove, retype or restrict
// granted items) and the `sharing.grants` job (expiry after validUntil in Asia/Shanghai, reminders 30 and 7
// days ahead, each once).

const engines = await testEngines();

describe.each(engines)('grant lifecycle on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let approverA: RequestContext;
  let consumer: RequestContext;

  const publishOwn = (catalog: string, name: string) =>
    publish(
      t,
      w.tokens.steward,
      w.tokens.reviewer,
      populationBody({ classification: { category: 'basic', item: '01', catalog }, name }),
    );
  const status = async (id: string) => (await t.platform.sharing.grants.get(consumer, id)).status;
  const actions = async (id: string) =>
    (await auditRows(t)).filter((a) => a.subject_id === id).map((a) => a.action);

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    approverA = await ctxOf(t, w.tokens.approver);
    consumer = await ctxOf(t, w.consumerB);
  });
  afterAll(async () => t.close());

  it('registers the sweep job with the platform', () => {
    expect(t.platform.sharing.grants.jobs.map((j) => [j.type, j.schedule, j.intervalSeconds])).toEqual([
      ['sharing.grants', 'sharing.grants.sweep', 3600],
    ]);
  });

  it('runs both sweeps from the shared job queue on their schedules', async () => {
    await t.platform.runner.tickSchedules();
    await t.platform.runner.drain();
    const jobs = await sql<{ type: string; status: string }>`select type, status from jobs
      where type in ('sharing.grants', 'sharing.demands') order by type`.execute(t.platform.db.kysely);
    expect(jobs.rows).toEqual([
      { type: 'sharing.demands', status: 'succeeded' },
      { type: 'sharing.grants', status: 'succeeded' },
    ]);
  });

  it('issues nothing when the deciding transaction rolls back (grant, evidence and epoch together)', async () => {
    const req = partRequest(w, 'population');
    const count = async () =>
      Number(
        (
          await sql<{
            n: number | string;
          }>`select count(*) as n from sharing_grants where part_id = ${req.partId}`.execute(
            t.platform.db.kysely,
          )
        ).rows[0]!.n,
      );
    const epoch = async () =>
      Number(
        (await sql<{ e: number }>`select epoch as e from sharing_grant_epoch`.execute(t.platform.db.kysely))
          .rows[0]!.e,
      );
    const before = { events: (await auditRows(t)).length, epoch: await epoch() };
    await expect(
      t.platform.db.kysely.transaction().execute(async (tx) => {
        const scope = await t.platform.sharing.grants.checkScope(tx, req, 'defaults');
        await t.platform.sharing.grants.issue(tx, approverA, req, scope);
        throw new Error('the decision failed after the grant');
      }),
    ).rejects.toThrow('the decision failed');
    expect(await count()).toBe(0);
    expect((await auditRows(t)).length).toBe(before.events);
    expect(await epoch()).toBe(before.epoch);
  });

  it('suspends every active grant when the catalogue withdraws the resource; it cannot be resumed', async () => {
    const rid = await publishOwn('006', '人口迁移信息');
    const req = partRequest(w, 'population', { resourceId: rid });
    const a = await issueGrant(t, approverA, req);
    const b = await issueGrant(t, approverA, { ...req, partId: `${req.partId.slice(0, -1)}0` });
    const revoked = await issueGrant(t, approverA, req);
    await t.platform.sharing.grants.revoke(approverA, revoked, { reason: '不再需要' });
    const wd = await send(t, 'POST', `/api/v1/catalogue/resources/${rid}/withdraw`, {
      token: w.tokens.steward,
      payload: { reason: '数据来源调整' },
    });
    expect(wd.statusCode).toBe(200);
    for (const id of [a, b]) {
      const g = await t.platform.sharing.grants.get(consumer, id);
      expect(g.status).toBe('suspended');
      expect(g.statusReason).toContain('数据来源调整');
      expect(g.history.at(-1)).toMatchObject({ action: 'sharing.grant.suspend', actor: { kind: 'system' } });
      expect(await actions(id)).toEqual(['sharing.grant.issue', 'sharing.grant.suspend']);
    }
    expect(await status(revoked)).toBe('revoked');
    const ev = (await auditRows(t)).find((e) => e.subject_id === a && e.action === 'sharing.grant.suspend')!;
    expect(JSON.parse(ev.details)).toMatchObject({ cause: 'catalogue.resource.withdraw', from: 'active' });
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: w.consumerB })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(inbox.items.some((m) => m.type === 'sharing.grant.suspended' && m.subject.id === a)).toBe(true);
    const r = await send(t, 'POST', `/api/v1/sharing/grants/${a}/resume`, {
      token: w.tokens.approver,
      payload: { reason: '恢复' },
    });
    expectError(r, 409, 'CONFLICT');
  });

  it('suspends grants covering items a new version removes, retypes or restricts — only those', async () => {
    const rid = await publishOwn('007', '人口变更信息');
    const req = partRequest(w, 'population', { resourceId: rid });
    const withName = await issueGrant(t, approverA, req, { items: [{ code: 'I001' }, { code: 'I002' }] });
    const withGender = await issueGrant(t, approverA, req, { items: [{ code: 'I003' }] });
    const withBirth = await issueGrant(t, approverA, req, { items: [{ code: 'I004' }] });
    // Version 2: the name item goes, the birth date becomes a string (retyped), gender stays.
    const body = populationBody({
      classification: { category: 'basic', item: '01', catalog: '007' },
      name: '人口变更信息',
    });
    const items = (body.items as Record<string, unknown>[]).filter((i) => i.name !== 'name');
    items[2] = { ...items[2], dataType: 'string', length: 10 };
    const put = await send(t, 'PUT', `/api/v1/catalogue/resources/${rid}`, {
      token: w.tokens.steward,
      payload: { ...body, items },
    });
    expect(put.statusCode).toBe(200);
    expect(
      (await send(t, 'POST', `/api/v1/catalogue/resources/${rid}/submit`, { token: w.tokens.steward }))
        .statusCode,
    ).toBe(200);
    const rv = await send(t, 'POST', `/api/v1/catalogue/resources/${rid}/review`, {
      token: w.tokens.reviewer,
      payload: { decision: 'approve' },
    });
    expect(rv.statusCode).toBe(200);
    expect(await status(withName)).toBe('suspended');
    expect(await status(withBirth)).toBe('suspended');
    expect(await status(withGender)).toBe('active');
    const ev = (await auditRows(t)).find(
      (e) => e.subject_id === withName && e.action === 'sharing.grant.suspend',
    )!;
    expect(JSON.parse(ev.details)).toMatchObject({ cause: 'catalogue.version.publish', version: 2 });
    // The granted item is gone: resuming would hand out nothing it may still grant.
    const r = await send(t, 'POST', `/api/v1/sharing/grants/${withName}/resume`, {
      token: w.tokens.reviewer,
      payload: { reason: '复核后恢复' },
    });
    expectError(r, 409, 'CONFLICT');
  });

  it('expires grants after validUntil (Shanghai dates) and reminds 30 and 7 days ahead, once each', async () => {
    const grants = t.platform.sharing.grants;
    // 2026-03-02 10:00 local; 40 days → last valid day 2026-04-10.
    const id = await issueGrant(t, approverA, partRequest(w, 'population', { durationDays: 40 }));
    const short = await issueGrant(t, approverA, partRequest(w, 'population', { durationDays: 10 }));
    expect((await grants.get(consumer, id)).validUntil).toBe('2026-04-10');
    const reminders = async (gid: string) =>
      (await auditRows(t)).filter((a) => a.subject_id === gid && a.action === 'sharing.grant.remind').length;

    await grants.sweepOnce();
    expect(await reminders(id)).toBe(0);
    // A grant shorter than 30 days gets only the 7-day reminder (the 30-day one was never due).
    expect(await reminders(short)).toBe(0);
    t.clock.set('2026-03-10T16:30:00.000Z'); // 2026-03-11 00:30 local: 30 days left
    await grants.sweepOnce();
    await grants.sweepOnce();
    expect(await reminders(id)).toBe(1);
    expect(await reminders(short)).toBe(1);
    t.clock.set('2026-04-03T01:00:00.000Z'); // 7 days left
    await grants.sweepOnce();
    expect(await reminders(id)).toBe(2);
    expect(await status(short)).toBe('expired');
    t.clock.set('2026-04-10T15:59:00.000Z'); // 23:59 local on the last valid day
    expect(await grants.sweepOnce()).toEqual({ expired: 0, reminded: 0 });
    expect(await status(id)).toBe('active');
    t.clock.set('2026-04-10T16:00:00.000Z'); // 00:00 local the day after
    const res = await grants.sweepOnce();
    expect(res.expired).toBeGreaterThanOrEqual(1);
    expect(await status(id)).toBe('expired');
    expect(await actions(id)).toEqual([
      'sharing.grant.issue',
      'sharing.grant.remind',
      'sharing.grant.remind',
      'sharing.grant.expire',
    ]);
    expect(await grants.sweepOnce()).toEqual({ expired: 0, reminded: 0 });
    await expect(grants.resume(approverA, id, { reason: '续期' })).rejects.toMatchObject({ status: 409 });
    const inbox = await t.platform.notifications.inbox(approverA);
    expect(inbox.items.filter((m) => m.subject.id === id).map((m) => m.type)).toEqual(
      expect.arrayContaining(['sharing.grant.expiring', 'sharing.grant.expired']),
    );
  });
});
