import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../exchange/exchange-fixtures.js';
import { testEngines } from '../support/engines.js';
import { auditRows, send, tokenFor } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildObjectionWorld, type ObjectionWorld } from './objection-fixtures.js';

// Objection deadlines in working days (docs/objections.md "Deadlines") on the shipped 2026 calendar: 中秋
// (09-25..09-27) with the make-up Sunday 09-20, National Day (10-01..10-07) with the make-up Saturday 10-10.
// The provider has 5 working days to accept or reject and, once accepted, 10 to resolve; the sweep escalates
// an overdue stage once (one deduplicated alert for the provider's approvers, the bureau told).

const engines = await testEngines();
const base = '/api/v1/objections';

interface View {
  id: string;
  status: string;
  escalatedAt: string | null;
  deadline: { stage: string; workingDays: number; dueDate: string; dueAt: string; sla?: string } | null;
  history: { action: string }[];
}

describe.each(engines)('objection deadlines on %s', (engine) => {
  let t: TestPlatform;
  let w: ObjectionWorld;
  const tokens = { consumer: '', approver: '', reviewer: '' };
  const at = async (instant: string) => {
    t.clock.set(instant);
    tokens.consumer = await tokenFor(t, 'w.consumer-b');
    tokens.approver = await tokenFor(t, 'w.approver');
    tokens.reviewer = await tokenFor(t, 'w.reviewer');
  };
  const raise = async (person: number) => {
    const r = await send(t, 'POST', base, {
      token: tokens.consumer,
      payload: {
        type: 'wrong_data',
        resourceId: w.resources.population,
        grantId: w.grantB,
        records: [{ I001: PEOPLE[person]!.id_number }],
        description: '出生日期有误',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<View>();
  };
  const get = async (id: string) =>
    (await send(t, 'GET', `${base}/${id}`, { token: tokens.reviewer })).json<View>();
  const sweep = () => t.platform.objections.sweep.run();
  const alerts = async (id: string) =>
    (
      await sql<{ type: string; responsible_role: string; org_id: string | null; dedup_key: string }>`
        SELECT type, responsible_role, org_id, dedup_key FROM alerts WHERE subject_id = ${id}`.execute(
        t.platform.db.kysely,
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildObjectionWorld(t);
  });
  afterAll(async () => t.close());

  it('registers the sweep with the job runner every five minutes', () => {
    expect(t.platform.objections.jobs).toContainEqual(
      expect.objectContaining({
        type: 'objections.overdue',
        schedule: 'objections.overdue.sweep',
        intervalSeconds: 300,
      }),
    );
  });

  it('answer over the make-up Sunday, resolution over 中秋 and National Day; each overdue stage escalates once', async () => {
    await at('2026-09-17T02:00:00.000Z'); // Thu 10:00 local
    const late = await raise(0);
    const kept = await raise(2);
    // Fri 09-18, Sun 09-20 (make-up), Mon, Tue, Wed → Wed 09-23 24:00 local (a plain week would give Thu 09-24).
    expect(late.deadline).toMatchObject({
      stage: 'answer',
      workingDays: 5,
      dueDate: '2026-09-23',
      dueAt: '2026-09-23T16:00:00.000Z',
      sla: 'green',
    });

    await at('2026-09-23T02:00:00.000Z'); // Wed 10:00, the due date: amber
    expect((await get(late.id)).deadline).toMatchObject({ sla: 'amber' });
    const accepted = await send(t, 'POST', `${base}/${kept.id}/accept`, {
      token: tokens.approver,
      payload: {},
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Thu 09-24; 中秋 09-25..27; 09-28..30; National Day 10-01..07; 10-08, 10-09, Sat 10-10 (make-up),
    // 10-12, 10-13, 10-14 → ten working days.
    expect(accepted.json<View>().deadline).toMatchObject({
      stage: 'resolve',
      workingDays: 10,
      dueDate: '2026-10-14',
      dueAt: '2026-10-14T16:00:00.000Z',
    });

    t.clock.set('2026-09-23T15:59:59.000Z');
    expect(await sweep()).toEqual({ escalated: 0 });
    t.clock.set('2026-09-23T16:00:00.000Z'); // 24:00 local: the unanswered one is overdue
    expect(await sweep()).toEqual({ escalated: 1 });
    expect(await sweep()).toEqual({ escalated: 0 });
    await at('2026-09-24T01:00:00.000Z');
    const red = await get(late.id);
    expect(red).toMatchObject({
      status: 'raised',
      escalatedAt: '2026-09-23T16:00:00.000Z',
      deadline: { sla: 'red' },
    });
    expect(red.history.map((h) => h.action)).toEqual(['objection.raise', 'objection.escalate']);
    expect(await alerts(late.id)).toEqual([
      {
        type: 'objection.overdue',
        responsible_role: 'approver',
        org_id: w.orgA,
        dedup_key: `objection.overdue:${late.id}:answer`,
      },
    ]);
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: tokens.reviewer })).json<{
      items: { type: string; subject: { id: string } }[];
    }>();
    expect(inbox.items.some((m) => m.type === 'objection.escalated' && m.subject.id === late.id)).toBe(true);
    const esc = (await auditRows(t)).filter(
      (a) => a.subject_id === late.id && a.action === 'objection.escalate',
    );
    expect(esc).toHaveLength(1);
    expect(esc[0]!.actor_id).toBe('system:objections');

    // Escalation decides nothing: the provider may still answer late, which starts the resolution clock.
    const lateAccept = await send(t, 'POST', `${base}/${late.id}/accept`, {
      token: tokens.approver,
      payload: {},
    });
    expect(lateAccept.json<View>()).toMatchObject({
      status: 'accepted',
      escalatedAt: null,
      deadline: { stage: 'resolve', dueDate: '2026-10-15' },
    });

    // The resolution stage of the first accepted one falls due through both holidays and the make-up Saturday.
    t.clock.set('2026-10-14T15:59:59.000Z');
    expect(await sweep()).toEqual({ escalated: 0 });
    t.clock.set('2026-10-14T16:00:00.000Z');
    expect(await sweep()).toEqual({ escalated: 1 });
    expect((await alerts(kept.id)).map((a) => a.dedup_key)).toEqual([`objection.overdue:${kept.id}:resolve`]);
    t.clock.set('2026-10-15T16:00:00.000Z');
    expect(await sweep()).toEqual({ escalated: 1 });
    expect(await sweep()).toEqual({ escalated: 0 });
    expect((await alerts(late.id)).map((a) => a.dedup_key).sort()).toEqual(
      [`objection.overdue:${late.id}:answer`, `objection.overdue:${late.id}:resolve`].sort(),
    );
  });
});
