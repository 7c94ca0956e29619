// The filter language against real data on both engines: for random filters over random rows (nulls,
// non-ASCII and non-BMP text, mixed ASCII case, LIKE metacharacters, an encrypted item), the compiled SQL
// returns exactly the rows the in-memory reference evaluator accepts; deleted rows never appear; pages
// chain; and hostile values reach the database only as bind parameters.
import fc from 'fast-check';
import type { KyselyPlugin, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { PostgresQueryCompiler, sql, SqliteQueryCompiler } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type AnyTx } from '../../src/kernel/index.js';
import {
  filterItemsOf,
  FilterInvalid,
  evaluate,
  parseFilter,
  type DatastoreService,
  type Filter,
  type FilterItem,
  type RowInput,
  type StoredRow,
} from '../../src/modules/datastore/index.js';
import { populationBody, publish } from '../catalogue/catalogue-fixtures.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();

// Value pools small enough that filters hit rows, with every boundary that matters: ASCII case ('a' < 'b' but
// 'B' < 'a'), LIKE's metacharacters, the last BMP code points (U+FFFF sorts before U+20000 by code point, after
// it by UTF-16 unit), quotes, and CJK.
const TEXT_UNITS = ['a', 'b', 'A', 'B', '%', '_', '\\', 'é', '中', '\uffff', '𠀀', '😀', "'", ' '];
const text = fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 4 });
const NUMBERS = [-2, -1.5, -0.25, 0, 0.1, 1, 2, 2.5, 10, 100];
const DAYS = ['1999-12-31', '2000-01-01', '2000-02-29', '2024-01-02', '2024-10-10'];
const TIMES = ['2024-01-01T00:00:00.000Z', '2024-01-01T08:00:00.000Z', '2025-06-30T23:59:59.999Z'];
const SECRETS = ['张三', '李四', 'Ab', 'ab', '𠀀x', "O'Brien"];
const FIXED_TEXT = [
  'abc',
  'ABC',
  'Abc',
  'a%c',
  'a_c',
  'abc%',
  'a\\c',
  '\uffff',
  '𠀀',
  '𠀀a',
  'é',
  "'; DROP TABLE x; --",
];

const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const rowValues = fc.record({
  txt: nullable(fc.oneof(text, fc.constantFrom(...FIXED_TEXT))),
  num: nullable(fc.constantFrom(...NUMBERS)),
  day: nullable(fc.constantFrom(...DAYS)),
  at: nullable(fc.constantFrom(...TIMES)),
  flag: nullable(fc.boolean()),
  enc: nullable(fc.constantFrom(...SECRETS)),
});

const body = populationBody({
  name: '过滤语言测试',
  classification: { category: 'basic', item: '01', catalog: '042' },
  items: [
    {
      name: 'row_id',
      label: '行号',
      code: 'K',
      dataType: 'string',
      primaryKey: true,
      nationalLevel: 'general1',
    },
    { name: 'txt', label: '文本', code: 'TXT', dataType: 'string', nationalLevel: 'general1' },
    { name: 'num', label: '数值', code: 'NUM', dataType: 'number', nationalLevel: 'general1' },
    { name: 'day', label: '日期', code: 'DAY', dataType: 'date', nationalLevel: 'general1' },
    { name: 'at', label: '时间', code: 'AT', dataType: 'datetime', nationalLevel: 'general1' },
    { name: 'flag', label: '标志', code: 'FLAG', dataType: 'boolean', nationalLevel: 'general1' },
    { name: 'enc', label: '姓名', code: 'ENC', dataType: 'string', nationalLevel: 'general3' },
  ],
});

// Random filters by item code, with literals drawn from the same pools as the rows (plus equivalent
// spellings: '2.50', offsets) so they select something.
const leafOf = (item: string, value: fc.Arbitrary<unknown>, ops: string[]) =>
  fc.constantFrom(...ops).chain((op): fc.Arbitrary<unknown> => {
    switch (op) {
      case 'in':
        return fc.array(value, { maxLength: 4 }).map((values) => ({ in: { item, values } }));
      case 'range':
        return fc
          .record(
            { from: value, to: value, exclusiveFrom: fc.boolean(), exclusiveTo: fc.boolean() },
            { requiredKeys: [] },
          )
          .filter((r) => r.from !== undefined || r.to !== undefined)
          .map((r) => ({ range: { item, ...r } }));
      case 'isNull':
        return fc.constant({ isNull: { item } });
      default:
        return value.map((v) => ({ [op]: { item, value: v } }));
    }
  });
