import { describe, expect, it } from 'vitest';
import { createCalendar, deadline } from '../../calendar/index.js';
import { daysKeptOnPause, isOverdue, slaOf } from './deadlines.js';

// 2026 National Day: holidays 10-01..10-07, make-up workdays Sun 09-20 and Sat 10-10; 中秋 09-25..09-27.
const cal = createCalendar();
const at = (s: string) => new Date(s);

describe('slaOf', () => {
  // Submitted Wed 2026-09-30 10:00 +08:00 with 5 working days: 10-08, 10-09, 10-10 (Sat, make-up), 10-12, 10-13.
  const due = deadline(cal, '2026-09-30T10:00:00+08:00', 5);
  it('counts across National Day and its make-up Saturday', () => {
    expect(due.dueDate).toBe('2026-10-13');
    expect(due.dueAt).toBe('2026-10-13T16:00:00.000Z');
  });
  const clock = { dueAt: due.dueAt, pausedAt: null, remainingDays: null };

  it('is green with more than one working day left, through the holiday', () => {
    expect(slaOf(cal, at('2026-10-03T04:00:00Z'), clock)).toEqual({
      state: 'green',
      remainingWorkingDays: 5,
      overdue: false,
    });
    expect(slaOf(cal, at('2026-10-09T04:00:00Z'), clock).state).toBe('green');
  });
  it('is amber the working day before and on the due date', () => {
    expect(slaOf(cal, at('2026-10-12T04:00:00Z'), clock)).toEqual({
      state: 'amber',
      remainingWorkingDays: 1,
      overdue: false,
    });
    expect(slaOf(cal, at('2026-10-13T15:59:59Z'), clock)).toEqual({
      state: 'amber',
      remainingWorkingDays: 0,
      overdue: false,
    });
  });
  it('is red from 24:00 local of the due date', () => {
    expect(slaOf(cal, at('2026-10-13T16:00:00Z'), clock)).toMatchObject({ state: 'red', overdue: true });
    expect(isOverdue(at('2026-10-13T16:00:00Z'), clock)).toBe(true);
    expect(isOverdue(at('2026-10-13T15:59:59.999Z'), clock)).toBe(false);
  });
  it('is paused (never overdue) while returned', () => {
    const paused = { ...clock, pausedAt: '2026-10-09T02:00:00.000Z', remainingDays: 3 };
    expect(slaOf(cal, at('2026-12-01T00:00:00Z'), paused)).toEqual({
      state: 'paused',
      remainingWorkingDays: 3,
      overdue: false,
    });
    expect(isOverdue(at('2026-12-01T00:00:00Z'), paused)).toBe(false);
  });
});

describe('daysKeptOnPause', () => {
  const due = deadline(cal, '2026-09-30T10:00:00+08:00', 5).dueAt; // 10-13
  it('keeps the working days after today up to the due date', () => {
    // Paused during the holiday: none of the five working days has passed.
    expect(daysKeptOnPause(cal, at('2026-10-05T02:00:00Z'), due)).toBe(5);
    // Paused on Sat 10-10 (a make-up workday): 10-12 and 10-13 are left.
    expect(daysKeptOnPause(cal, at('2026-10-10T02:00:00Z'), due)).toBe(2);
  });
  it('keeps at least one day on the due date and after it', () => {
    expect(daysKeptOnPause(cal, at('2026-10-13T02:00:00Z'), due)).toBe(1);
    expect(daysKeptOnPause(cal, at('2026-10-20T02:00:00Z'), due)).toBe(1);
  });
  it('round-trips: pausing then resuming at once gives the same due date', () => {
    const t = at('2026-10-09T02:00:00Z');
    const kept = daysKeptOnPause(cal, t, due);
    expect(deadline(cal, t, kept).dueAt).toBe(due);
  });
});
