// The working-day calendar: the only door other modules may import.

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
export { CN_2025, CN_2026 } from './data/index.js';
export { SHIPPED_CALENDAR_YEARS, createCalendar } from './shipped.js';
export { CalendarService, type CalendarDeps } from './calendar.service.js';
export { calendarRoutes } from './calendar.routes.js';
export { calendarMigrations } from './migrations/index.js';
