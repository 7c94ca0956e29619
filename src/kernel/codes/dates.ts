// Calendar helpers for birth dates. Dates are handled as plain numbers, never through Date parsing, so no time
// zone or Date-range quirk can move a birth date by a day.

/** True if year/month/day is a real proleptic-Gregorian date (so 1900-02-29 is not, 2000-02-29 is). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

// ID numbers are issued in China Standard Time (UTC+8, no daylight saving since 1991), so "today" is the date
// in Beijing whatever the server's time zone.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China as a YYYYMMDD number; an invalid or missing `now` falls back to the clock. */
export function chinaToday(now?: Date): number {
  const t = now instanceof Date && Number.isFinite(now.getTime()) ? now.getTime() : Date.now();
  const d = new Date(t + CHINA_OFFSET_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
