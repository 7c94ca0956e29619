import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from './calendar.js';
import { CN_2025 } from '../data/cn-2025.js';
import { CN_2026 } from '../data/cn-2026.js';
import { addWorkingDays, deadline, remainingWorkingDays, toInstant, workingDaysBetween } from './deadline.js';

const cal = new WorkingCalendar([CN_2025, CN_2026]);

/** The working days counted after `from`, up to and including `to`. */
function countedDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = addWorkingDays(cal, from, 1).date; d <= to; d = addWorkingDays(cal, d, 1).date) out.push(d);
  return out;
}

describe('deadline', () => {
  it('skips weekends', () => {
    // Thursday 2026-03-05, 10:00 local: Fri 6, Mon 9, Tue 10.
    const d = deadline(cal, '2026-03-05T10:00:00+08:00', 3);
    expect(d).toEqual({ dueAt: '2026-03-10T16:00:00.000Z', dueDate: '2026-03-10', provisional: false });
  });

  it('never counts the triggering day, even a working one', () => {
    expect(deadline(cal, '2026-03-05T00:00:00+08:00', 1).dueDate).toBe('2026-03-06');
    // Triggered on a Sunday: Monday is day 1.
    expect(deadline(cal, '2026-03-08T12:00:00+08:00', 1).dueDate).toBe('2026-03-09');
  });

  it('crosses 国庆 2026 and counts the make-up Saturday', () => {
    const d = deadline(cal, '2026-09-29T09:00:00+08:00', 5);
    expect(countedDays('2026-09-29', d.dueDate)).toEqual([
      '2026-09-30', // Wednesday
      '2026-10-08', // Thursday, after 国庆节 10/1–10/7
      '2026-10-09', // Friday
      '2026-10-10', // Saturday, make-up workday (国庆节调休)
      '2026-10-12', // Monday
    ]);
    expect(d).toEqual({ dueAt: '2026-10-12T16:00:00.000Z', dueDate: '2026-10-12', provisional: false });
  });

  it('counts the make-up Sunday before 国庆 2026', () => {
    // Friday 2026-09-18: Sun 9/20 is a make-up workday, then Mon 9/21.
    expect(countedDays('2026-09-18', deadline(cal, '2026-09-18T10:00:00+08:00', 2).dueDate)).toEqual([
      '2026-09-20',
      '2026-09-21',
    ]);
  });

  it('crosses 春节 2025 with both make-up days', () => {
    // Friday 2025-01-24: Sun 1/26 (make-up), Mon 1/27, then 1/28–2/4 off, Wed 2/5, Thu 2/6, Fri 2/7, Sat 2/8 (make-up).
    const d = deadline(cal, '2025-01-24T15:00:00+08:00', 7);
    expect(countedDays('2025-01-24', d.dueDate)).toEqual([
      '2025-01-26',
      '2025-01-27',
      '2025-02-05',
      '2025-02-06',
      '2025-02-07',
      '2025-02-08',
      '2025-02-10',
    ]);
    expect(d.dueAt).toBe('2025-02-10T16:00:00.000Z');
    expect(deadline(cal, '2025-01-27T10:00:00+08:00', 1).dueDate).toBe('2025-02-05');
  });

  it('takes the local date in Shanghai, not the UTC date', () => {
    // Friday 2026-03-06 23:30 local = 15:30Z Friday; Saturday 00:30 local = 16:30Z, still Friday in UTC.
    const friday = deadline(cal, '2026-03-06T15:30:00Z', 2);
    const saturday = deadline(cal, '2026-03-06T16:30:00Z', 2);
    expect(friday.dueDate).toBe('2026-03-10'); // Mon 9, Tue 10
    expect(saturday.dueDate).toBe('2026-03-10'); // a weekend trigger also starts counting on Monday
    // Before the make-up Saturday 2026-02-14 the local date decides everything.
    const fri = deadline(cal, '2026-02-13T15:30:00Z', 1); // Fri 23:30 local: Sat 2/14 is a make-up workday
    const sat = deadline(cal, '2026-02-13T16:30:00Z', 1); // Sat 00:30 local: 2/14 itself does not count
    expect(fri).toMatchObject({ dueDate: '2026-02-14', dueAt: '2026-02-14T16:00:00.000Z' });
    expect(sat).toMatchObject({ dueDate: '2026-02-24', dueAt: '2026-02-24T16:00:00.000Z' }); // after 春节 2/15–2/23
  });

  it('accepts a Date and offsets other than Z', () => {
    const a = deadline(cal, new Date('2026-09-29T01:00:00.000Z'), 5);
    const b = deadline(cal, '2026-09-29T09:00+08:00', 5);
    const c = deadline(cal, '2026-09-28T20:00:00.123456-05:00', 5); // = 2026-09-29 09:00 local
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('is due at 24:00 Shanghai = 00:00 the next local day', () => {
    const d = deadline(cal, '2026-09-29T09:00:00+08:00', 5);
    expect(new Date(d.dueAt).getTime()).toBe(new Date('2026-10-13T00:00:00+08:00').getTime());
  });

  it('counts weekends only past the calendar, provisionally', () => {
    // Friday 2027-01-29 → Monday 2027-02-01, but the 2027 schedule is not loaded.
    expect(deadline(cal, '2027-01-29T10:00:00+08:00', 1)).toEqual({
      dueAt: '2027-02-01T16:00:00.000Z',
      dueDate: '2027-02-01',
      provisional: true,
    });
  });

  it('is provisional when it starts in 2026 and ends in 2027', () => {
    // Wed 2026-12-30: Thu 12/31, then 2027: Fri 1/1 (surely 元旦, but not loaded), Mon 1/4, Tue 1/5, Wed 1/6.
    expect(deadline(cal, '2026-12-30T10:00:00+08:00', 5)).toEqual({
      dueAt: '2027-01-06T16:00:00.000Z',
      dueDate: '2027-01-06',
      provisional: true,
    });
    // Ending on 2026-12-31 is final.
    expect(deadline(cal, '2026-12-24T10:00:00+08:00', 5)).toMatchObject({
      dueDate: '2026-12-31',
      provisional: false,
    });
  });

  it('is final when only the triggering day lies outside the calendar', () => {
    // Tue 2024-12-31: 1/1 is 元旦 (loaded), so day 1 is Thu 2025-01-02.
    expect(deadline(cal, '2024-12-31T10:00:00+08:00', 1)).toMatchObject({
      dueDate: '2025-01-02',
      provisional: false,
    });
  });

  it('rejects N outside 1…1000 and bad instants', () => {
    for (const n of [0, -1, 1.5, NaN, Infinity, 1001]) {
      expect(() => deadline(cal, '2026-09-29T09:00:00+08:00', n), String(n)).toThrow(RangeError);
    }
    expect(deadline(cal, '2026-09-29T09:00:00+08:00', 1000).provisional).toBe(true);
    for (const at of ['2026-09-29T09:00:00', '2026-09-29', '2026-02-30T09:00:00Z', 'yesterday', '']) {
      expect(() => deadline(cal, at, 1), at).toThrow(RangeError);
    }
    expect(() => deadline(cal, new Date(NaN), 1)).toThrow(RangeError);
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('adds working days from a date', () => {
    expect(addWorkingDays(cal, '2026-09-29', 5)).toEqual({ date: '2026-10-12', provisional: false });
    expect(addWorkingDays(cal, '2026-10-03', 0)).toEqual({ date: '2026-10-03', provisional: false });
    expect(() => addWorkingDays(cal, '2026-10-03', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, '2026/10/03', 1)).toThrow(RangeError);
  });

  it('counts working days after from, up to and including to', () => {
    expect(workingDaysBetween(cal, '2026-09-29', '2026-10-12')).toEqual({ days: 5, provisional: false });
    expect(workingDaysBetween(cal, '2026-10-12', '2026-09-29')).toEqual({ days: -5, provisional: false });
    expect(workingDaysBetween(cal, '2026-10-01', '2026-10-07')).toEqual({ days: 0, provisional: false });
    expect(workingDaysBetween(cal, '2026-10-05', '2026-10-05')).toEqual({ days: 0, provisional: false });
    expect(workingDaysBetween(cal, '2026-12-31', '2027-01-01')).toEqual({ days: 1, provisional: true });
    expect(workingDaysBetween(cal, '2024-12-31', '2025-12-31').days).toBe(248); // the whole of 2025
    expect(workingDaysBetween(cal, '2025-01-01', '2025-12-31').days).toBe(248); // 1/1 is 元旦 anyway
  });
});

describe('remainingWorkingDays', () => {
  const dueAt = deadline(cal, '2026-09-29T09:00:00+08:00', 5).dueAt; // due 2026-10-12 24:00

  it('starts at N and counts down by working days', () => {
    expect(remainingWorkingDays(cal, '2026-09-29T09:00:00+08:00', dueAt)).toEqual({
      days: 5,
      overdue: false,
      provisional: false,
    });
    expect(remainingWorkingDays(cal, '2026-10-05T12:00:00+08:00', dueAt).days).toBe(4); // a holiday: 9/30 used
    expect(remainingWorkingDays(cal, '2026-10-10T12:00:00+08:00', dueAt).days).toBe(1);
    expect(remainingWorkingDays(cal, '2026-10-12T23:59:59.999+08:00', dueAt)).toMatchObject({
      days: 0,
      overdue: false,
    });
  });

  it('goes overdue at 24:00 and negative on the next working day', () => {
    expect(remainingWorkingDays(cal, '2026-10-13T00:00:00+08:00', dueAt)).toMatchObject({
      days: -1,
      overdue: true,
    });
    const fridayDue = deadline(cal, '2026-03-05T10:00:00+08:00', 1).dueAt; // Friday 2026-03-06
    expect(remainingWorkingDays(cal, '2026-03-07T10:00:00+08:00', fridayDue)).toMatchObject({
      days: 0,
      overdue: true,
    });
  });

  it('resumes a paused clock from what was left', () => {
    // Paused on 2026-10-08 with 3 left (10/9, 10/10, 10/12); resumed on Friday 2026-10-16.
    const left = remainingWorkingDays(cal, '2026-10-08T15:00:00+08:00', dueAt).days;
    expect(left).toBe(3);
    expect(deadline(cal, '2026-10-16T09:00:00+08:00', left).dueDate).toBe('2026-10-21');
  });

  it('parses its inputs strictly', () => {
    expect(() => remainingWorkingDays(cal, '2026-10-08', dueAt)).toThrow(RangeError);
    expect(toInstant('2026-10-08T15:00:00+08:00').toISOString()).toBe('2026-10-08T07:00:00.000Z');
  });
});
