// A small RFC 4180 reader, the inverse of csv-writer.ts, for checking generated files (tests, and callers that want
// to verify a file against its manifest). It reads a whole string, so it is for test-sized files only.
import type { ColumnSpec, RowOf } from './columns.js';

/** Parses CSV text into records of fields (CRLF or LF line ends; quoted fields may hold commas, quotes, newlines). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text.charAt(i + 1) === '\n' ? 2 : 1;
    } else {
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  // A last record without a line end still counts; a trailing line end does not start an empty record.
  if (!atFieldStart || field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Parses CSV text with a header row into objects keyed by the header's column names. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Parses one of the demo datasets, checking that the header has exactly the dataset's columns in order. */
export function parseDatasetCsv<C extends readonly ColumnSpec[]>(text: string, columns: C): RowOf<C>[] {
  const [header, ...rows] = parseCsv(text);
  const codes = columns.map((c) => c.code);
  if (header?.join(',') !== codes.join(',')) {
    throw new Error(`unexpected header: ${header?.join(',') ?? '(empty file)'}`);
  }
  // The header check above is what makes this assertion true.
  return rows.map((r) => Object.fromEntries(codes.map((c, i) => [c, r[i] ?? ''])) as RowOf<C>);
}
