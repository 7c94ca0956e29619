// The working-day calendar: the only door other modules may import. Pure domain, no I/O.
import { WorkingCalendar } from './domain/calendar.js';
import type { CalendarYear } from './domain/types.js';
import { CN_2025 } from './data/cn-2025.js';
import { CN_2026 } from './data/cn-2026.js';

export type { CalendarDay, CalendarYear } from './domain/types.js';
export { CalendarDataError, WorkingCalendar, type DayInfo, type DayKind } from './domain/calendar.js';
export {
  parseCalendarYear,
  type CalendarFileIssue,
  type CalendarFileResult,
  type ParseCalendarYearOptions,
} from './domain/calendar-file.js';
export {
  addWorkingDays,
  deadline,
  MAX_WORKING_DAYS,
  remainingWorkingDays,
  toInstant,
  workingDaysBetween,
  type Deadline,
  type RemainingWorkingDays,
  type WorkingDate,
  type WorkingDayCount,
} from './domain/deadline.js';
export { CN_2025, CN_2026 };

/** The official schedules shipped with Orderly, ascending by year. */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = Object.freeze([CN_2025, CN_2026]);

/** A calendar of the shipped years plus `extra` ones (e.g. supplied by secadmin); extra replaces a shipped year. */
export function createCalendar(extra: readonly CalendarYear[] = []): WorkingCalendar {
  const replaced = new Set(extra.map((y) => y.year));
  return new WorkingCalendar([...SHIPPED_CALENDAR_YEARS.filter((y) => !replaced.has(y.year)), ...extra]);
}
