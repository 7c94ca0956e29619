import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext, type Role } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type ActorKey, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

describe.each(engines)('alerts and inboxes on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildWorld(t);
  });
  afterAll(async () => t.close());

  const raise = (role: Role, orgId: string | null, title: string, dedupKey?: string) =>
    t.platform.db.kysely.transaction().execute((tx) =>
      t.platform.alerts.raise(tx, systemContext('test', newId()), {
        severity: 'critical',
        source: 'test',
        type: 'test.routing',
        title,
        subjectType: 'test',
        subjectId: newId(),
        orgId,
        responsibleRole: role,
        ...(dedupKey && { dedupKey }),
      }),
    );
  const inboxTitles = async (who: ActorKey) =>
    (
      (await send(t, 'GET', '/api/v1/inbox', { token: w.tokens[who] })).json().items as { title: string }[]
    ).map((m) => m.title);

  it('routes an alert to the inboxes of the responsible role only', async () => {
    await raise('secadmin', null, '密钥即将到期');
    expect(await inboxTitles('secadmin')).toContain('密钥即将到期');
    expect(await inboxTitles('sysadmin')).not.toContain('密钥即将到期');
    expect(await inboxTitles('approver')).not.toContain('密钥即将到期');

    await raise('approver', w.orgA, '申请即将超期');
    expect(await inboxTitles('approver')).toContain('申请即将超期');
    expect(await inboxTitles('org_admin')).not.toContain('申请即将超期');
    expect(await inboxTitles('org_admin_b')).not.toContain('申请即将超期');
  });

  it('shows alerts by responsible role and organisation; auditors read all', async () => {
    const titles = async (who: ActorKey) =>
      ((await send(t, 'GET', '/api/v1/alerts', { token: w.tokens[who] })).json() as { title: string }[]).map(
        (a) => a.title,
      );
    expect(await titles('secadmin')).toEqual(['密钥即将到期']);
    expect(await titles('approver')).toEqual(['申请即将超期']);
    expect(await titles('consumer')).toEqual([]);
    expect((await titles('auditor')).sort()).toEqual(['密钥即将到期', '申请即将超期'].sort());
  });

  it('the responsible role acknowledges and resolves; others cannot', async () => {
    const [alert] = (await send(t, 'GET', '/api/v1/alerts', { token: w.tokens.approver })).json();
    expect(
      (await send(t, 'POST', `/api/v1/alerts/${alert.id}/acknowledge`, { token: w.tokens.consumer }))
        .statusCode,
    ).toBe(404);
    expect(
      (await send(t, 'POST', `/api/v1/alerts/${alert.id}/acknowledge`, { token: w.tokens.auditor }))
        .statusCode,
    ).toBe(403);
    const ack = await send(t, 'POST', `/api/v1/alerts/${alert.id}/acknowledge`, { token: w.tokens.approver });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    expect(
      (await send(t, 'POST', `/api/v1/alerts/${alert.id}/acknowledge`, { token: w.tokens.approver }))
        .statusCode,
    ).toBe(409);
    const noNote = await send(t, 'POST', `/api/v1/alerts/${alert.id}/resolve`, {
      token: w.tokens.approver,
      payload: {},
    });
    expect(noNote.statusCode).toBe(400);
    const done = await send(t, 'POST', `/api/v1/alerts/${alert.id}/resolve`, {
      token: w.tokens.approver,
      payload: { resolution: '已催办' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().resolved.resolution).toBe('已催办');
    const events = (
      await send(t, 'GET', `/api/v1/audit/events?subjectId=${alert.id}`, { token: w.tokens.auditor })
    ).json();
    expect(events.map((e: { action: string }) => e.action).sort()).toEqual([
      'alerts.alert.acknowledge',
      'alerts.alert.raise',
      'alerts.alert.resolve',
    ]);
  });

  it('a repeat of an open alert counts an occurrence instead of a new alert', async () => {
    const a = await raise('secadmin', null, '重复告警', 'dup-1');
    const b = await raise('secadmin', null, '重复告警', 'dup-1');
    expect(b.id).toBe(a.id);
    expect(b.occurrences).toBe(2);
    expect((await inboxTitles('secadmin')).filter((x) => x === '重复告警')).toHaveLength(1);
  });

  it('inbox: unread counts, mark read, read all, and nobody reads another user’s message', async () => {
    const count = async () =>
      (await send(t, 'GET', '/api/v1/inbox/unread-count', { token: w.tokens.secadmin })).json().unread;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(2);
    const [first] = (await send(t, 'GET', '/api/v1/inbox?unread=true', { token: w.tokens.secadmin })).json()
      .items;
    expect(first.link).toMatch(/^\/alerts\//);
    expect(
      (await send(t, 'POST', `/api/v1/inbox/${first.id}/read`, { token: w.tokens.approver })).statusCode,
    ).toBe(404);
    expect(
      (await send(t, 'POST', `/api/v1/inbox/${first.id}/read`, { token: w.tokens.secadmin })).json().updated,
    ).toBe(1);
    expect(await count()).toBe(before - 1);
    await send(t, 'POST', '/api/v1/inbox/read-all', { token: w.tokens.secadmin });
    expect(await count()).toBe(0);
  });
});
