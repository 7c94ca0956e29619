// Deadline arithmetic in working days. The rule (docs/calendar.md): a deadline of N working days falls due
// at 24:00 Asia/Shanghai on the Nth working day after the local date of the triggering event. The day of
// the event never counts, whatever its time or kind; 24:00 local of date D is D 16:00:00.000Z.
import { shanghaiDate } from '../../../kernel/index.js';
import type { WorkingCalendar } from './calendar.js';
import { dayNumber, endOfShanghaiDay, isoDate, tryDayNumber } from './dates.js';

/** The largest N accepted (about four years): bounds the work and catches unit mistakes (hours for days). */
export const MAX_WORKING_DAYS = 1000;

/** When a deadline falls due. */
export interface Deadline {
  /** The instant it falls due, ISO-8601 UTC: always 16:00:00.000Z of dueDate. */
  dueAt: string;
  /** The last local (Asia/Shanghai) date on which it can be met: the Nth working day. */
  dueDate: string;
  /** True if any day counted lies in a year the calendar does not cover (weekends only were skipped). */
  provisional: boolean;
}

/** A date reached by counting working days. */
export interface WorkingDate {
  date: string;
  provisional: boolean;
}

/** A signed count of working days. */
export interface WorkingDayCount {
  days: number;
  provisional: boolean;
}

/** What is left of a running deadline. */
export interface RemainingWorkingDays {
  /** Working days after today's local date up to the due date; 0 on the due date, negative once past it. */
  days: number;
  /** True once `now` has reached dueAt. */
  overdue: boolean;
  provisional: boolean;
}

// An instant must carry its offset: '2026-09-29T10:00:00' alone would be read in the server's time zone.
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Parses a Date or an ISO-8601 instant with an offset ('Z' or '+08:00'); throws RangeError otherwise. */
export function toInstant(at: Date | string): Date {
  if (at instanceof Date) {
    if (Number.isFinite(at.getTime())) return new Date(at.getTime());
  } else if (typeof at === 'string') {
    const m = ISO_INSTANT.exec(at);
    const t = m?.[1] !== undefined && tryDayNumber(m[1]) !== undefined ? Date.parse(at) : NaN;
    if (Number.isFinite(t)) return new Date(t);
  }
  throw new RangeError(`Not an instant (a valid Date or an ISO-8601 time with an offset): ${String(at)}`);
}

/** The local date in Asia/Shanghai of an instant, as a day number. */
function localDay(at: Date): number {
  return dayNumber(shanghaiDate(at));
}

function checkCount(n: number, min: number, what: string): void {
  if (!Number.isInteger(n) || n < min || n > MAX_WORKING_DAYS) {
    throw new RangeError(`${what} must be a whole number from ${min} to ${MAX_WORKING_DAYS}, got ${n}.`);
  }
}

/** The date n working days after `date` (n ≥ 0; n = 0 gives `date` itself); `date` never counts. */
export function addWorkingDays(cal: WorkingCalendar, date: string, n: number): WorkingDate {
  checkCount(n, 0, 'The number of working days');
  const r = addDays(cal, dayNumber(date), n);
  return { date: isoDate(r.day), provisional: r.provisional };
}

function addDays(cal: WorkingCalendar, start: number, n: number): { day: number; provisional: boolean } {
  let day = start;
  let provisional = false;
  for (let left = n; left > 0;) {
    day += 1;
    if (!cal.coversDay(day)) provisional = true;
    if (cal.isWorkingDayNumber(day)) left -= 1;
  }
  return { day, provisional };
}

/**
 * Working days d with from < d ≤ to (the same counting as deadlines, so
 * workingDaysBetween(d, addWorkingDays(d, n)) = n); negative when to is before from.
 */
export function workingDaysBetween(cal: WorkingCalendar, fromDate: string, toDate: string): WorkingDayCount {
  return countBetween(cal, dayNumber(fromDate), dayNumber(toDate));
}

function countBetween(cal: WorkingCalendar, from: number, to: number): WorkingDayCount {
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let days = 0;
  let provisional = false;
  for (let day = lo + 1; day <= hi; day++) {
    if (!cal.coversDay(day)) provisional = true;
    if (cal.isWorkingDayNumber(day)) days += 1;
  }
  return { days: days === 0 ? 0 : sign * days, provisional }; // never -0
}

/** When a deadline of N working days (1 ≤ N ≤ MAX_WORKING_DAYS) triggered at `triggeredAt` falls due. */
export function deadline(cal: WorkingCalendar, triggeredAt: Date | string, workingDays: number): Deadline {
  // N = 0 is rejected rather than read as "by the end of today": no rule sets a zero-day limit, and it
  // could fall on a holiday.
  checkCount(workingDays, 1, 'A deadline');
  const r = addDays(cal, localDay(toInstant(triggeredAt)), workingDays);
  return {
    dueAt: endOfShanghaiDay(r.day).toISOString(),
    dueDate: isoDate(r.day),
    provisional: r.provisional,
  };
}

/**
 * Working days left on a deadline at `now`, counted like the deadline itself (today does not count), so
 * remainingWorkingDays(cal, t, deadline(cal, t, n).dueAt).days = n. A paused clock stores this at the pause
 * and, on resume, counts it again from the resume time.
 */
export function remainingWorkingDays(
  cal: WorkingCalendar,
  now: Date | string,
  dueAt: Date | string,
): RemainingWorkingDays {
  const nowAt = toInstant(now);
  const due = toInstant(dueAt);
  // The last day on which the deadline can be met is the local date just before the due instant.
  const lastDay = localDay(new Date(due.getTime() - 1));
  const r = countBetween(cal, localDay(nowAt), lastDay);
  return { days: r.days, overdue: nowAt.getTime() >= due.getTime(), provisional: r.provisional };
}
