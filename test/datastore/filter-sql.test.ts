// The compiled SQL of the filter language, inspected without a database: the shapes on each engine
// (COLLATE "C" on PostgreSQL text, blind indexes for encrypted equality, NOT COALESCE for negation, a half-open
// range for prefixes) and the security property that matters most — the SQL text depends only on the filter's
// structure, never on its values, which travel as bind parameters.
import fc from 'fast-check';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Dialect,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/kernel/index.js';
import {
  FilterInvalid,
  parseFilter,
  prefixUpperBound,
  type Filter,
  type FilterItem,
  type Scalar,
} from '../../src/modules/datastore/domain/filter/index.js';
import { planLayout, type LayoutItem } from '../../src/modules/datastore/domain/layout.js';
import { compileFilter } from '../../src/modules/datastore/filter-sql.js';

const layoutItems: (LayoutItem & { code: string })[] = [
  {
    name: 'name',
    code: 'I001',
    dataType: 'string',
    nationalLevel: 'general1',
    secret: false,
    primaryKey: true,
  },
  {
    name: 'age',
    code: 'I002',
    dataType: 'number',
    nationalLevel: 'general1',
    secret: false,
    primaryKey: false,
  },
  {
    name: 'active',
    code: 'I003',
    dataType: 'boolean',
    nationalLevel: 'general1',
    secret: false,
    primaryKey: false,
  },
  {
    name: 'sfzh',
    code: 'sfzh',
    dataType: 'string',
    nationalLevel: 'general3',
    secret: false,
    primaryKey: false,
  },
  {
    name: 'born',
    code: 'I005',
    dataType: 'date',
    nationalLevel: 'general2',
    secret: false,
    primaryKey: false,
  },
];
const layout = planLayout(layoutItems, null);
const items: FilterItem[] = layoutItems.map((i) => ({
  name: i.name,
  code: i.code,
  dataType: i.dataType,
  encrypted: i.nationalLevel === 'general3',
}));
const blindIndex = (item: string, v: Scalar) => `bi(${item}:${String(v)})`;