const ALL = ['eq', 'ne', 'in', 'range', 'isNull'];
const leaf = fc.oneof(
  leafOf('TXT', fc.oneof(text, fc.constantFrom(...FIXED_TEXT)), [...ALL, 'prefix', 'prefix']),
  leafOf('NUM', fc.constantFrom<unknown>(...NUMBERS, '2.50', '-0.250', 3), ALL),
  leafOf('DAY', fc.constantFrom(...DAYS, '2000-01-02'), ALL),
  leafOf('DAY', fc.constantFrom('', '2000-', '2024-1', '1999-12-31', '20'), ['prefix']),
  leafOf('AT', fc.constantFrom(...TIMES, '2024-01-01T08:00:00+08:00', '2024-01-01T04:00:00Z'), ALL),
  leafOf('FLAG', fc.boolean(), ['eq', 'ne', 'in', 'isNull']),
  leafOf('ENC', fc.constantFrom(...SECRETS, 'nobody'), ['eq', 'ne', 'in', 'isNull']),
);
const filterJson = fc.letrec<{ f: unknown }>((tie) => ({
  f: fc.oneof(
    { maxDepth: 4, depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ and: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('f'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('f') }),
  ),
})).f;

/** Captures the SQL text of every query run through the handle it is plugged into. */
function sqlCapture(engine: string) {
  const compiler = engine === 'postgres' ? new PostgresQueryCompiler() : new SqliteQueryCompiler();
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args: { node: RootOperationNode; queryId: { queryId: string } }) => {
      seen.push(compiler.compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args: { result: QueryResult<UnknownRow> }) => args.result,
  };
  return { plugin, seen };
}

