// The implicit type rule: a normalised cell must read as the item's data type. A failure is reported under the
// id `type:<item>` with severity reject, because the database column could not hold the value.
import type { Item } from '../../../catalogue/index.js';
import { isRealIsoDate } from './dates.js';

/**
 * A parsed cell. Numbers are JS numbers only when the double holds them exactly enough: integers within
 * ±(2^53 − 1) and decimals with at most 15 significant digits. Anything longer stays a canonical decimal
 * string ("-12.5", no exponent, no redundant zeros) so no digit is silently lost on the way to a NUMERIC column.
 */
export type CellValue = string | number | boolean | null;

/** The outcome of the type rule. */
export type ParseResult = { ok: true; value: CellValue } | { ok: false; rule: 'type'; message: string };

/** The item fields parsing depends on. */
export type ParseItem = Pick<Item, 'dataType' | 'length' | 'scale'>;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const MAX_SAFE_DIGITS = 15;

function fail(message: string): ParseResult {
  return { ok: false, rule: 'type', message };
}

/** Reads a plain decimal (no exponent) and checks it against the item's length (precision) and scale. */
export function parseNumber(text: string, item: Pick<Item, 'length' | 'scale'>): ParseResult {
  if (/^[+-]?\d*\.?\d+[eE][+-]?\d+$/.test(text)) {
    // Spreadsheets write long numbers as 1.10105E+17, which has already lost digits; refuse to guess them.
    return fail('Number is in scientific notation; write all digits');
  }
  const m = DECIMAL.exec(text);
  if (!m || !/\d/.test(text)) return fail('Value is not a number');
  const sign = m[1] === '-' ? '-' : '';
  const intPart = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const fracPart = (m[3] ?? '').replace(/0+$/, '');
  const intDigits = intPart === '0' ? 0 : intPart.length;
  if (item.scale !== null && fracPart.length > item.scale) {
    return fail(`Number has more than ${item.scale} decimal places`);
  }
  if (item.length !== null) {
    // NUMERIC(p, s): at most p − s digits before the point; without a scale, p digits in all.
    const allowedInt = item.scale !== null ? item.length - item.scale : item.length - fracPart.length;
    if (intDigits > allowedInt) return fail(`Number has more than ${item.length} digits in all`);
  }
  const zero = intDigits === 0 && fracPart === '';
  const canonical = zero ? '0' : `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
  const significant = `${intPart}${fracPart}`.replace(/^0+/, '').length;
  const asNumber = Number(canonical);
  if (fracPart === '' ? Number.isSafeInteger(asNumber) : significant <= MAX_SAFE_DIGITS) {
    return { ok: true, value: asNumber === 0 ? 0 : asNumber }; // no -0
  }
  return { ok: true, value: canonical };
}

/** The decoded byte length of a valid base64 string. */
function base64Bytes(s: string): number {
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return (s.length / 4) * 3 - padding;
}

/** Reads a normalised cell as the item's data type (null stays null: notNull is a rule of its own). */
export function parseCell(normalised: string | null, item: ParseItem): ParseResult {
  if (normalised === null) return { ok: true, value: null };
  switch (item.dataType) {
    case 'string':
      return { ok: true, value: normalised };
    case 'number':
      return parseNumber(normalised, item);
    case 'boolean':
      if (normalised === 'true') return { ok: true, value: true };
      if (normalised === 'false') return { ok: true, value: false };
      return fail('Value is not a yes/no value (是/否, true/false, 1/0, Y/N)');
    case 'date':
      return isRealIsoDate(normalised) ? { ok: true, value: normalised } : fail('Value is not a real date');
    case 'datetime':
    case 'timestamp':
      return ISO_INSTANT.test(normalised)
        ? { ok: true, value: normalised }
        : fail('Value is not a real date-time');
    case 'binary':
      if (!BASE64.test(normalised)) return fail('Value is not base64');
      if (item.length !== null && base64Bytes(normalised) > item.length) {
        return fail(`Binary value is longer than ${item.length} bytes`);
      }
      return { ok: true, value: normalised };
    default:
      return fail('Unknown data type');
  }
}
