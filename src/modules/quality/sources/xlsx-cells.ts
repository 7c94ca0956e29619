import type { CellValue } from 'exceljs';
import { cellText } from './columns.js';

// Excel cell values as text. Dates have no time zone in Excel, so they are written as the wall-clock value:
// a date as YYYY-MM-DD, a date with time as YYYY-MM-DDTHH:mm:ss (no zone suffix), a time alone as HH:mm:ss.

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** An Excel date/time (exceljs gives it as a Date whose UTC fields are the wall clock) as ISO text. */
export function excelDateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const ms = d.getUTCMilliseconds();
  const time =
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '');
  if (time === '00:00:00') return date;
  // serial numbers below 1 (a time without a date) land on Excel's day 0, 1899-12-30 (or 12-31)
  if (date === '1899-12-30' || date === '1899-12-31') return time;
  return `${date}T${time}`;
}

/** True for number formats that show a date or time (same test as exceljs: y m d h s outside quotes/brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhsb]/i.test(
    fmt
      .replace(/\[[^\]]*]/g, '')
      .replace(/"[^"]*"/g, '')
      .replace(/General/gi, ''),
  );
}

/** Excel serial day number → Date (UTC fields = wall clock), as exceljs does for plain cells. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** One cell as text: numbers as their shortest text, formulas as their cached result, rich text joined. */
export function excelCellText(v: CellValue, numFmt: string | undefined, date1904: boolean): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return cellText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return cellText(excelDateText(v));
  if ('richText' in v) return cellText(v.richText.map((r) => r.text).join(''));
  if ('error' in v) return v.error;
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    // the streaming reader converts plain date cells itself, but leaves formula results as serial numbers
    if (typeof r === 'number' && isDateFormat(numFmt) && Number.isFinite(r))
      return excelDateText(excelSerialToDate(r, date1904));
    return r === undefined ? null : excelCellText(r, undefined, date1904);
  }
  if ('hyperlink' in v) return excelCellText(v.text, numFmt, date1904);
  return null;
}
