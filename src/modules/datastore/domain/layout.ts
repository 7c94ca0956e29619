// The physical layout of a resource's data table, derived from its items and kept stable across versions: an
// item keeps its column while its type and protection stay the same; a retyped item, or one whose protection
// changes (plain ↔ encrypted), gets a fresh column (`name__2`, …) so old and new representations never mix;
// a removed item's column stays in the table (its history is data) but leaves the layout.
import { createHash } from 'node:crypto';

/** What the layout needs to know of an item (the catalogue's Item satisfies it). */
export interface LayoutItem {
  name: string;
  dataType: 'string' | 'number' | 'date' | 'datetime' | 'timestamp' | 'boolean' | 'binary';
  nationalLevel: string;
  secret: boolean;
  primaryKey: boolean;
}

/** How one item is stored. */
export interface ColumnSpec {
  item: string;
  column: string;
  /** The logical storage type (engine types are chosen by the repository). */
  storage: 'text' | 'numeric' | 'bool' | 'bytes';
  dataType: LayoutItem['dataType'];
  /** Stored as ciphertext, with a keyed blind index column `${column}__bi` for equality lookups. */
  encrypted: boolean;
  primaryKey: boolean;
}

/** The layout of one table generation. */
export interface Layout {
  version: number;
  columns: ColumnSpec[];
  /** Columns that exist physically but belong to no current item (removed or superseded). */
  retired: ColumnSpec[];
}

const ENCRYPTED_LEVELS = new Set(['general3', 'general4', 'important', 'core']);

/** Items at 一般3 (L3) and above, and items marked secret, are encrypted at rest (GB/T 39477). */
export function isEncrypted(item: LayoutItem): boolean {
  return item.secret || ENCRYPTED_LEVELS.has(item.nationalLevel);
}

function storageOf(t: LayoutItem['dataType']): ColumnSpec['storage'] {
  if (t === 'number') return 'numeric';
  if (t === 'boolean') return 'bool';
  if (t === 'binary') return 'bytes';
  // Dates and times are stored as canonical ISO text: sortable, and identical on both engines.
  return 'text';
}

/** A safe, short column name for an item (item names are already lower-case identifiers). */
function baseColumn(item: string): string {
  if (item.length <= 48) return item;
  return `${item.slice(0, 36)}_${createHash('sha256').update(item).digest('hex').slice(0, 10)}`;
}

/** The layout for `items`, continuing `previous` (null for a first table). */
export function planLayout(items: readonly LayoutItem[], previous: Layout | null): Layout {
  const prev = new Map((previous?.columns ?? []).map((c) => [c.item, c]));
  const used = new Set([...(previous?.columns ?? []), ...(previous?.retired ?? [])].map((c) => c.column));
  const columns: ColumnSpec[] = [];
  const retired = [...(previous?.retired ?? [])];
  for (const item of items) {
    const wanted = {
      storage: storageOf(item.dataType),
      dataType: item.dataType,
      encrypted: isEncrypted(item),
    };
    const old = prev.get(item.name);
    if (
      old &&
      old.storage === wanted.storage &&
      old.dataType === wanted.dataType &&
      old.encrypted === wanted.encrypted
    ) {
      columns.push({ ...old, primaryKey: item.primaryKey });
      prev.delete(item.name);
      continue;
    }
    if (old) {
      retired.push(old);
      prev.delete(item.name);
    }
    const base = baseColumn(item.name);
    let column = base;
    for (let n = 2; used.has(column); n++) column = `${base}__${n}`;
    used.add(column);
    columns.push({ item: item.name, column, ...wanted, primaryKey: item.primaryKey });
  }
  retired.push(...prev.values());
  return { version: (previous?.version ?? 0) + 1, columns, retired };
}

/** Columns added by the new layout (to ALTER TABLE … ADD). */
export function addedColumns(previous: Layout | null, next: Layout): ColumnSpec[] {
  const had = new Set([...(previous?.columns ?? []), ...(previous?.retired ?? [])].map((c) => c.column));
  return next.columns.filter((c) => !had.has(c.column));
}

/** Items whose values were carried in another column before (retyped or re-protected) and need a backfill. */
export function movedItems(
  previous: Layout | null,
  next: Layout,
): { item: string; from: ColumnSpec; to: ColumnSpec }[] {
  if (!previous) return [];
  const before = new Map(previous.columns.map((c) => [c.item, c]));
  return next.columns.flatMap((c) => {
    const b = before.get(c.item);
    return b && b.column !== c.column ? [{ item: c.item, from: b, to: c }] : [];
  });
}

/** The physical table names of a resource: generation tables and the change log. */
export function tableNames(resourceId: string, generation: number): { data: string; log: string } {
  const hex = resourceId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError('resource id must be a UUID');
  return { data: `rd_${hex}_g${generation}`, log: `rd_${hex}_log` };
}
