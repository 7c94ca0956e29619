// Plain calendar dates ('YYYY-MM-DD') as whole day numbers, so arithmetic never goes through a local time
// zone or daylight saving: day 0 is 1970-01-01, and Date is used only in UTC to convert.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a 'YYYY-MM-DD' date, or undefined if it is not a real proleptic-Gregorian date. */
export function tryDayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  // Date rolls 02-30 over to 03-02; a real date comes back unchanged.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return Math.round(t.getTime() / DAY_MS);
}

/** The day number of a 'YYYY-MM-DD' date; throws RangeError for anything else. */
export function dayNumber(date: string): number {
  const n = typeof date === 'string' ? tryDayNumber(date) : undefined;
  if (n === undefined) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${JSON.stringify(date)}`);
  return n;
}

/** The 'YYYY-MM-DD' date of a day number (years 0000–9999). */
export function isoDate(day: number): string {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  if (!Number.isInteger(day) || !(y >= 0 && y <= 9999))
    throw new RangeError(`Day number out of range: ${day}`);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** The year of a day number. */
export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True on Saturday and Sunday. */
export function isWeekend(day: number): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

/** The UTC instant at which local date `day` ends in Asia/Shanghai (UTC+8, no DST since 1991): 16:00Z. */
export function endOfShanghaiDay(day: number): Date {
  return new Date(day * DAY_MS + 16 * 3_600_000);
}
