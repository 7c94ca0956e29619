import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Engine } from '../../kernel/index.js';
import {
  FilterInvalid,
  prefixUpperBound,
  type Filter,
  type FilterLeaf,
  type Scalar,
} from './domain/filter/index.js';
import type { ColumnSpec, Layout } from './domain/layout.js';

// The filter language compiled to a WHERE expression for a data table: the repository-side half of
// domain/filter. Column names come from the layout (generated identifiers, passed as identifiers); every
// literal is a bind parameter — no text of a filter ever becomes SQL text.
//
// Two-valued logic: a comparison with a NULL column yields NULL in SQL, and WHERE keeps only TRUE. "Is TRUE"
// commutes with AND and OR in SQL's three-valued logic, so only NOT needs care: NOT NULL is NULL, but the
// filter language says `not` of a null comparison is true, hence NOT COALESCE(p, FALSE).
//
// Text order is code-point order on both engines: SQLite compares text with BINARY (memcmp of UTF-8); on
// PostgreSQL the database's collation may be linguistic, so text comparisons carry COLLATE "C" (byte order,
// which for UTF-8 is code-point order).

/** What compiling needs besides the filter. */
export interface FilterSqlOptions {
  layout: Layout;
  engine: Engine;
  /** The blind index of a value of an encrypted item (cell-codec's blindIndex with the resource's keys). */
  blindIndex: (item: string, value: Scalar) => string;
}

type Bool = RawBuilder<SqlBool>;

function stale(f: FilterLeaf): never {
  // The layout is authoritative; a filter admitted against other items (an older version) must be re-admitted.
  throw new FilterInvalid([
    { field: 'filter', code: 'STALE', message: `item ${f.code} changed since the filter was validated` },
  ]);
}

function columnOf(f: FilterLeaf, layout: Layout): ColumnSpec {
  const c = layout.columns.find((x) => x.item === f.item);
  if (!c || c.encrypted !== f.encrypted || c.dataType !== f.dataType) stale(f);
  return c;
}

function leafSql(f: FilterLeaf, o: FilterSqlOptions): Bool {
  const c = columnOf(f, o.layout);
  const col = sql.ref(c.column);
  if (f.op === 'isNull') return sql<SqlBool>`${col} IS NULL`;
  // Encrypted items answer equality only, by their blind index column; the parser refuses range and prefix.
  if (c.encrypted && (f.op === 'range' || f.op === 'prefix')) stale(f);
  const lhs = c.encrypted
    ? sql.ref(`${c.column}__bi`)
    : c.storage === 'text' && o.engine === 'postgres'
      ? sql`${col} COLLATE "C"`
      : col;
  const param = (v: Scalar): unknown =>
    c.encrypted ? o.blindIndex(f.item, v) : c.storage === 'bool' ? (v === true ? 1 : 0) : v;
  switch (f.op) {
    case 'eq':
      return sql<SqlBool>`${lhs} = ${param(f.value)}`;
    case 'ne':
      return sql<SqlBool>`${lhs} <> ${param(f.value)}`;
    case 'in':
      if (f.values.length === 0) return falseSql(o.engine);
      return sql<SqlBool>`${lhs} IN (${sql.join(f.values.map(param))})`;
    case 'range': {
      const parts: Bool[] = [];
      const { from, to } = f;
      if (from !== null)
        parts.push(f.exclusiveFrom ? sql`${lhs} > ${param(from)}` : sql`${lhs} >= ${param(from)}`);
      if (to !== null) parts.push(f.exclusiveTo ? sql`${lhs} < ${param(to)}` : sql`${lhs} <= ${param(to)}`);
      return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
    }
    case 'prefix': {
      // A half-open range instead of LIKE: SQLite's LIKE ignores ASCII case, and a range can use an index on
      // either engine. `%`, `_` and `\` are ordinary characters here, so nothing needs escaping.
      if (f.value === '') return sql<SqlBool>`${col} IS NOT NULL`;
      const upper = prefixUpperBound(f.value);
      return upper === null
        ? sql<SqlBool>`${lhs} >= ${f.value}`
        : sql<SqlBool>`(${lhs} >= ${f.value} AND ${lhs} < ${upper})`;
    }
  }
}

function falseSql(engine: Engine): Bool {
  return engine === 'postgres' ? sql<SqlBool>`FALSE` : sql<SqlBool>`0`;
}

/** Compiles a parsed filter to a parameterised boolean expression over the resource's data table. */
export function compileFilter(f: Filter, o: FilterSqlOptions): Expression<SqlBool> {
  return compile(f, o);
}

function compile(f: Filter, o: FilterSqlOptions): Bool {
  switch (f.op) {
    case 'and':
    case 'or':
      return sql<SqlBool>`(${sql.join(
        f.args.map((a) => compile(a, o)),
        f.op === 'and' ? sql` AND ` : sql` OR `,
      )})`;
    case 'not':
      return sql<SqlBool>`NOT COALESCE(${compile(f.arg, o)}, ${falseSql(o.engine)})`;
    default:
      return leafSql(f, o);
  }
}