// The test cluster's default collation may well be C already, which would hide a missing COLLATE "C". Give
// the text columns a linguistic collation (ICU English: 'a' < 'B', unlike code-point order), as a database
// created with a zh_CN or en_US default would have, so the compiled SQL must bring its own collation.
async function linguisticText(t: TestPlatform, resourceId: string): Promise<void> {
  const db = t.platform.db.kysely;
  const icu = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_collation WHERE collname = 'en-x-icu'`.execute(db);
  if (icu.rows[0]?.n !== 1) {
    console.warn(
      '*** NOTICE: no ICU collation en-x-icu: the COLLATE "C" check runs on the default collation ***',
    );
    return;
  }
  const { table } = await t.platform.datastore.layout(db, resourceId);
  const name = sql.table(`rd_${resourceId.replace(/-/g, '')}_g${table.generation}`);
  for (const col of ['txt', 'day'])
    await sql`ALTER TABLE ${name} ALTER COLUMN ${sql.ref(col)} TYPE text COLLATE "en-x-icu"`.execute(db);
}

describe.each(engines)('filter language on %s', (engine) => {
  let t: TestPlatform;
  let ds: DatastoreService;
  let id: string;
  let items: FilterItem[];
  let live: StoredRow[];
  const tx = <T>(fn: (trx: AnyTx) => Promise<T>): Promise<T> =>
    t.platform.db.kysely.transaction().execute(fn);

  const all = async (f: Filter | null, limit = 1000): Promise<string[]> => {
    const keys: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await ds.query(id, { filter: f, limit, ...(after && { after }) });
      keys.push(...page.rows.map((r) => r.key));
      expect(page.rows.every((r) => !r.deleted)).toBe(true);
      if (!page.next) return keys.sort();
      after = page.next;
    }
  };
  const expected = (f: Filter | null) =>
    live
      .filter((r) => !f || evaluate(f, r.values))
      .map((r) => r.key)
      .sort();

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    const w = await buildWorld(t);
    ds = t.platform.datastore;
    id = await publish(t, w.tokens.steward, w.tokens.reviewer, body);
    const res = await send(t, 'GET', `/api/v1/catalogue/resources/${id}`, { token: w.tokens.steward });
    items = filterItemsOf(res.json<{ items: Parameters<typeof filterItemsOf>[0] }>().items);
    expect(items.find((i) => i.code === 'ENC')?.encrypted).toBe(true);
    const random = fc.sample(rowValues, 160);
    const fixed = FIXED_TEXT.map((txt, i) => ({ ...random[i]!, txt }));
    const rows: RowInput[] = [...fixed, ...random].map((values, i) => ({
      rowNo: i + 1,
      values: { row_id: `r${i}`, ...values },
      flags: [],
    }));
    await tx((trx) => ds.writeBatch(trx, id, 'upsert', rows, newId()));
    // A full replace without every tenth row leaves those rows soft-deleted: queries must skip them.
    const job = newId();
    await tx((trx) => ds.beginReplace(trx, id));
    await tx((trx) =>
      ds.writeBatch(
        trx,
        id,
        'replace',
        rows.filter((r) => r.rowNo % 10 !== 0),
        job,
      ),
    );
    await tx((trx) => ds.finishReplace(trx, id, job));
    if (engine === 'postgres') await linguisticText(t, id);
    live = await ds.rows(id, { limit: 10_000 });
    expect(live.length).toBe(rows.length - Math.floor(rows.length / 10));
    expect((await ds.rows(id, { limit: 10_000, includeDeleted: true })).length).toBe(rows.length);
  });
  afterAll(async () => t?.close());

  it('returns exactly the rows the reference evaluator accepts', async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(filterJson, async (json) => {
        let f: Filter;
        try {
          f = parseFilter(json, items);
        } catch (e) {
          // Random trees may outgrow the node limit; anything else would be a generator bug.
          expect(e).toBeInstanceOf(FilterInvalid);
          expect((e as FilterInvalid).issues.map((i) => i.code)).toEqual(['TOO_MANY_NODES']);
          return;
        }
        const want = expected(f);
        if (want.length > 0 && want.length < live.length) nonTrivial++;
        expect(await all(f)).toEqual(want);
      }),
      { numRuns: 100 },
    );
    // The filters must actually discriminate, or the property says little.
    expect(nonTrivial).toBeGreaterThan(40);
    expect(await all(null)).toEqual(expected(null));
  });

  it('pages by key with no gaps or repeats', async () => {
    const f = parseFilter({ not: { isNull: { item: 'TXT' } } }, items);
    const paged = await all(f, 7);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(expected(f));
  });

  it('keeps to the edge cases: case, LIKE metacharacters, non-BMP order, two-valued nulls', async () => {
    const txt = async (json: unknown) => {
      const f = parseFilter(json, items);
      const keys = await all(f);
      expect(keys).toEqual(expected(f));
      return live.filter((r) => keys.includes(r.key)).map((r) => r.values.txt as string);
    };
    const abc = await txt({ prefix: { item: 'TXT', value: 'ab' } });
    expect(abc).toContain('abc');
    expect(abc).not.toContain('ABC');
    expect(abc).not.toContain('Abc');
    // %, _ and \ match only themselves.
    for (const p of ['a%', 'a_', 'a\\']) {
      const got = await txt({ prefix: { item: 'TXT', value: p } });
      expect(got).toContain(`${p}c`);
      expect(got.every((v) => v.startsWith(p))).toBe(true);
    }
    expect((await txt({ prefix: { item: 'TXT', value: '𠀀' } })).sort()).toEqual(
      live
        .map((r) => r.values.txt)
        .filter((v): v is string => typeof v === 'string' && v.startsWith('𠀀'))
        .sort(),
    );
    // Beyond U+FFFF: '𠀀' (U+20000) sorts after U+FFFF by code point (JavaScript's < says the opposite).
    expect(await txt({ range: { item: 'TXT', from: '\uffff', exclusiveFrom: true } })).toContain('𠀀');
    expect(await txt({ range: { item: 'TXT', to: '\uffff' } })).not.toContain('𠀀');
    expect(new Set(await txt({ eq: { item: 'TXT', value: "'; DROP TABLE x; --" } }))).toEqual(
      new Set(["'; DROP TABLE x; --"]),
    );
    const nullTxt = live.filter((r) => r.values.txt === null).map((r) => r.key);
    expect(nullTxt.length).toBeGreaterThan(0);
    const keysOf = async (json: unknown) => all(parseFilter(json, items));
    const neq = await keysOf({ ne: { item: 'TXT', value: 'zzz' } });
    expect(neq.some((k) => nullTxt.includes(k))).toBe(false);
    const notEq = await keysOf({ not: { eq: { item: 'TXT', value: 'zzz' } } });
    expect(nullTxt.every((k) => notEq.includes(k))).toBe(true);
    const notEnc = await keysOf({ not: { eq: { item: 'ENC', value: '张三' } } });
    const nullEnc = live.filter((r) => r.values.enc === null).map((r) => r.key);
    expect(nullEnc.every((k) => notEnc.includes(k))).toBe(true);
    expect(await keysOf({ eq: { item: 'NUM', value: '2.50' } })).toEqual(
      live
        .filter((r) => r.values.num === 2.5)
        .map((r) => r.key)
        .sort(),
    );
  });

  it('sends hostile values to the database only as parameters', async () => {
    const hostile = "'; DROP TABLE x; --";
    const { plugin, seen } = sqlCapture(engine);
    const f = parseFilter(
      { or: [{ eq: { item: 'TXT', value: hostile } }, { in: { item: 'ENC', values: ["O'Brien"] } }] },
      items,
    );
    const page = await ds.query(id, { filter: f, limit: 1000 }, t.platform.db.kysely.withPlugin(plugin));
    expect(page.rows.map((r) => r.key).sort()).toEqual(expected(f));
    const select = seen.find((q) => q.sql.includes('_deleted'));
    expect(select).toBeDefined();
    expect(select!.sql).not.toContain('DROP');
    expect(select!.sql).not.toContain('Brien');
    expect(select!.parameters).toContain(hostile);
    // The encrypted literal travels as its blind index, not even as a parameter in clear.
    expect(select!.parameters).not.toContain("O'Brien");
  });

  it('decodes only the projected items: an encrypted item outside the projection is never opened', async () => {
    const f = parseFilter({ not: { isNull: { item: 'ENC' } } }, items);
    const all = await ds.query(id, { filter: f, limit: 5 });
    expect(all.rows.length).toBeGreaterThan(0);
    expect(Object.keys(all.rows[0]!.values)).toContain('enc');
    const projected = await ds.query(id, { filter: f, limit: 5, items: ['txt', 'num'] });
    expect(projected.rows.map((r) => r.key)).toEqual(all.rows.map((r) => r.key));
    for (const r of projected.rows) expect(Object.keys(r.values).sort()).toEqual(['num', 'txt']);
  });

  it('sorts by up to three items, each way, NULL lowest, text by code point, and pages exactly', async () => {
    const sortable = ['txt', 'num', 'day', 'at', 'flag'] as const;
    const cmpCell = (a: unknown, b: unknown): number => {
      if (a === b) return 0;
      if (a === null || a === undefined) return -1;
      if (b === null || b === undefined) return 1;
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (typeof a === 'boolean') return Number(a) - Number(b);
      // code-point order, not JavaScript's UTF-16 order
      const x = [...String(a as string)].map((c) => c.codePointAt(0)!);
      const y = [...String(b as string)].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    const sortKeys = fc
      .uniqueArray(fc.constantFrom(...sortable), { minLength: 1, maxLength: 3 })
      .chain((names) => fc.tuple(...names.map((item) => fc.boolean().map((desc) => ({ item, desc })))));
    await fc.assert(
      fc.asyncProperty(
        sortKeys,
        fc.option(filterJson, { nil: null }),
        fc.integer({ min: 1, max: 40 }),
        async (sort, json, limit) => {
          let f: Filter | null = null;
          try {
            f = json === null ? null : parseFilter(json, items);
          } catch {
            return; // the node limit, as above
          }
          const want = live
            .filter((r) => !f || evaluate(f, r.values))
            .sort((a, b) => {
              for (const k of sort) {
                const c = cmpCell(a.values[k.item], b.values[k.item]);
                if (c !== 0) return k.desc ? -c : c;
              }
              return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
            })
            .map((r) => r.key);
          const got: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = await ds.query(id, { filter: f, limit, sort, ...(after && { after }) });
            got.push(...page.rows.map((r) => r.key));
            if (!page.next) break;
            after = page.next;
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses sorting by encrypted or unknown items, too many items and foreign cursors', async () => {
    await expect(ds.query(id, { limit: 5, sort: [{ item: 'enc', desc: false }] })).rejects.toMatchObject({
      status: 400,
    });
    await expect(ds.query(id, { limit: 5, sort: [{ item: 'nope', desc: false }] })).rejects.toMatchObject({
      status: 400,
    });
    const four = ['txt', 'num', 'day', 'at'].map((item) => ({ item, desc: false }));
    await expect(ds.query(id, { limit: 5, sort: four })).rejects.toMatchObject({ status: 400 });
    const plain = await ds.query(id, { limit: 2 });
    // A key cursor is not a sorted cursor, nor the other way round.
    const sort = [{ item: 'num', desc: true }];
    await expect(ds.query(id, { limit: 2, sort, after: plain.next! })).rejects.toMatchObject({ status: 400 });
    const sorted = await ds.query(id, { limit: 2, sort });
    await expect(ds.query(id, { limit: 2, after: sorted.next! })).rejects.toMatchObject({ status: 400 });
    const forged = `s.${Buffer.from(JSON.stringify([{ x: 1 }, 'k'])).toString('base64url')}`;
    await expect(ds.query(id, { limit: 2, sort, after: forged })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses invalid paging', async () => {
    await expect(ds.query(id, { limit: 0 })).rejects.toMatchObject({ status: 400 });
    await expect(ds.query(id, { limit: 10, after: "' OR 1=1" })).rejects.toMatchObject({ status: 400 });
  });
});
