// Validates a year of the calendar supplied as JSON (by secadmin, or the shipped data on load). Every
// problem is reported at once with the path of the offending value, so a file can be fixed in one pass.
// Text is only trimmed, not normalised: full-width punctuation （〔〕、） is correct in a notice title.
import type { CheckResult, CodeIssue } from '../../../kernel/index.js';
import { isWeekend, tryDayNumber } from './dates.js';
import type { CalendarDay, CalendarYear } from './types.js';

/** A problem in a calendar year file; `path` points at the value, e.g. 'holidays[3].date'. */
export interface CalendarFileIssue extends CodeIssue {
  path: string;
}

/** The outcome of parsing a calendar year: `value` (sorted, names trimmed) is present iff `ok`. */
export interface CalendarFileResult extends CheckResult<CalendarYear> {
  issues: CalendarFileIssue[];
}

/** Options for parseCalendarYear. */
export interface ParseCalendarYearOptions {
  /** The year the file must be for (e.g. the year an upload form was opened for). */
  year?: number;
}

const KNOWN_KEYS = new Set(['year', 'source', 'holidays', 'workdays']);
const MAX_ENTRIES = 366;
const MAX_SOURCE = 500;
const MAX_NAME = 50;

/** Parses unknown JSON into a CalendarYear; never throws, whatever the input. */
export function parseCalendarYear(
  input: unknown,
  options: ParseCalendarYearOptions = {},
): CalendarFileResult {
  const issues: CalendarFileIssue[] = [];
  const err = (path: string, code: string, message: string): void => {
    issues.push({ path, code, message, severity: 'error' });
  };
  const warn = (path: string, code: string, message: string): void => {
    issues.push({ path, code, message, severity: 'warning' });
  };

  if (!isRecord(input)) {
    err('(root)', 'CAL_NOT_OBJECT', 'A calendar year must be a JSON object.');
    return { ok: false, issues };
  }
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) warn(key, 'CAL_UNKNOWN_FIELD', `Unknown field "${key}" is ignored.`);
  }

  const year = input.year;
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1000 && year <= 9999;
  if (!yearOk) err('year', 'CAL_YEAR', 'year must be a four-digit whole number.');
  else if (options.year !== undefined && year !== options.year) {
    err('year', 'CAL_YEAR_MISMATCH', `The file is for ${year}, expected ${options.year}.`);
  }

  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (source === '' || source.length > MAX_SOURCE) {
    err(
      'source',
      'CAL_SOURCE',
      `source must name the notice and its document number (1–${MAX_SOURCE} characters).`,
    );
  }

  const readList = (key: 'holidays' | 'workdays'): Map<string, CalendarDay> => {
    const out = new Map<string, CalendarDay>();
    const list = input[key];
    if (!Array.isArray(list)) {
      err(key, 'CAL_LIST', `${key} must be an array (it may be empty).`);
      return out;
    }
    if (list.length > MAX_ENTRIES) {
      err(key, 'CAL_TOO_MANY', `${key} has ${list.length} entries; a year has at most ${MAX_ENTRIES} days.`);
      return out;
    }
    list.forEach((entry: unknown, i) => {
      const path = `${key}[${i}]`;
      if (!isRecord(entry)) return err(path, 'CAL_ENTRY', 'Each entry must be an object {date, name}.');
      const name = typeof entry.name === 'string' ? entry.name.trim() : '';
      if (name === '' || name.length > MAX_NAME) {
        err(`${path}.name`, 'CAL_NAME', `name must be 1–${MAX_NAME} characters, e.g. '春节'.`);
      }
      const date = entry.date;
      const day = typeof date === 'string' ? tryDayNumber(date) : undefined;
      if (typeof date !== 'string' || day === undefined) {
        return err(`${path}.date`, 'CAL_DATE', `date must be a real date in the form YYYY-MM-DD.`);
      }
      if (yearOk && !date.startsWith(`${year}-`)) {
        err(`${path}.date`, 'CAL_DATE_OUTSIDE_YEAR', `${date} is not in ${year}.`);
      }
      if (out.has(date)) return err(`${path}.date`, 'CAL_DUPLICATE', `${date} is listed twice in ${key}.`);
      if (key === 'workdays' && !isWeekend(day)) {
        err(
          `${path}.date`,
          'CAL_WORKDAY_NOT_WEEKEND',
          `${date} is a weekday, so it is a working day already.`,
        );
      }
      out.set(date, { date, name });
    });
    return out;
  };
  const holidays = readList('holidays');
  const workdays = readList('workdays');

  for (const date of workdays.keys()) {
    if (holidays.has(date)) {
      err('workdays', 'CAL_HOLIDAY_AND_WORKDAY', `${date} is listed both as a holiday and as a workday.`);
    }
  }
  if (Array.isArray(input.holidays) && input.holidays.length === 0) {
    warn('holidays', 'CAL_NO_HOLIDAYS', 'No holidays are listed; every national schedule has some.');
  }

  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  const sorted = (m: Map<string, CalendarDay>): CalendarDay[] =>
    [...m.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    ok: true,
    value: { year: year as number, source, holidays: sorted(holidays), workdays: sorted(workdays) },
    issues,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
