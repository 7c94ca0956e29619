import type { Item } from '../../api/catalogue';
import type { CellValue, Correction, ObjectionView } from './types';

// The provider's corrections as the resolve form edits them: each named record's current values as text, the
// changed ones sent in the item's type (an emptied input clears the value). Primary-key items cannot change
// (the server refuses them with KEY_ITEM), so the form does not offer them.

/** Text of every record's inputs, by row key and item code. */
export type CorrectionDraft = Record<string, Record<string, string>>;

const textOf = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v));

/** The inputs as they start: the current values. */
export function initialDraft(o: ObjectionView): CorrectionDraft {
  return Object.fromEntries(
    o.records.map((r) => [
      r.record,
      Object.fromEntries(Object.entries(r.values ?? {}).map(([c, v]) => [c, textOf(v)])),
    ]),
  );
}

/** A typed value for an item from its input's text. */
export function typedValue(text: string, item: Item | undefined): CellValue {
  const v = text.trim();
  if (v === '') return null;
  if (item?.dataType === 'number' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (item?.dataType === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
  return v;
}

/** The corrections of a draft: records with at least one changed input, their changed items only. */
export function correctionsOf(
  o: ObjectionView,
  draft: CorrectionDraft,
  items: ReadonlyMap<string, Item>,
): Correction[] {
  const out: Correction[] = [];
  for (const r of o.records) {
    const values: Record<string, CellValue> = {};
    for (const [code, text] of Object.entries(draft[r.record] ?? {})) {
      if (items.get(code)?.primaryKey) continue;
      if (text.trim() !== textOf(r.values?.[code]).trim()) values[code] = typedValue(text, items.get(code));
    }
    if (Object.keys(values).length) out.push({ record: r.record, values });
  }
  return out;
}