function dialect(engine: Engine): Dialect {
  const pg = engine === 'postgres';
  return {
    createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => (pg ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
    createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
  };
}
const dbs = {
  sqlite: new Kysely<Record<string, Record<string, unknown>>>({ dialect: dialect('sqlite') }),
  postgres: new Kysely<Record<string, Record<string, unknown>>>({ dialect: dialect('postgres') }),
};

function compiled(engine: Engine, f: Filter) {
  const q = dbs[engine]
    .selectFrom('rd_t')
    .select('_key')
    .where(compileFilter(f, { layout, engine, blindIndex }))
    .compile();
  return { sql: q.sql.replace(/^select "_key" from "rd_t" where /, ''), params: [...q.parameters] };
}
const parse = (json: unknown) => parseFilter(json, items);

describe('filter SQL shapes', () => {
  it('compares text with COLLATE "C" on PostgreSQL and BINARY (the default) on SQLite', () => {
    const f = parse({ eq: { item: 'I001', value: '王' } });
    expect(compiled('postgres', f)).toEqual({ sql: '"name" COLLATE "C" = $1', params: ['王'] });
    expect(compiled('sqlite', f)).toEqual({ sql: '"name" = ?', params: ['王'] });
    const r = parse({ range: { item: 'I005', from: '2000-01-01', to: '2001-01-01', exclusiveTo: true } });
    expect(compiled('postgres', r).sql).toBe('("born" COLLATE "C" >= $1 AND "born" COLLATE "C" < $2)');
  });

  it('compares numbers and booleans without collation, booleans as 0/1', () => {
    expect(compiled('postgres', parse({ range: { item: 'I002', from: 18, exclusiveFrom: true } }))).toEqual({
      sql: '("age" > $1)',
      params: [18],
    });
    expect(compiled('sqlite', parse({ in: { item: 'I003', values: [true, false] } }))).toEqual({
      sql: '"active" IN (?, ?)',
      params: [1, 0],
    });
  });

  it('answers encrypted equality by blind index and nullness by the ciphertext column', () => {
    expect(compiled('postgres', parse({ ne: { item: 'sfzh', value: '3301' } }))).toEqual({
      sql: '"sfzh__bi" <> $1',
      params: ['bi(sfzh:3301)'],
    });
    expect(compiled('sqlite', parse({ isNull: { item: 'sfzh' } })).sql).toBe('"sfzh" IS NULL');
  });

  it('negates with NOT COALESCE(p, FALSE) (SQLite: 0) and groups and/or', () => {
    const f = parse({ not: { or: [{ eq: { item: 'I002', value: 1 } }, { isNull: { item: 'I001' } }] } });
    expect(compiled('postgres', f).sql).toBe('NOT COALESCE(("age" = $1 OR "name" IS NULL), FALSE)');
    expect(compiled('sqlite', f).sql).toBe('NOT COALESCE(("age" = ? OR "name" IS NULL), 0)');
    expect(compiled('sqlite', parse({ in: { item: 'I002', values: [] } })).sql).toBe('0');
    expect(compiled('postgres', parse({ in: { item: 'I002', values: [] } })).sql).toBe('FALSE');
  });

  it('compiles prefix to a half-open range, with %, _ and \\ as plain characters', () => {
    expect(compiled('postgres', parse({ prefix: { item: 'I001', value: 'a%_\\' } }))).toEqual({
      sql: '("name" COLLATE "C" >= $1 AND "name" COLLATE "C" < $2)',
      params: ['a%_\\', 'a%_]'],
    });
    expect(compiled('sqlite', parse({ prefix: { item: 'I001', value: '\u{10ffff}' } })).sql).toBe(
      '"name" >= ?',
    );
    expect(compiled('sqlite', parse({ prefix: { item: 'I001', value: '' } })).sql).toBe('"name" IS NOT NULL');
  });

  it('refuses a filter admitted against other items than the layout has', () => {
    const f = parse({ eq: { item: 'sfzh', value: 'x' } });
    const plain = planLayout(
      layoutItems.map((i) => ({ ...i, nationalLevel: 'general1' })),
      null,
    );
    expect(() => compileFilter(f, { layout: plain, engine: 'sqlite', blindIndex })).toThrow(FilterInvalid);
    const gone = { ...layout, columns: layout.columns.filter((c) => c.item !== 'sfzh') };
    expect(() => compileFilter(f, { layout: gone, engine: 'postgres', blindIndex })).toThrow(FilterInvalid);
  });
});

// Values from an attacker's toolbox, plus ordinary and non-BMP text.
const HOSTILE = [
  "'",
  '"',
  "'; DROP TABLE rd_t; --",
  '" OR 1=1 --',
  "') OR ('1'='1",
  'x" COLLATE "C',
  '/* */',
  '$1',
  '?',
  '\\',
  '%',
  '_',
  'SELECT * FROM datastore_keys',
  '王',
  '𠀀',
];
const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: fc.constantFrom(...HOSTILE), minLength: 1, maxLength: 4 }),
);
const textItem = fc.constantFrom('I001', 'sfzh');
const hostileFilter = fc.letrec<{ f: unknown }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ eq: fc.record({ item: textItem, value: hostileText }) }),
    fc.record({ ne: fc.record({ item: textItem, value: hostileText }) }),
    fc.record({
      in: fc.record({ item: textItem, values: fc.array(hostileText, { minLength: 1, maxLength: 3 }) }),
    }),
    fc.record({ prefix: fc.record({ item: fc.constant('I001'), value: hostileText }) }),
    fc.record({ range: fc.record({ item: fc.constant('I001'), from: hostileText, to: hostileText }) }),
    fc.record({ and: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('f') }),
  ),
})).f;

// The same filter with every literal replaced by a harmless one of the same SQL shape.
function blank(f: Filter): Filter {
  switch (f.op) {
    case 'and':
    case 'or':
      return { op: f.op, args: f.args.map(blank) };
    case 'not':
      return { op: 'not', arg: blank(f.arg) };
    case 'eq':
    case 'ne':
      return { ...f, value: 'x' };
    case 'in':
      return { ...f, values: f.values.map(() => 'x') };
    case 'range':
      return { ...f, from: f.from === null ? null : 'x', to: f.to === null ? null : 'x' };
    case 'prefix':
      return { ...f, value: f.value === '' ? '' : prefixUpperBound(f.value) === null ? '\u{10ffff}' : 'x' };
    case 'isNull':
      return f;
  }
}

describe('hostile values', () => {
  it('never change the SQL text: every value is a bind parameter', () => {
    fc.assert(
      fc.property(hostileFilter, fc.constantFrom<Engine>('sqlite', 'postgres'), (json, engine) => {
        const f = parse(json);
        const real = compiled(engine, f);
        expect(real.sql).toBe(compiled(engine, blank(f)).sql);
        for (const h of HOSTILE.filter((x) => x.length > 2)) expect(real.sql).not.toContain(h);
      }),
      { numRuns: 300 },
    );
  });

  it('carries the hostile text itself as a parameter', () => {
    const v = "'; DROP TABLE rd_t; --";
    const f = parse({ and: [{ eq: { item: 'I001', value: v } }, { in: { item: 'sfzh', values: [v] } }] });
    for (const engine of ['sqlite', 'postgres'] as const) {
      const c = compiled(engine, f);
      expect(c.params).toEqual([v, `bi(sfzh:${v})`]);
      expect(c.sql).not.toContain('DROP');
    }
  });
});
