// Literal values checked against their item's data type and normalised to the form ingestion stores (dates
// YYYY-MM-DD, date-times ISO UTC with milliseconds, numbers by ingestion's exactness rule), so that stored
// text, blind indexes and comparisons agree.
import { FILTER_LIMITS, type FilterItem, type Scalar } from './ast.js';
import { canonicalNumber, decimalText } from './decimal.js';
import { codePointLength, isStorableText } from './text.js';

/** A normalised literal, or why it does not fit the item. */
export type ValueResult = { ok: true; value: Scalar } | { ok: false; code: string; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A date-time with seconds and a zone; fractions and offsets are accepted and normalised to UTC milliseconds.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function bad(code: string, message: string): ValueResult {
  return { ok: false, code, message };
}

function realDate(y: number, m: number, d: number): boolean {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Checks a string literal: storable text within the length limit. */
export function checkText(v: string): ValueResult {
  if (!isStorableText(v)) return bad('INVALID_TEXT', 'text must not contain NUL or unpaired surrogates');
  if (v.length > FILTER_LIMITS.maxStringLength && codePointLength(v) > FILTER_LIMITS.maxStringLength)
    return bad('TOO_BIG', `text must be at most ${FILTER_LIMITS.maxStringLength} characters`);
  return { ok: true, value: v };
}

function dateTime(v: string): ValueResult {
  const m = DATETIME.exec(v);
  if (!m) return bad('TYPE_MISMATCH', 'must be an ISO 8601 date-time such as 2024-05-01T08:30:00Z');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!realDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return bad('TYPE_MISMATCH', 'not a real date-time');
  const ms = Date.parse(
    `${m.slice(1, 4).join('-')}T${m.slice(4, 7).join(':')}${(m[7] ?? '').slice(0, 4)}${m[8]}`,
  );
  if (!Number.isFinite(ms)) return bad('TYPE_MISMATCH', 'not a real date-time');
  const iso = new Date(ms).toISOString();
  // Years outside 0000-9999 become ±YYYYYY, which would not sort as text.
  return iso.length === 24 ? { ok: true, value: iso } : bad('TYPE_MISMATCH', 'year out of range');
}

/** Checks and normalises a literal for an item. */
export function normaliseValue(item: FilterItem, v: Scalar): ValueResult {
  switch (item.dataType) {
    case 'string':
      return typeof v === 'string' ? checkText(v) : bad('TYPE_MISMATCH', 'must be a string');
    case 'number': {
      const text = typeof v === 'boolean' ? null : decimalText(v);
      if (text === null || text.length > 1000)
        return bad('TYPE_MISMATCH', 'must be a number (or a plain decimal string)');
      return { ok: true, value: canonicalNumber(text) };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { ok: true, value: v } : bad('TYPE_MISMATCH', 'must be true or false');
    case 'date': {
      const m = typeof v === 'string' ? DATE.exec(v) : null;
      if (!m || !realDate(Number(m[1]), Number(m[2]), Number(m[3])))
        return bad('TYPE_MISMATCH', 'must be a real date YYYY-MM-DD');
      return { ok: true, value: v };
    }
    case 'datetime':
    case 'timestamp':
      return typeof v === 'string' ? dateTime(v) : bad('TYPE_MISMATCH', 'must be an ISO 8601 date-time');
    case 'binary':
      return bad('UNSUPPORTED', 'binary items can only be tested with isNull');
  }
}
