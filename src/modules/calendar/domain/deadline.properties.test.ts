// Property tests (fast-check) of the deadline arithmetic over triggers from mid-2024 to 2028, so runs cross
// the loaded years (2025–2026), the years before and after them, and the boundaries between.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../kernel/index.js';
import { WorkingCalendar } from './calendar.js';
import { CN_2025 } from '../data/cn-2025.js';
import { CN_2026 } from '../data/cn-2026.js';
import { dayNumber, isoDate } from './dates.js';
import { addWorkingDays, deadline, remainingWorkingDays, workingDaysBetween } from './deadline.js';

const cal = new WorkingCalendar([CN_2025, CN_2026]);
const trigger = fc.date({
  min: new Date('2024-06-01T00:00:00Z'),
  max: new Date('2028-06-01T00:00:00Z'),
  noInvalidDate: true,
});
const n = fc.integer({ min: 1, max: 60 });
const date = fc
  .integer({ min: dayNumber('2024-06-01'), max: dayNumber('2028-06-01') })
  .map((d) => isoDate(d));

describe('deadline properties', () => {
  it('is due at 16:00:00.000Z of its due date, a working day after the trigger', () => {
    fc.assert(
      fc.property(trigger, n, (t, k) => {
        const d = deadline(cal, t, k);
        expect(d.dueAt).toBe(`${d.dueDate}T16:00:00.000Z`);
        expect(new Date(d.dueAt).getTime()).toBeGreaterThan(t.getTime());
        expect(shanghaiDate(new Date(new Date(d.dueAt).getTime() - 1))).toBe(d.dueDate);
        expect(d.dueDate > shanghaiDate(t)).toBe(true);
        expect(cal.isWorkingDay(d.dueDate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('has exactly N working days between the trigger date and the due date', () => {
    fc.assert(
      fc.property(trigger, n, (t, k) => {
        const d = deadline(cal, t, k);
        expect(workingDaysBetween(cal, shanghaiDate(t), d.dueDate).days).toBe(k);
        expect(remainingWorkingDays(cal, t, d.dueAt)).toEqual({
          days: k,
          overdue: false,
          provisional: d.provisional,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('is strictly monotone in N', () => {
    fc.assert(
      fc.property(trigger, n, n, (t, a, b) => {
        fc.pre(a !== b);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        expect(deadline(cal, t, lo).dueAt < deadline(cal, t, hi).dueAt).toBe(true);
      }),
    );
  });

  it('is monotone in the trigger time', () => {
    fc.assert(
      fc.property(trigger, trigger, n, (t1, t2, k) => {
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(deadline(cal, early, k).dueAt <= deadline(cal, late, k).dueAt).toBe(true);
      }),
    );
  });

  it('is provisional exactly when a counted day lies outside 2025–2026', () => {
    fc.assert(
      fc.property(trigger, n, (t, k) => {
        const d = deadline(cal, t, k);
        const firstCounted = isoDate(dayNumber(shanghaiDate(t)) + 1);
        const outside = firstCounted < '2025-01-01' || d.dueDate > '2026-12-31';
        expect(d.provisional).toBe(outside);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the weekends-only count wherever no year is loaded', () => {
    const weekendsOnly = new WorkingCalendar([]);
    fc.assert(
      fc.property(trigger, n, (t, k) => {
        const d = deadline(cal, t, k);
        fc.pre(shanghaiDate(t) >= '2027-01-01');
        expect(deadline(weekendsOnly, t, k)).toEqual(d);
      }),
    );
  });
});

describe('working-day arithmetic properties', () => {
  it('adding N then counting gives N', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 300 }), (d, k) => {
        const r = addWorkingDays(cal, d, k);
        expect(workingDaysBetween(cal, d, r.date)).toEqual({ days: k, provisional: r.provisional });
      }),
    );
  });

  it('counting is antisymmetric and additive', () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        const ab = workingDaysBetween(cal, a, b).days;
        expect(workingDaysBetween(cal, b, a).days + ab).toBe(0);
        expect(ab + workingDaysBetween(cal, b, c).days).toBe(workingDaysBetween(cal, a, c).days);
      }),
    );
  });

  it('adding is monotone in N and lands on a working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 300 }), (d, k) => {
        const r = addWorkingDays(cal, d, k).date;
        expect(cal.isWorkingDay(r)).toBe(true);
        expect(addWorkingDays(cal, d, k - 1).date < r).toBe(true);
      }),
    );
  });
});
