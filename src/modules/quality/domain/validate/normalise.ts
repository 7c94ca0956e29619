// Cells are normalised before any rule runs, so formatting noise (IME full-width digits, stray spaces, 2024/2/9
// instead of 2024-02-09, a lower-case x in an ID number) is repaired rather than reported. Every step is
// idempotent: normalising a normalised value changes nothing (a property test holds us to it).
import { normaliseIdNumber, normaliseText } from '../../../../kernel/index.js';
import type { Item } from '../../../catalogue/index.js';
import { toIsoDate, toIsoDateTime } from './dates.js';

/** The item fields normalisation depends on. */
export type NormaliseItem = Pick<Item, 'dataType' | 'piiKind'>;

// Full-width digits and letters only. Chinese text uses full-width punctuation on purpose (，。（）：), so
// folding U+FF01-U+FF5E wholesale would rewrite correct names and addresses; codes get the full fold below.
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
/** PII kinds whose values are codes, numbers or dates, where every full-width ASCII character is noise. */
const CODE_KINDS: ReadonlySet<string> = new Set([
  'idNumber',
  'uscc',
  'mobile',
  'landline',
  'email',
  'bankCard',
  'plate',
  'birthDate',
]);
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
const TRUE_WORDS: ReadonlySet<string> = new Set(['是', 'true', '1', 'y', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['否', 'false', '0', 'n', 'no']);

/** Maps full-width digits and Latin letters to ASCII, leaving full-width punctuation alone. */
export function foldAlnum(s: string): string {
  return s.replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** ASCII-only uppercasing (Unicode case mapping can change lengths, e.g. ß → SS). */
export function upperAscii(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** 11 mobile digits from +86 138 0013 8000, 0086-13800138000 etc.; other text unchanged. */
export function normaliseMobile(t: string): string {
  return MOBILE.exec(t.replace(/[\s-]/g, ''))?.[1] ?? t;
}

function normaliseEmail(t: string): string {
  // Domains are case-insensitive; the local part is the mail server's business, so it is left as written.
  const at = t.lastIndexOf('@');
  return at < 0 ? t : t.slice(0, at) + lowerAscii(t.slice(at));
}

/** 'true'/'false' from 是/否, true/false, 1/0, Y/N, yes/no (any case); other text unchanged. */
export function normaliseBoolean(t: string): string {
  const k = lowerAscii(t);
  return TRUE_WORDS.has(k) ? 'true' : FALSE_WORDS.has(k) ? 'false' : t;
}

// Epoch numbers are only read for timestamp items: a 10- or 13-digit number in a datetime column is more
// likely a mistake than seconds since 1970.
function epochToIso(t: string): string | undefined {
  if (!/^\d{10}$|^\d{13}$/.test(t)) return undefined;
  return new Date(t.length === 10 ? Number(t) * 1000 : Number(t)).toISOString();
}

function normaliseString(t: string, item: NormaliseItem): string {
  switch (item.piiKind) {
    case 'idNumber':
      return normaliseIdNumber(t); // x → X, 15 digits → 18 (GB 11643's '19' + check character)
    case 'uscc':
      return upperAscii(t);
    case 'mobile':
      return normaliseMobile(t);
    case 'email':
      return normaliseEmail(t);
    case 'birthDate':
      return toIsoDate(t) ?? t;
    default:
      return t;
  }
}

/** Text of a cell as it arrived; rows come from CSV, JSON and databases, so numbers and the like are read as
 * their text rather than thrown on, and nested JSON as its JSON text. */
export function cellText(v: unknown): string | null | undefined {
  if (v === null || v === undefined || typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString() : null;
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null; // a cyclic or otherwise unserialisable object is no cell value
  }
}

/** The value rules see: trimmed, widths folded, and put in the item's canonical form; empty → null. */
export function normaliseValue(raw: string | null | undefined, item: NormaliseItem): string | null {
  const s = cellText(raw);
  if (s === null || s === undefined) return null;
  const codeLike = item.dataType !== 'string' || (item.piiKind !== null && CODE_KINDS.has(item.piiKind));
  const t = codeLike ? normaliseText(s) : foldAlnum(s).trim();
  if (t === '') return null;
  switch (item.dataType) {
    case 'string':
      return normaliseString(t, item);
    case 'number':
      return GROUPED_NUMBER.test(t) ? t.replace(/,/g, '') : t;
    case 'date':
      return toIsoDate(t) ?? t;
    case 'datetime':
      return toIsoDateTime(t) ?? t;
    case 'timestamp':
      return toIsoDateTime(t) ?? epochToIso(t) ?? t;
    case 'boolean':
      return normaliseBoolean(t);
    case 'binary':
      // Base64 is often wrapped at 76 columns (MIME); the line breaks are not data.
      return t.replace(/\s+/g, '');
    default:
      return t;
  }
}
