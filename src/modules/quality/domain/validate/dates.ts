// Dates and date-times as departments write them, read by hand rather than through Date parsing: Date.parse
// accepts too much (e.g. "2023-02-31" rolls over to March) and reads zone-less times in the server's zone.
import { masking } from '../../../catalogue/index.js';

const SEPARATED = /^(\d{4})\s*([-/.年])\s*(\d{1,2})\s*([-/.月])\s*(\d{1,2})\s*(日?)$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Spreadsheets export date cells as "2024-02-29 00:00:00"; a midnight time adds nothing to a date.
const MIDNIGHT = /(?:T|\s+)0{1,2}:00(?::00(?:\.0+)?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const ZONE = /(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const SHANGHAI_OFFSET_MIN = 8 * 60;

/** True for a real YYYY-MM-DD date (years 0001-9999) in the proleptic Gregorian calendar. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) >= 1 && masking.isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function pad(n: string, width: number): string {
  return n.padStart(width, '0');
}

/** The date part as YYYY-MM-DD if the separators agree (2024-2-9, 2024/02/09, 2024年2月9日, 20240209). */
function datePart(t: string): string | undefined {
  const s = SEPARATED.exec(t);
  if (s) {
    const [, y = '', sep1, mo = '', sep2, d = '', ri] = s;
    const chinese = sep1 === '年' && sep2 === '月';
    // Mixed separators (2024-02/09) are more likely a typing error than a format.
    if (!chinese && (sep1 !== sep2 || ri !== '')) return undefined;
    return `${y}-${pad(mo, 2)}-${pad(d, 2)}`;
  }
  const c = COMPACT.exec(t);
  return c ? `${c[1]}-${c[2]}-${c[3]}` : undefined;
}

/** YYYY-MM-DD from the common written forms, or undefined; the date is not checked for reality here. */
export function toIsoDate(text: string): string | undefined {
  return datePart(text.trim().replace(MIDNIGHT, ''));
}

/** Minutes east of UTC for Z, ±HH, ±HHMM or ±HH:MM; undefined for an impossible offset. */
function offsetMinutes(zone: string): number | undefined {
  if (/^z$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(':', '');
  const [h, m] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4) || '0')];
  if (h > 14 || m > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (h * 60 + m);
}

/**
 * An instant as ISO 8601 UTC with milliseconds (the platform's one timestamp form), from a date-time with or
 * without a zone (none: Asia/Shanghai, fixed +08:00), or a date alone (midnight +08:00). Fractions beyond
 * milliseconds are truncated. Undefined when the text is not a real date-time.
 */
export function toIsoDateTime(text: string): string | undefined {
  let t = text.trim();
  const zoneMatch = ZONE.exec(t);
  // A trailing -HH could also be the day of a date alone (2024-02-29): only read a zone after a time.
  const zone =
    zoneMatch && /\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*$/.test(t.slice(0, zoneMatch.index))
      ? zoneMatch[1]
      : undefined;
  if (zone !== undefined) t = t.slice(0, t.length - zone.length).trimEnd();
  const split = /^(.*?\S)(?:T|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/.exec(t);
  const date = datePart(split ? (split[1] ?? '') : t);
  const time = TIME.exec(split?.[2] ?? '0:00');
  if (date === undefined || !time || !isRealIsoDate(date)) return undefined;
  const [h, mi, s] = [Number(time[1]), Number(time[2]), Number(time[3] ?? '0')];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Number((time[4] ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = zone === undefined ? SHANGHAI_OFFSET_MIN : offsetMinutes(zone);
  if (offset === undefined) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  d.setUTCHours(h, mi, s, ms);
  const instant = new Date(d.getTime() - offset * 60_000);
  const year = instant.getUTCFullYear();
  if (!Number.isFinite(instant.getTime()) || year < 1 || year > 9999) return undefined;
  return instant.toISOString();
}

/** The Asia/Shanghai calendar date (fixed +08:00) of an ISO instant. */
export function shanghaiDateOf(isoInstant: string): string | undefined {
  const t = Date.parse(isoInstant);
  if (!Number.isFinite(t)) return undefined;
  return new Date(t + SHANGHAI_OFFSET_MIN * 60_000).toISOString().slice(0, 10);
}
