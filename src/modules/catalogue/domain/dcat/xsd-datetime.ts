// Strict xsd:date / xsd:dateTime checks. The DCAT-AP shapes don't look at date values and JavaScript's Date
// quietly rolls 2026-02-30 over to 2 March, so neither can be trusted to keep an impossible date out of the
// export: this checks the XML Schema lexical form and that the day exists in the proleptic Gregorian calendar.
// Years are limited to 0001-9999 (four digits), a strict subset of XML Schema that every consumer can parse.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function realDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function realZone(tz: string | undefined): boolean {
  if (tz === undefined || tz === 'Z') return true;
  const hh = Number(tz.slice(1, 3));
  const mm = Number(tz.slice(4, 6));
  return mm <= 59 && (hh < 14 || (hh === 14 && mm === 0));
}

/** True when `s` is a valid xsd:dateTime (lexical form and a real calendar day and time). */
export function isXsdDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [, y = '', mo = '', d = '', hh = '', mi = '', ss = '', frac, tz] = m;
  if (!realDate(y, mo, d) || !realZone(tz)) return false;
  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss);
  // 24:00:00 is XML Schema's spelling of the end of the day, allowed only with nothing after it.
  if (hour === 24) return minute === 0 && second === 0 && (frac === undefined || /^\.0+$/.test(frac));
  return hour <= 23 && minute <= 59 && second <= 59;
}

/** True when `s` is a valid xsd:date (lexical form and a real calendar day). */
export function isXsdDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [, y = '', mo = '', d = '', tz] = m;
  return realDate(y, mo, d) && realZone(tz);
}

/**
 * Normalises an ISO 8601 date-time with a time zone to UTC xsd:dateTime (`2026-03-01T00:00:00Z`, milliseconds
 * kept only when non-zero); throws a RangeError for anything that is not a valid, zoned xsd:dateTime, so an
 * impossible date never reaches an export.
 */
export function toXsdDateTime(value: string, what = 'date-time'): string {
  if (!isXsdDateTime(value) || !/(Z|[+-]\d{2}:\d{2})$/.test(value))
    throw new RangeError(
      `${what} must be an ISO 8601 date-time with a time zone, got ${JSON.stringify(value)}`,
    );
  const utc = new Date(value).toISOString().replace(/\.000Z$/, 'Z');
  // Shifting to UTC can push 0001-01-01 or 9999-12-31 out of the four-digit years.
  if (!isXsdDateTime(utc))
    throw new RangeError(`${what} is outside the years 0001-9999: ${JSON.stringify(value)}`);
  return utc;
}
