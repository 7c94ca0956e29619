// Which local dates are working days. Loaded years follow the State Council schedule; any other year falls
// back to "Monday to Friday" and every answer touching it is marked provisional, because the schedule for a
// year is only published in the November before it.
import { parseCalendarYear, type CalendarFileIssue } from './calendar-file.js';
import { dayNumber, isWeekend, yearOf } from './dates.js';
import type { CalendarYear } from './types.js';

/** What kind of day a date is. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup-workday';

/** Everything the calendar knows about one date. */
export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** The festival, for holidays and make-up workdays. */
  name?: string;
  /** True when the date's year is not loaded, so only weekends were considered. */
  provisional: boolean;
}

/** Thrown when year data given to the calendar is invalid; `issues` lists every problem. */
export class CalendarDataError extends Error {
  readonly issues: readonly CalendarFileIssue[];
  constructor(message: string, issues: readonly CalendarFileIssue[]) {
    super(message);
    this.name = 'CalendarDataError';
    this.issues = issues;
  }
}

/** A working-day calendar built from validated year data; immutable. */
export class WorkingCalendar {
  /** The loaded years, ascending. */
  readonly coveredYears: readonly number[];
  private readonly years = new Map<number, CalendarYear>();
  private readonly holidays = new Map<number, string>();
  private readonly workdays = new Map<number, string>();

  /** Builds a calendar; every year is validated and a year may appear only once. */
  constructor(years: readonly CalendarYear[]) {
    for (const input of years) {
      const r = parseCalendarYear(input);
      if (!r.ok || !r.value) {
        const label = typeof input?.year === 'number' ? `year ${input.year}` : 'a year';
        const first = r.issues.find((i) => i.severity === 'error');
        throw new CalendarDataError(`Invalid calendar data for ${label}: ${first?.message ?? ''}`, r.issues);
      }
      const y = r.value;
      if (this.years.has(y.year)) {
        throw new CalendarDataError(`Calendar year ${y.year} is given twice.`, []);
      }
      this.years.set(y.year, y);
      for (const h of y.holidays) this.holidays.set(dayNumber(h.date), h.name);
      for (const w of y.workdays) this.workdays.set(dayNumber(w.date), w.name);
    }
    this.coveredYears = Object.freeze([...this.years.keys()].sort((a, b) => a - b));
  }

  /** The loaded data of a year, if any. */
  year(year: number): CalendarYear | undefined {
    return this.years.get(year);
  }

  /** True if the date's year is loaded, so the answer for it is final. */
  covers(date: string): boolean {
    return this.coversDay(dayNumber(date));
  }

  /** True if the date is a working day: a weekday that is not a holiday, or a make-up workday. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The kind of day, its festival and whether the answer is provisional. */
  dayInfo(date: string): DayInfo {
    const day = dayNumber(date);
    const provisional = !this.coversDay(day);
    const holiday = this.holidays.get(day);
    if (holiday !== undefined) return { date, kind: 'holiday', working: false, name: holiday, provisional };
    const workday = this.workdays.get(day);
    if (workday !== undefined)
      return { date, kind: 'makeup-workday', working: true, name: workday, provisional };
    return isWeekend(day)
      ? { date, kind: 'weekend', working: false, provisional }
      : { date, kind: 'weekday', working: true, provisional };
  }

  /** coversDay on a day number (for the deadline arithmetic). */
  coversDay(day: number): boolean {
    return this.years.has(yearOf(day));
  }

  /** isWorkingDay on a day number (for the deadline arithmetic). */
  isWorkingDayNumber(day: number): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !isWeekend(day);
  }
}
