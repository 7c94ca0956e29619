// Generalising masks: a birth date becomes its year, a region code its city or province, a birth date, ID
// number or age an age band. A value the mask cannot read becomes null: a generalisation that cannot be
// computed must not fall back to showing the value.
import { normaliseText, regionName } from '../../../../kernel/index.js';
import { isRealDate, type MaskSpecOf } from './spec.js';
import { upperAscii } from './text.js';

/** A calendar date as numbers; month and day are absent for "1990" or "1990-05". */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const MIN_YEAR = 1000;
/** The oldest age read from a plain number or "37岁"; larger numbers are read as dates (YYYY, YYYYMMDD). */
export const MAX_AGE = 150;

/** The China (UTC+8) calendar date of an instant, as birth dates and ages are counted there. */
export function chinaDate(t: Date): Required<DateParts> {
  const d = new Date(t.getTime() + CHINA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function full(year: number, month: number, day: number): Required<DateParts> | undefined {
  return year >= MIN_YEAR && isRealDate(year, month, day) ? { year, month, day } : undefined;
}

const ID_18 = /^\d{6}(\d{8})\d{3}[\dX]$/;
const ID_15 = /^\d{6}(\d{6})\d{3}$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ZONED =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const YEAR_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const YEAR = /^(\d{4})\s*年?$/;

/** Minutes east of UTC for Z, ±HH, ±HHMM or ±HH:MM; undefined for an impossible offset. */
function offsetMinutes(zone: string): number | undefined {
  if (/^z$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(':', '');
  const [h, m] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4) || '0')];
  if (h > 14 || m > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (h * 60 + m);
}

function zonedDate(m: RegExpExecArray): Required<DateParts> | undefined {
  const n = (i: number): number => Number(m[i] ?? '0');
  const [y, mo, d, h, mi, s] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const offset = offsetMinutes(m[7] ?? 'Z');
  if (!full(y, mo, d) || h > 23 || mi > 59 || s > 59 || offset === undefined) return undefined;
  const c = chinaDate(new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000));
  return full(c.year, c.month, c.day);
}

/**
 * Reads a birth date from a cell: an 18- or 15-digit ID number, YYYYMMDD, YYYY-MM-DD (also with / . or
 * 年月日, optionally with a time), an ISO date-time with a zone (converted to the China date), YYYY-MM or YYYY.
 */
export function parseDateParts(text: string): DateParts | undefined {
  const t = normaliseText(text);
  const id = upperAscii(t.replace(/\s+/g, ''));
  const idBirth = ID_18.exec(id)?.[1] ?? (ID_15.test(id) ? `19${id.slice(6, 12)}` : undefined);
  const compact = idBirth !== undefined ? COMPACT.exec(idBirth) : COMPACT.exec(t);
  if (compact) return full(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const zoned = ZONED.exec(t);
  if (zoned) return zonedDate(zoned);
  const local = LOCAL.exec(t);
  if (local) return full(Number(local[1]), Number(local[2]), Number(local[3]));
  const ym = YEAR_MONTH.exec(t);
  if (ym) {
    const [year, month] = [Number(ym[1]), Number(ym[2])];
    return year >= MIN_YEAR && month >= 1 && month <= 12 ? { year, month } : undefined;
  }
  const y = YEAR.exec(t);
  if (y) return Number(y[1]) >= MIN_YEAR ? { year: Number(y[1]) } : undefined;
  return undefined;
}

/** Year of a date (or of the birth date in an ID number); numbers in, numbers out. */
export function maskDateToYear(value: string | number): string | number | null {
  const parts = parseDateParts(typeof value === 'number' ? String(value) : value);
  if (!parts) return null;
  return typeof value === 'number' ? parts.year : String(parts.year);
}

const REGION_CODE = /^(\d{6})(?:\d{3}|\d{6})?$/;
const PLACEHOLDER_CITY = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** The 6-digit region code in a value: a 6-, 9- or 12-digit (statistical) code, or an ID number's first six. */
export function regionCodeOf(value: string | number): string | undefined {
  const t = upperAscii(normaliseText(typeof value === 'number' ? String(value) : value).replace(/\s+/g, ''));
  const code = REGION_CODE.exec(t)?.[1];
  if (code !== undefined) return code;
  return ID_18.test(t) || ID_15.test(t) ? t.slice(0, 6) : undefined;
}

/** The name of a generalised code: the province, or province + prefecture ("浙江省杭州市"; 北京市 for 110100). */
function generalisedName(code: string, to: 'city' | 'province'): string {
  const province = regionName(code.slice(0, 2));
  if (province === undefined) return code;
  if (to === 'province') return province;
  const city = regionName(code.slice(0, 4));
  return city === undefined || PLACEHOLDER_CITY.has(city) ? province : `${province}${city}`;
}

/** Truncates a region code to its prefecture (xxxx00) or province (xx0000); numbers stay numbers for codes. */
export function maskRegion(spec: MaskSpecOf<'region'>, value: string | number): string | number | null {
  const code = regionCodeOf(value);
  if (code === undefined) return null;
  const general = spec.to === 'city' ? `${code.slice(0, 4)}00` : `${code.slice(0, 2)}0000`;
  if (spec.as === 'name') return generalisedName(general, spec.to);
  return typeof value === 'number' ? Number(general) : general;
}

const AGE = /^(\d{1,3})\s*岁?$/;

/** Whole years from birth to asOf (the birthday counts from its own day; 29 Feb birthdays from 1 March). */
export function ageOn(birth: Required<DateParts>, asOf: Required<DateParts>): number {
  const before = asOf.month < birth.month || (asOf.month === birth.month && asOf.day < birth.day);
  return asOf.year - birth.year - (before ? 1 : 0);
}

/** Parses a spec's YYYY-MM-DD asOf. */
export function parseIsoDate(s: string): Required<DateParts> | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? full(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Age band "lo-hi" (e.g. "30-39") from an age, a birth date or an ID number, counted on asOf. */
export function maskAgeBand(width: number, value: string | number, asOf: Required<DateParts>): string | null {
  const text = typeof value === 'number' ? String(value) : normaliseText(value);
  const direct = AGE.exec(text);
  let age: number | undefined;
  if (direct && Number(direct[1]) <= MAX_AGE) age = Number(direct[1]);
  else {
    const parts = parseDateParts(text);
    if (parts?.month === undefined || parts.day === undefined) return null;
    age = ageOn({ year: parts.year, month: parts.month, day: parts.day }, asOf);
  }
  if (age < 0) return null;
  const lo = Math.floor(age / width) * width;
  return `${lo}-${lo + width - 1}`;
}
