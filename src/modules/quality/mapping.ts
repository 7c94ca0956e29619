import type { Item } from '../catalogue/index.js';

// Column mapping: which source column feeds which item. A saved mapping (per resource) wins; otherwise a column
// maps to the item whose name, Chinese label or code it equals (case and surrounding space ignored). Columns
// mapped to nothing are ignored; items fed by nothing are null (and the not-null rules say so).

/** item name → source column. */
export type Mapping = Record<string, string>;

const fold = (s: string) => s.trim().toLowerCase();

/** The mapping for these source columns: saved entries that exist in the source, then automatic matches. */
export function resolveMapping(
  items: readonly Item[],
  columns: readonly string[],
  saved: Mapping = {},
): Mapping {
  const byFold = new Map(columns.map((c) => [fold(c), c]));
  const out: Mapping = {};
  for (const item of items) {
    const wanted = saved[item.name];
    if (wanted !== undefined && columns.includes(wanted)) {
      out[item.name] = wanted;
      continue;
    }
    const hit = [item.name, item.label, item.code]
      .map((k) => byFold.get(fold(k)))
      .find((c) => c !== undefined);
    if (hit !== undefined) out[item.name] = hit;
  }
  return out;
}

/** The raw record keyed by item name. */
export function applyMapping(
  mapping: Mapping,
  values: Readonly<Record<string, string | null>>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [item, column] of Object.entries(mapping)) out[item] = values[column] ?? null;
  return out;
}
