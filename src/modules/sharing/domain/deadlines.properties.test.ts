import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, deadline, remainingWorkingDays } from '../../calendar/index.js';
import { daysKeptOnPause, slaOf } from './deadlines.js';

// Properties of pausing over the shipped 2025–2026 calendars: a pause never loses or invents working days,
// never leaves less than one, and a resumption restarts exactly the days kept.
const cal = createCalendar();
const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN = Date.parse('2026-09-01T00:00:00Z') - START;
const instant = fc.integer({ min: 0, max: SPAN }).map((ms) => new Date(START + ms));

describe('deadline clocks (properties)', () => {
  it('a pause keeps between 1 and N working days, and exactly what remains while running', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (t0, n, dt) => {
          const due = deadline(cal, t0, n).dueAt;
          const pausedAt = new Date(t0.getTime() + dt);
          const kept = daysKeptOnPause(cal, pausedAt, due);
          expect(kept).toBeGreaterThanOrEqual(1);
          expect(kept).toBeLessThanOrEqual(n);
          const left = remainingWorkingDays(cal, pausedAt, due).days;
          if (left >= 1) expect(kept).toBe(left);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('resuming at once restores the due date whenever at least one working day was left', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 30 * 86_400_000 }),
        (t0, n, dt) => {
          const due = deadline(cal, t0, n);
          const at = new Date(t0.getTime() + dt);
          if (remainingWorkingDays(cal, at, due.dueAt).days < 1) return;
          expect(deadline(cal, at, daysKeptOnPause(cal, at, due.dueAt)).dueAt).toBe(due.dueAt);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the SLA state follows the days left: red once due, amber at ≤ 1 day, green otherwise', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        (t0, n, dt) => {
          const dueAt = deadline(cal, t0, n).dueAt;
          const now = new Date(t0.getTime() + dt);
          const s = slaOf(cal, now, { dueAt, pausedAt: null, remainingDays: null });
          if (now.getTime() >= Date.parse(dueAt)) expect(s.state).toBe('red');
          else expect(s.state).toBe(s.remainingWorkingDays <= 1 ? 'amber' : 'green');
        },
      ),
      { numRuns: 300 },
    );
  });
});
