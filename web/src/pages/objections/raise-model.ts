import type { Item } from '../../api/catalogue';
import type { RecordRow } from '../exchange/exchange-api';
import { isMasked, type ItemColumn } from '../exchange/records-table';

// The records an objection names, as the raise form edits them (docs/objections.md "Raise"): each entry names
// one record by item values the raiser knows. A row picked in 我的数据 starts with the values the grant
// returns in clear; masked values are never sent — a mask may hide one more character than its pattern (the
// watermark), and a masked value would not name the record anyway — nor are values of watermark-tolerant items
// (their text, numbers and dates may differ slightly per recipient) or any value with an invisible character.
// The user types the others (e.g. a full ID number the case file holds).

/** One entry: a picked row (by its number in the query) or one typed by hand. */
export interface RecordEntry {
  key: string;
  rowNo: number | null;
  /** The text of each granted item's input, by code ('' = not used). */
  text: Record<string, string>;
  /** The values as returned, for the items prefilled from the row (sent with their type when unchanged). */
  original: Record<string, string | number | boolean>;
  /** What the table showed for masked items, as a hint beside the empty input. */
  shown: Record<string, string>;
}

/** A picked row of the records table. */
export interface PickedRow {
  rowNo: number;
  row: RecordRow;
}

// Zero-width and other invisible format characters (a text watermark is a zero-width space).
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/** Whether a returned cell may be used to name its record. */
export function usableValue(
  column: ItemColumn,
  item: Item | undefined,
  v: unknown,
): v is string | number | boolean {
  if (isMasked(column) || item?.watermarkTolerant) return false;
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  return typeof v === 'string' && v !== '' && !v.includes('*') && !INVISIBLE.test(v);
}

/** The entry for a picked row: clear values prefilled, masked ones left for the user. */
export function entryOfRow(
  p: PickedRow,
  columns: readonly ItemColumn[],
  items: ReadonlyMap<string, Item>,
): RecordEntry {
  const e: RecordEntry = { key: `row:${p.rowNo}`, rowNo: p.rowNo, text: {}, original: {}, shown: {} };
  for (const c of columns) {
    const v = p.row[c.code];
    if (usableValue(c, items.get(c.code), v)) {
      e.text[c.code] = String(v);
      e.original[c.code] = v;
    } else {
      e.text[c.code] = '';
      if (typeof v === 'string' || typeof v === 'number') e.shown[c.code] = String(v);
    }
  }
  return e;
}

/** An empty entry typed by hand. */
export function blankEntry(n: number, columns: readonly ItemColumn[]): RecordEntry {
  return {
    key: `hand:${n}`,
    rowNo: null,
    text: Object.fromEntries(columns.map((c) => [c.code, ''])),
    original: {},
    shown: {},
  };
}

/**
 * The entries after the picked rows changed: entries of rows still picked keep their edits, rows newly picked
 * are added in row order, entries typed by hand stay at the end.
 */
export function syncEntries(
  prev: readonly RecordEntry[],
  picked: readonly PickedRow[],
  columns: readonly ItemColumn[],
  items: ReadonlyMap<string, Item>,
): RecordEntry[] {
  const byRow = new Map(prev.filter((e) => e.rowNo !== null).map((e) => [e.rowNo, e]));
  const rows = [...picked]
    .sort((a, b) => a.rowNo - b.rowNo)
    .map((p) => byRow.get(p.rowNo) ?? entryOfRow(p, columns, items));
  return [...rows, ...prev.filter((e) => e.rowNo === null)];
}

/** The item values an entry sends: filled inputs only, with the returned type when unchanged. */
export function subjectOf(e: RecordEntry): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [code, text] of Object.entries(e.text)) {
    const v = text.trim();
    if (!v) continue;
    const o = e.original[code];
    out[code] = o !== undefined && String(o) === v ? o : v;
  }
  return out;
}
