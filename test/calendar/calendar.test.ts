import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { login, startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

const Y2027 = {
  year: 2027,
  source: '测试：2027年节假日安排（示例数据）',
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-10-01', name: '国庆节' },
    { date: '2027-10-04', name: '国庆节' },
  ],
  workdays: [{ date: '2027-09-26', name: '国庆节调休' }],
};

describe.each(engines)('working-day calendar service on %s', (engine) => {
  let t: TestPlatform;
  let sec: string;
  let sys: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sec = await login(t, 'secadmin');
    sys = await login(t, 'sysadmin');
  });
  afterAll(async () => t.close());

  it('counts across the 2026 National Day holiday and its make-up Saturday', async () => {
    // Triggered Tuesday 29 September 2026, 10:00 Shanghai; 5 working days: 30 Sep, (1–7 Oct off), Thu 8 Oct,
    // Fri 9 Oct, Sat 10 Oct (make-up workday), Mon 12 Oct → due at 24:00 on 12 October.
    const r = await send(
      t,
      'GET',
      `/api/v1/calendar/deadline?from=${encodeURIComponent('2026-09-29T10:00:00+08:00')}&workingDays=5`,
      { token: sys },
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      dueAt: '2026-10-12T16:00:00.000Z',
      dueDate: '2026-10-12',
      provisional: false,
    });
  });

  it('past the loaded years counts weekends only, marks the deadline provisional and alerts secadmin once', async () => {
    const q = `/api/v1/calendar/deadline?from=${encodeURIComponent('2026-12-30T09:00:00+08:00')}&workingDays=3`;
    const r = (await send(t, 'GET', q, { token: sys })).json();
    // 31 Dec, then 1 Jan 2027 (a Friday, unknown as a holiday) and Mon 4 Jan.
    expect(r).toEqual({ dueAt: '2027-01-04T16:00:00.000Z', dueDate: '2027-01-04', provisional: true });
    // The calculator only reads; deadlines the platform sets (through the service, in a change's
    // transaction) raise the alert — once, with repeats counted.
    expect((await send(t, 'GET', '/api/v1/alerts', { token: sec })).json()).toHaveLength(0);
    const ctx = systemContext('test', newId());
    for (let i = 0; i < 2; i++) {
      const d = await t.platform.db.kysely
        .transaction()
        .execute((tx) => t.platform.calendar.deadline(tx, ctx, new Date('2026-12-30T01:00:00Z'), 3));
      expect(d.provisional).toBe(true);
    }
    const alerts = (await send(t, 'GET', '/api/v1/alerts', { token: sec })).json();
    const provisional = alerts.filter((a: { type: string }) => a.type === 'calendar.provisional');
    expect(provisional).toHaveLength(1);
    expect(provisional[0].occurrences).toBe(2);
    const inbox = (await send(t, 'GET', '/api/v1/inbox', { token: sec })).json();
    expect(inbox.items.some((m: { title: string }) => m.title.includes('2027'))).toBe(true);
  });

  it('only secadmin loads a year; a bad file is refused with paths; the new year takes effect', async () => {
    expect(
      (await send(t, 'PUT', '/api/v1/calendar/years/2027', { token: sys, payload: Y2027 })).statusCode,
    ).toBe(403);
    const bad = await send(t, 'PUT', '/api/v1/calendar/years/2027', {
      token: sec,
      payload: {
        ...Y2027,
        workdays: [
          { date: '2027-09-27', name: '周一不是调休' },
          { date: '2028-01-02', name: '跨年' },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['workdays[0].date', 'workdays[1].date']));
    const ok = await send(t, 'PUT', '/api/v1/calendar/years/2027', { token: sec, payload: Y2027 });
    expect(ok.statusCode).toBe(200);
    const r = (
      await send(
        t,
        'GET',
        `/api/v1/calendar/deadline?from=${encodeURIComponent('2026-12-30T09:00:00+08:00')}&workingDays=3`,
        { token: sys },
      )
    ).json();
    // 1 Jan 2027 is now a holiday: 31 Dec, 4 Jan, 5 Jan.
    expect(r).toEqual({ dueAt: '2027-01-05T16:00:00.000Z', dueDate: '2027-01-05', provisional: false });
    const years = (await send(t, 'GET', '/api/v1/calendar/years', { token: sys })).json();
    expect(years.map((y: { year: number; origin: string }) => `${y.year}:${y.origin}`)).toEqual([
      '2025:shipped',
      '2026:shipped',
      '2027:loaded',
    ]);
    const month = (await send(t, 'GET', '/api/v1/calendar/month?month=2027-09', { token: sys })).json();
    expect(month.find((d: { date: string }) => d.date === '2027-09-26').kind).toBe('makeup-workday');
  });

  it('validates the calculator input', async () => {
    const r = await send(t, 'GET', '/api/v1/calendar/deadline?from=2026-09-29T10:00:00&workingDays=0', {
      token: sys,
    });
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.details.fields.map((f: { field: string }) => f.field);
    expect(fields.sort()).toEqual(['from', 'workingDays']);
  });
});
