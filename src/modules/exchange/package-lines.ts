import type { ScannedRow } from '../datastore/index.js';
import type { RowMasker } from './row-masker.js';

// The text of a table package's rows: masked (and watermarked) for the grant, as CSV (RFC 4180) or NDJSON. Pure,
// so the same function renders a page in the build's thread or in the render worker (package-render.ts) and
// both give the same bytes.

export type TableFormat = 'csv' | 'ndjson';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? String(v)
        : JSON.stringify(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV header line (item codes, then the disputed flag); NDJSON has none. */
export function headerLine(fields: readonly string[], format: TableFormat): string | null {
  return format === 'csv' ? `${[...fields, '_disputed'].map(csvField).join(',')}\r\n` : null;
}

const UTF8 = new TextEncoder();

/**
 * A page of rows as UTF-8: its lines in order, each with its line break. The bytes have an ArrayBuffer of their
 * own, so the render worker hands them over without copying.
 */
export function renderPage(
  mask: RowMasker,
  fields: readonly string[],
  format: TableFormat,
  rows: readonly ScannedRow[],
): Uint8Array {
  return UTF8.encode(renderLines(mask, fields, format, rows).join(''));
}

/** The lines of a page of rows, in order, each with its line break. */
function renderLines(
  mask: RowMasker,
  fields: readonly string[],
  format: TableFormat,
  rows: readonly ScannedRow[],
): string[] {
  const out: string[] = new Array<string>(rows.length);
  const masked = mask.rows(rows);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    const values = masked[n]!;
    if (format === 'csv') {
      let line = '';
      for (let i = 0; i < fields.length; i++) line += `${i ? ',' : ''}${csvField(values[fields[i]!])}`;
      out[n] = line + (r.disputed ? ',true\r\n' : ',\r\n');
    } else {
      // The masker's row is new per call; the flag goes last, as the key order of the format wants.
      if (r.disputed) values._disputed = true;
      out[n] = `${JSON.stringify(values)}\n`;
    }
  }
  return out;
}
