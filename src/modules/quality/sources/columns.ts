import { SourceError } from './errors.js';

// Shared shaping rules so every file format behaves the same: header names are made unique, a missing cell
// is null, an empty string is null, and a value that has no column is an error unless it is empty — we
// never drop data silently, but tolerate the trailing separators and stray blank cells spreadsheets leave.

/** Size limits that keep one record (and so the reader's memory) bounded. */
export const LIMITS = {
  /** Largest single value, in UTF-16 code units. */
  maxFieldChars: 1 << 20,
  /** Largest record (all its values together), in UTF-16 code units. */
  maxRecordChars: 16 << 20,
  /** Most columns in one record (Excel's own limit). */
  maxColumns: 16_384,
} as const;

/** Header names made unique and non-empty: blanks become column_<n> (1-based), repeats get _2, _3 … */
export function uniqueColumns(raw: readonly (string | null | undefined)[]): string[] {
  const used = new Set<string>();
  return raw.map((r, i) => {
    const base = (r ?? '').trim() || `column_${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/** An empty values object without a prototype, so a column called `__proto__` is just a column. */
export function emptyValues(): Record<string, string | null> {
  return Object.create(null) as Record<string, string | null>;
}

/** A cell's text with the empty string folded into null. */
export function cellText(s: string | null | undefined): string | null {
  return s === undefined || s === null || s === '' ? null : s;
}

/** Where a record came from, for error messages. */
export interface RecordPlace {
  rowNo: number;
  line?: number;
  /** e.g. "data row 12 (line 14)" or "sheet row 13" */
  label: string;
}

/** Maps positional cells onto the columns: missing cells are null, extra non-empty cells are an error. */
export function valuesFromCells(
  columns: readonly string[],
  cells: readonly (string | null)[],
  place: RecordPlace,
): Record<string, string | null> {
  const values = emptyValues();
  for (let i = 0; i < columns.length; i++) values[columns[i]!] = cellText(cells[i]);
  for (let i = columns.length; i < cells.length; i++) {
    if (cellText(cells[i]) !== null)
      throw new SourceError(
        'FORMAT',
        `${place.label} has a value in column ${i + 1}, but the header has only ${columns.length} columns`,
        place,
      );
  }
  return values;
}

/** Validates a `skip` option: a non-negative integer. */
export function skipCount(skip: number | undefined): number {
  const n = skip ?? 0;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('skip must be a non-negative integer');
  return n;
}
