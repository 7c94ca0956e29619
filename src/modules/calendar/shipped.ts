import { WorkingCalendar } from './domain/calendar.js';
import type { CalendarYear } from './domain/types.js';
import { CN_2025, CN_2026 } from './data/index.js';

/** The official schedules shipped with Orderly, ascending by year. */
export const SHIPPED_CALENDAR_YEARS: readonly CalendarYear[] = Object.freeze([CN_2025, CN_2026]);

/** A calendar of the shipped years plus `extra` ones (e.g. supplied by secadmin); extra replaces a shipped year. */
export function createCalendar(extra: readonly CalendarYear[] = []): WorkingCalendar {
  const replaced = new Set(extra.map((y) => y.year));
  return new WorkingCalendar([...SHIPPED_CALENDAR_YEARS.filter((y) => !replaced.has(y.year)), ...extra]);
}
