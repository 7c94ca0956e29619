// Dates as registers write them, and the test for "these are people's birth dates". A birth-date column is a
// date column whose header says birth (出生, 生日, dob…), or — under a bland header — whose dates look like a
// population's birthdays: none in the future, none with a time of day, most people at least 12 years old, and
// ages spread over decades. Event dates (立案, 登记, 成立…) are dates too but say nothing about a person.

/** A parsed calendar date; `timed` is true when a time of day other than midnight came with it. */
export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  timed: boolean;
}

const SEPARATED =
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Reads YYYY-MM-DD (or / .), YYYYMMDD, YYYY年M月D日, optionally with a time; undefined if not a real date. */
export function parseDate(value: string): ParsedDate | undefined {
  const m = SEPARATED.exec(value) ?? CHINESE.exec(value) ?? COMPACT.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // An 8-digit number is a date only in a sensible range; 30001231 is an amount or a code.
  if (year < 1800 || year > 2199 || !realDate(year, month, day)) return undefined;
  const timed = m[4] !== undefined && (Number(m[4]) !== 0 || Number(m[5]) !== 0 || Number(m[6] ?? 0) !== 0);
  return { year, month, day, timed };
}

/** A date as a YYYYMMDD number, for comparisons. */
export function dateNumber(d: { year: number; month: number; day: number }): number {
  return d.year * 10000 + d.month * 100 + d.day;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The China (UTC+8) calendar date of an instant as YYYYMMDD. */
export function chinaDateNumber(t: Date): number {
  const d = new Date(t.getTime() + CHINA_OFFSET_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** Earliest birth year treated as plausible for a living or recently recorded person. */
export const EARLIEST_BIRTH_YEAR = 1900;

/** True if the date could be a birth date on `today` (YYYYMMDD): from 1900 up to today. */
export function plausibleBirth(d: ParsedDate, today: number): boolean {
  return d.year >= EARLIEST_BIRTH_YEAR && dateNumber(d) <= today;
}

/** How a set of dates looks as birth dates: how many are plausible, whether the ages look like people's. */
export interface BirthProfile {
  /** Dates from 1900 up to today, without a time of day. */
  plausible: number;
  /** True when ages look like people's: median at least 12 years, 10th–90th percentile spread ≥ 15 years. */
  populationLike: boolean;
}

/** Profiles parsed dates as birth dates on `today` (YYYYMMDD). */
export function birthProfile(dates: readonly ParsedDate[], today: number): BirthProfile {
  const ok = dates.filter((d) => !d.timed && plausibleBirth(d, today));
  const years = ok.map((d) => d.year).sort((a, b) => a - b);
  if (years.length === 0) return { plausible: 0, populationLike: false };
  const at = (q: number): number => years[Math.min(years.length - 1, Math.floor(q * years.length))] ?? 0;
  const todayYear = Math.floor(today / 10000);
  return { plausible: ok.length, populationLike: todayYear - at(0.5) >= 12 && at(0.9) - at(0.1) >= 15 };
}
