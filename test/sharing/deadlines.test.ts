import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import {
  decide,
  eventsOf,
  freshTokens,
  getApp,
  inbox,
  ok,
  post,
  submitted,
  type AppView,
} from './applications-support.js';
import { buildSharingWorld, loadRows, type SharingWorld } from './sharing-fixtures.js';

const engines = await testEngines();

// Deadlines in working days (docs/sharing.md "Deadlines"), on the 2026 official calendar: weekends, the
// 中秋 holiday with its make-up Sunday (09-20), National Day (10-01..10-07) with its make-up Saturday
// (10-10); 5 or 10 provider days by whether the data is on the platform; a return pauses every clock and a
// resubmission restarts each with the days it kept; the sweep escalates overdue stages exactly once.
describe.each(engines)('sharing deadlines on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let R: SharingWorld['resources'];
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    R = w.resources;
    await loadRows(t, R.property, [
      { id_number: '110101199003070016', name: '张三', property_no: '330106001001GB00001F0001', area: 89.5 },
    ]);
  });
  afterAll(async () => t.close());

  const at = async (instant: string) => {
    t.clock.set(instant);
    await freshTokens(t, w);
  };
  const sweep = () => t.platform.sharing.applications.sla.sweep();
  const alerts = async (subjectId: string) =>
    (
      await sql<{
        type: string;
        responsible_role: string;
        org_id: string | null;
        dedup_key: string;
        occurrences: number;
      }>`
        SELECT type, responsible_role, org_id, dedup_key, occurrences FROM alerts WHERE subject_id = ${subjectId}`.execute(
        t.platform.db.kysely,
      )
    ).rows;
  const hh = () => ({ resourceId: R.household, items: ['I001', 'I002'], methods: ['verification'] });
  const pop = () => ({ resourceId: R.population, items: ['I001', 'I002'], methods: ['api'] });
  const prop = () => ({ resourceId: R.property, items: ['I001', 'I003'], methods: ['api'] });

  it('registers the sweep with the job runner every five minutes', () => {
    expect(t.platform.sharing.jobs).toContainEqual(
      expect.objectContaining({ type: 'sharing.sla', schedule: 'sharing.sla.sweep', intervalSeconds: 300 }),
    );
  });

  it('pre-review: two working days over a weekend, and over the make-up Sunday before 中秋', async () => {
    await at('2026-09-11T02:00:00.000Z'); // Fri 10:00
    const a = await submitted(t, w, [hh()]);
    expect(a.prereview).toMatchObject({
      workingDays: 2,
      dueDate: '2026-09-15',
      dueAt: '2026-09-15T16:00:00.000Z',
    });
    await at('2026-09-18T02:00:00.000Z'); // Fri 10:00; Sun 09-20 is a working day
    const b = await submitted(t, w, [hh()]);
    expect(b.prereview).toMatchObject({ dueDate: '2026-09-21', sla: 'green', remainingWorkingDays: 2 });

    // The first is overdue since 09-15 24:00: the bureau's own stage escalates to the reviewers.
    expect(await sweep()).toEqual({ escalated: 1 });
    const [alert] = await alerts(a.id);
    expect(alert).toMatchObject({
      type: 'sharing.overdue',
      responsible_role: 'reviewer',
      org_id: w.operatorId,
      occurrences: 1,
    });
    const view = await ok(getApp(t, w.tokens.reviewer, a.id));
    expect(view.prereview).toMatchObject({ sla: 'red' });
    expect(view.prereview!.escalatedAt).not.toBeNull();
    expect(view.status).toBe('prereview'); // escalation decides nothing
    expect(await sweep()).toEqual({ escalated: 0 });
    // Amber on the working day before the due date (Sun 09-20, a make-up workday) and on it.
    await at('2026-09-20T02:00:00.000Z');
    expect((await ok(getApp(t, w.consumerB, b.id))).prereview).toMatchObject({
      sla: 'amber',
      remainingWorkingDays: 1,
    });
    await ok(
      post(t, w.tokens.reviewer, `/applications/${a.id}/prereview`, {
        decision: 'refuse',
        reason: '超期未补',
        basis: '规定',
      }),
    );
    await ok(
      post(t, w.tokens.reviewer, `/applications/${b.id}/prereview`, {
        decision: 'refuse',
        reason: '不需要',
        basis: '规定',
      }),
    );
  });

  describe('provider clocks over National Day, a pause and an escalation', () => {
    let app: AppView;

    it('gives 10 working days without data on the platform and 5 with it', async () => {
      await at('2026-09-30T02:00:00.000Z'); // Wed 10:00, the day before the holiday
      app = await submitted(t, w, [pop(), prop()]);
      // 10-08, 10-09, 10-10 (Sat, make-up), 10-12 … 10-20.
      expect(app.parts[0]!.deadline).toMatchObject({ workingDays: 10, dueDate: '2026-10-20', sla: 'green' });
      // 10-08, 10-09, 10-10, 10-12, 10-13.
      expect(app.parts[1]!.deadline).toMatchObject({
        workingDays: 5,
        dueDate: '2026-10-13',
        dueAt: '2026-10-13T16:00:00.000Z',
        remainingWorkingDays: 5,
      });
    });

    it('shows amber the working day before the due date, green before', async () => {
      await at('2026-10-12T02:00:00.000Z'); // Mon
      const v = await ok(getApp(t, w.consumerB, app.id));
      expect(v.parts[1]!.deadline).toMatchObject({ sla: 'amber', remainingWorkingDays: 1 });
      expect(v.parts[0]!.deadline).toMatchObject({ sla: 'green', remainingWorkingDays: 6 });
    });

    it('a return pauses every running clock, keeping the days left; nothing escalates while paused', async () => {
      const r = await ok(decide(t, w.approverC, app, 1, { decision: 'return', comment: '请说明核对范围' }));
      expect(r.parts[0]!.deadline).toMatchObject({ sla: 'paused', remainingWorkingDays: 6 });
      expect(r.parts[1]!.deadline).toMatchObject({ sla: 'paused', remainingWorkingDays: 1 });
      await at('2026-11-02T02:00:00.000Z'); // weeks later, Mon
      expect(await sweep()).toEqual({ escalated: 0 });
      expect((await ok(getApp(t, w.consumerB, app.id))).parts[1]!.deadline).toMatchObject({ sla: 'paused' });
    });

    it('resubmission restarts each clock with the days it kept', async () => {
      const v = await ok(post(t, w.consumerB, `/applications/${app.id}/submit`));
      // 6 working days from Mon 11-02: 11-03, 04, 05, 06, 09, 10.
      expect(v.parts[0]!.deadline).toMatchObject({
        dueDate: '2026-11-10',
        sla: 'green',
        remainingWorkingDays: 6,
      });
      // The paused clock kept one day: 11-03.
      expect(v.parts[1]!.deadline).toMatchObject({
        dueDate: '2026-11-03',
        sla: 'amber',
        remainingWorkingDays: 1,
      });
    });

    it('an overdue part escalates once: alert for its approvers, reviewers told, evidence recorded', async () => {
      await at('2026-11-04T02:00:00.000Z');
      expect(await sweep()).toEqual({ escalated: 1 });
      const [alert] = await alerts(app.id);
      expect(alert).toMatchObject({
        type: 'sharing.overdue',
        responsible_role: 'approver',
        org_id: w.orgC,
        dedup_key: `sharing.overdue:${app.id}:${app.parts[1]!.id}:provider`,
      });
      const v = await ok(getApp(t, w.consumerB, app.id));
      expect(v.parts[1]!.deadline).toMatchObject({ sla: 'red' });
      expect(v.parts[1]!.escalatedAt).toBe('2026-11-04T02:00:00.000Z');
      expect(v.parts[1]!.status).toBe('pending');
      expect(v.parts[0]!.deadline).toMatchObject({ sla: 'green', remainingWorkingDays: 4 });
      const [ev] = await eventsOf(t, app.id, 'sharing.part.escalate');
      expect(ev).toMatchObject({ actor_kind: 'system', org_id: w.orgC });
      expect(ev!.details).toMatchObject({ partId: app.parts[1]!.id, stage: 'provider' });
      expect(
        (await inbox(t, w.tokens.reviewer)).some(
          (m) => m.type === 'sharing.escalated' && m.subject.id === app.id,
        ),
      ).toBe(true);
      expect((await inbox(t, w.approverC)).some((m) => m.type.startsWith('alert.'))).toBe(true);
      const q = await ok<{ items: { kind: string; partId: string | null }[] }>(
        send(t, 'GET', '/api/v1/sharing/queue', { token: w.tokens.reviewer }),
      );
      expect(q.items).toContainEqual(
        expect.objectContaining({
          kind: 'escalated',
          partId: app.parts[1]!.id,
          resourceId: app.parts[1]!.resourceId,
          consumerOrgName: expect.any(String) as unknown,
        }),
      );
      // Once only, however often the sweep runs.
      expect(await sweep()).toEqual({ escalated: 0 });
      t.clock.advance(3_600_000);
      expect(await sweep()).toEqual({ escalated: 0 });
      expect(await eventsOf(t, app.id, 'sharing.part.escalate')).toHaveLength(1);
    });

    it('a dispute starts the five-day mediation clock', async () => {
      await ok(decide(t, w.approverC, app, 1, { decision: 'refuse', reason: '超出范围', basis: '内部规定' }));
      const v = await ok(
        post(t, w.consumerB, `/applications/${app.id}/parts/${app.parts[1]!.id}/dispute`, {
          reason: '法定职责',
        }),
      );
      // From Wed 11-04: 11-05, 06, 09, 10, 11.
      expect(v.parts[1]!.deadline).toMatchObject({
        stage: 'mediation',
        workingDays: 5,
        dueDate: '2026-11-11',
      });
    });
  });
});
