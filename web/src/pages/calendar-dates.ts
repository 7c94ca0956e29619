import type { CalendarDayInfo } from '../api/ops-types';

// Dates for the calendar page. The working calendar is kept in Asia/Shanghai (UTC+8, no daylight saving),
// whatever the browser's own time zone, so "today" and entered times are Beijing time.

const SHANGHAI = 'Asia/Shanghai';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Beijing time: 'YYYY-MM-DD' and 'HH:mm'. */
export function shanghaiParts(at: Date = new Date()): { date: string; time: string } {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** This month in Beijing time, 'YYYY-MM'. */
export function currentMonth(): string {
  return shanghaiParts().date.slice(0, 7);
}

/** The month `delta` months after 'YYYY-MM'. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** True for a 'YYYY-MM' month the API accepts. */
export function isMonth(v: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
}

/** Monday-first weeks of a month's days; null pads the first and last week. */
export function monthWeeks(days: CalendarDayInfo[]): (CalendarDayInfo | null)[][] {
  const first = days[0];
  if (!first) return [];
  const lead = (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (CalendarDayInfo | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDayInfo | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** A 'YYYY-MM-DDTHH:mm' value of a datetime-local field, read as Beijing time, as an ISO instant. */
export function beijingInstant(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+08:00`;
}

/** A plain date or month shown in the given language (no time-zone shift). */
export function formatPlainDate(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const iso = date.length === 7 ? `${date}-01` : date;
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** Consecutive days with the same festival name, e.g. 国庆节 10-01 … 10-08. */
export function namedRuns(
  days: CalendarDayInfo[],
): { name: string; kind: string; from: string; to: string }[] {
  const runs: { name: string; kind: string; from: string; to: string }[] = [];
  days.forEach((d, i) => {
    if (!d.name) return;
    const last = runs[runs.length - 1];
    // Extend the last run only when it ended on the day before, with the same name and kind.
    if (last && days[i - 1]?.date === last.to && last.name === d.name && last.kind === d.kind)
      last.to = d.date;
    else runs.push({ name: d.name, kind: d.kind, from: d.date, to: d.date });
  });
  return runs;
}
