import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { fieldError, type AnyTx, type Engine } from '../../kernel/index.js';
import type { Filter, Scalar } from './domain/filter/index.js';
import type { Layout } from './domain/layout.js';
import { compileFilter } from './filter-sql.js';

// Filtered reads of a data table (the exchange's query path): live rows matching a parsed filter, in `_key`
// order with keyset pagination, one indexed query per page. Like the data-tables repository, table and
// column names are generated identifiers and every value is a parameter.
//
// An optional sort by up to three plain (unencrypted, non-binary) items, each ascending or descending, always
// ends with `_key` as the tie-break, so the order is total and keyset cursors stay exact: the cursor of a
// sorted page carries the last row's sort values and key (base64url JSON, opaque to callers). NULL sorts
// below every value on both engines (NULLS FIRST ascending, NULLS LAST descending), and text compares in
// code-point order (COLLATE "C" on PostgreSQL), as the filter does.

/** A filtered page request. */
export interface QueryOptions {
  /** A parsed filter (combine the grant's and the request's with combineAnd). */
  filter?: Filter | null;
  /** The `_key` of the last row of the previous page. */
  after?: string;
  /** Rows per page, 1 to QUERY_MAX_LIMIT. */
  limit: number;
  /** Item NAMES to decode (a projection: encrypted items outside it are never decrypted); absent: all. */
  items?: readonly string[];
  /** Item NAMES to sort by (at most MAX_SORT), before the key; `after` is then a cursor this query made. */
  sort?: readonly SortKey[];
}

/** What a page reads of each row besides its items: everything a stored row shows, or key and flag only. */
export type RowMeta = 'full' | 'lean';

/** One sort item. */
export interface SortKey {
  item: string;
  desc: boolean;
}

/** Sort items one query takes at most. */
export const MAX_SORT = 3;

/** The largest page a query returns. */
export const QUERY_MAX_LIMIT = 10_000;

// Row keys are base64url digests, sorted cursors `s.` + base64url JSON; anything else was not handed out here.
const CURSOR = /^[A-Za-z0-9_-]{1,100}$/;
const SORTED_CURSOR = /^s\.[A-Za-z0-9_-]{1,4000}$/;

type Dyn = Record<string, Record<string, unknown>>;
type Bool = RawBuilder<SqlBool>;
type Cell = string | number | null;

interface SortColumn {
  column: string;
  desc: boolean;
  /** The column as compared and ordered (with COLLATE "C" for text on PostgreSQL). */
  ref: RawBuilder<unknown>;
}

function badCursor(): never {
  throw fieldError('after', 'INVALID_CURSOR', 'not a cursor of this query');
}

function sortColumns(o: {
  sort?: readonly SortKey[] | undefined;
  layout: Layout;
  engine: Engine;
}): SortColumn[] {
  const sort = o.sort ?? [];
  if (sort.length > MAX_SORT) throw fieldError('sort', 'TOO_MANY', `at most ${MAX_SORT} sort items`);
  return sort.map((k) => {
    const c = o.layout.columns.find((x) => x.item === k.item);
    if (!c) throw fieldError('sort', 'UNKNOWN_ITEM', `${k.item} is not an item of the resource`);
    // Ciphertext and binary have no meaningful order.
    if (c.encrypted || c.storage === 'bytes')
      throw fieldError('sort', 'NOT_SORTABLE', `${k.item} cannot be sorted`);
    const col = sql.ref(c.column);
    const ref = c.storage === 'text' && o.engine === 'postgres' ? sql`${col} COLLATE "C"` : sql`${col}`;
    return { column: c.column, desc: k.desc, ref };
  });
}

/** The cursor after a stored row of a sorted page. */
function sortedCursor(row: Record<string, unknown>, cols: readonly SortColumn[]): string {
  const cells = cols.map((c) => {
    const v = row[c.column];
    if (v === null || v === undefined) return null;
    // numbers as numbers; PostgreSQL's numeric arrives as text and goes back as a parameter it casts
    if (typeof v === 'number' || typeof v === 'string') return v;
    if (typeof v === 'bigint') return String(v);
    throw new TypeError(`column ${c.column} holds a value that cannot be a sort cursor`);
  });
  return `s.${Buffer.from(JSON.stringify([...cells, String(row._key)]), 'utf8').toString('base64url')}`;
}

function parseSortedCursor(text: string, n: number): { cells: Cell[]; key: string } {
  if (!SORTED_CURSOR.test(text)) badCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text.slice(2), 'base64url').toString('utf8'));
  } catch {
    badCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== n + 1) badCursor();
  const key: unknown = parsed[n];
  if (typeof key !== 'string' || !CURSOR.test(key)) badCursor();
  const cells = parsed.slice(0, n) as unknown[];
  if (!cells.every((c) => c === null || typeof c === 'string' || typeof c === 'number')) badCursor();
  return { cells: cells, key };
}

/** Rows after (cells, key) in the order of `cols` then `_key`, NULL lowest (lexicographic expansion). */
function afterSorted(cols: readonly SortColumn[], cells: readonly Cell[], key: string): Bool {
  const same = (c: SortColumn, v: Cell): Bool =>
    v === null ? sql<SqlBool>`${c.ref} IS NULL` : sql<SqlBool>`${c.ref} = ${v}`;
  const beyond = (c: SortColumn, v: Cell): Bool | null => {
    if (!c.desc) return v === null ? sql<SqlBool>`${c.ref} IS NOT NULL` : sql<SqlBool>`${c.ref} > ${v}`;
    // Descending with NULL lowest: nothing follows a NULL but other NULLs (handled by the next column).
    return v === null ? null : sql<SqlBool>`(${c.ref} < ${v} OR ${c.ref} IS NULL)`;
  };
  const alternatives: Bool[] = [];
  for (let i = 0; i <= cols.length; i++) {
    const prefix = cols.slice(0, i).map((c, j) => same(c, cells[j]!));
    const last = i < cols.length ? beyond(cols[i]!, cells[i]!) : sql<SqlBool>`${sql.ref('_key')} > ${key}`;
    if (last === null) continue;
    alternatives.push(sql<SqlBool>`(${sql.join([...prefix, last], sql` AND `)})`);
  }
  return sql<SqlBool>`(${sql.join(alternatives, sql` OR `)})`;
}

// The row columns a reader of a page uses: the data store's stored row (`full`), or only the key and the
// disputed flag (`lean`, bulk reads). The row hash, the job and the blind indexes are never read from a page.
const META_COLUMNS: Record<RowMeta, readonly string[]> = {
  full: ['_key', '_rev', '_deleted', '_disputed', '_flags', '_updated_at'],
  lean: ['_key', '_disputed'],
};

/** A projection's columns: the row's metadata, the projected items' and the sort items' (its cursor). */
function selectedColumns(
  layout: Layout,
  items: readonly string[],
  cols: readonly SortColumn[],
  meta: RowMeta,
): string[] {
  const wanted = new Set(items);
  const out = [...META_COLUMNS[meta]];
  for (const c of layout.columns) if (wanted.has(c.item)) out.push(c.column);
  for (const c of cols) if (!out.includes(c.column)) out.push(c.column);
  return out;
}

/** One page of stored (encoded) rows matching the filter. */
export async function queryRows(
  tx: AnyTx,
  o: QueryOptions & {
    engine: Engine;
    table: string;
    layout: Layout;
    blindIndex: (item: string, value: Scalar) => string;
    /** With `items`: the row columns besides the items' (default `full`). */
    meta?: RowMeta;
  },
): Promise<{ rows: Record<string, unknown>[]; next: string | null }> {
  if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > QUERY_MAX_LIMIT)
    throw fieldError('limit', 'OUT_OF_RANGE', `limit must be 1 to ${QUERY_MAX_LIMIT}`);
  const cols = sortColumns(o);
  const from = (tx as Kysely<Dyn>).selectFrom(o.table);
  let q = (
    o.items ? from.select(selectedColumns(o.layout, o.items, cols, o.meta ?? 'full')) : from.selectAll()
  ).where('_deleted', '=', 0);
  if (o.after !== undefined) {
    if (cols.length) {
      const { cells, key } = parseSortedCursor(o.after, cols.length);
      q = q.where(afterSorted(cols, cells, key));
    } else {
      if (!CURSOR.test(o.after)) badCursor();
      q = q.where('_key', '>', o.after);
    }
  }
  if (o.filter) q = q.where(compileFilter(o.filter, o));
  for (const c of cols) q = q.orderBy(c.desc ? sql`${c.ref} DESC NULLS LAST` : sql`${c.ref} ASC NULLS FIRST`);
  const rows = await q.orderBy('_key').limit(o.limit).execute();
  const last = rows.length === o.limit ? rows[rows.length - 1]! : null;
  const next = last === null ? null : cols.length ? sortedCursor(last, cols) : String(last._key);
  return { rows, next };
}
