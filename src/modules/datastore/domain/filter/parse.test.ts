import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../kernel/index.js';
import {
  FILTER_LIMITS,
  FilterForbidden,
  FilterInvalid,
  filterJsonSchema,
  filterToJson,
  parseFilter,
  type FilterItem,
} from './index.js';

const items: FilterItem[] = [
  { name: 'name', code: 'I001', dataType: 'string', encrypted: false },
  { name: 'age', code: 'I002', dataType: 'number', encrypted: false },
  { name: 'birth', code: 'I003', dataType: 'date', encrypted: false },
  { name: 'seen_at', code: 'I004', dataType: 'datetime', encrypted: false },
  { name: 'active', code: 'I005', dataType: 'boolean', encrypted: false },
  { name: 'sfzh', code: 'sfzh', dataType: 'string', encrypted: true },
  { name: 'photo', code: 'I007', dataType: 'binary', encrypted: false },
];

/** The field issues of a refused filter as `field:code`. */
function issues(input: unknown, opts = {}): string[] {
  try {
    parseFilter(input, items, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(FilterInvalid);
    expect((e as AppError).status).toBe(400);
    return (e as FilterInvalid).issues.map((i) => `${i.field}:${i.code}`);
  }
  throw new Error('the filter was accepted');
}

function nest(depth: number): unknown {
  let f: unknown = { eq: { item: 'I001', value: 'x' } };
  for (let d = 1; d < depth; d++) f = { not: f };
  return f;
}

describe('parseFilter', () => {
  it('admits every operator and resolves codes to item names', () => {
    const f = parseFilter(
      {
        and: [
          { eq: { item: 'I001', value: '张三' } },
          { ne: { item: 'I005', value: true } },
          { in: { item: 'sfzh', values: ['330106198001010011', '330106198001010022'] } },
          { range: { item: 'I002', from: 18, to: 60, exclusiveTo: true } },
          { prefix: { item: 'I003', value: '1980-' } },
          { or: [{ isNull: { item: 'I007' } }, { not: { isNull: { item: 'I004' } } }] },
        ],
      },
      items,
    );
    expect(f).toMatchObject({
      op: 'and',
      args: [
        { op: 'eq', item: 'name', code: 'I001', value: '张三' },
        { op: 'ne', item: 'active', value: true },
        { op: 'in', item: 'sfzh', encrypted: true },
        { op: 'range', item: 'age', from: 18, to: 60, exclusiveFrom: false, exclusiveTo: true },
        { op: 'prefix', item: 'birth', value: '1980-' },
        { op: 'or' },
      ],
    });
  });

  it('normalises values to the stored forms', () => {
    const one = (item: string, value: unknown) =>
      (parseFilter({ eq: { item, value } }, items) as { value: unknown }).value;
    expect(one('I002', 12.5)).toBe(12.5);
    expect(one('I002', '0012.50')).toBe(12.5);
    expect(one('I002', '-0')).toBe(0);
    expect(one('I002', '12345678901234567890.5')).toBe('12345678901234567890.5');
    expect(one('I002', 1e21)).toBe('1000000000000000000000');
    expect(one('I004', '2024-05-01T08:30:00+08:00')).toBe('2024-05-01T00:30:00.000Z');
    expect(one('I004', '2024-05-01T00:30:00.1234Z')).toBe('2024-05-01T00:30:00.123Z');
    expect(one('I003', '0050-02-28')).toBe('0050-02-28');
  });

  it('type-checks values against the item', () => {
    expect(issues({ eq: { item: 'I002', value: 'ten' } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I002', value: '1e5' } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I001', value: 5 } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I005', value: 'true' } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I003', value: '2023-02-29' } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I003', value: '2023-2-1' } })).toEqual(['filter.eq.value:TYPE_MISMATCH']);
    expect(issues({ eq: { item: 'I004', value: '2024-05-01 08:30' } })).toEqual([
      'filter.eq.value:TYPE_MISMATCH',
    ]);
    expect(issues({ eq: { item: 'I001', value: null } })).toEqual(['filter.eq.value:INVALID_UNION']);
    expect(
      issues({ and: [{ isNull: { item: 'I001' } }, { in: { item: 'I002', values: [1, 'x', 3] } }] }),
    ).toEqual(['filter.and.1.in.values.1:TYPE_MISMATCH']);
  });

  it('refuses what an item cannot answer', () => {
    expect(issues({ range: { item: 'sfzh', from: '3301' } })).toEqual(['filter.range.item:ENCRYPTED']);
    expect(issues({ prefix: { item: 'sfzh', value: '3301' } })).toEqual(['filter.prefix.item:ENCRYPTED']);
    expect(issues({ prefix: { item: 'I002', value: '1' } })).toEqual(['filter.prefix.item:UNSUPPORTED']);
    expect(issues({ range: { item: 'I005', from: false } })).toEqual(['filter.range.item:UNSUPPORTED']);
    expect(issues({ eq: { item: 'I007', value: 'AAAA' } })).toEqual(['filter.eq.item:UNSUPPORTED']);
    expect(issues({ range: { item: 'I002' } })).toEqual(['filter.range:CUSTOM']);
    // Equality on an encrypted item is fine (blind index).
    expect(parseFilter({ ne: { item: 'sfzh', value: 'x' } }, items)).toMatchObject({
      op: 'ne',
      encrypted: true,
    });
  });

  it('refuses malformed and hostile input with field issues', () => {
    expect(issues(null)).toEqual(['filter:INVALID_TYPE']);
    expect(issues([])).toEqual(['filter:INVALID_TYPE']);
    expect(issues('1=1')).toEqual(['filter:INVALID_TYPE']);
    expect(issues({})).toEqual(['filter:ONE_OPERATOR']);
    expect(issues({ eq: { item: 'I001', value: 'a' }, ne: { item: 'I001', value: 'b' } })).toEqual([
      'filter:ONE_OPERATOR',
    ]);
    expect(issues({ like: { item: 'I001', value: '%' } })).toEqual(['filter:UNKNOWN_OPERATOR']);
    expect(issues(JSON.parse('{"__proto__": {"eq": {"item": "I001", "value": "a"}}}'))).toEqual([
      'filter:UNKNOWN_OPERATOR',
    ]);
    expect(issues({ constructor: {} })).toEqual(['filter:UNKNOWN_OPERATOR']);
    expect(issues({ eq: { item: "I001' OR '1'='1", value: 'a' } })).toEqual(['filter.eq.item:UNKNOWN_ITEM']);
    expect(issues({ eq: { item: 'name', value: 'a' } })).toEqual(['filter.eq.item:UNKNOWN_ITEM']);
    expect(issues({ eq: { item: 'I001', value: 'a', sql: 'DROP TABLE x' } })).toEqual([
      'filter.eq:UNRECOGNIZED_KEYS',
    ]);
    expect(issues({ and: [] })).toEqual(['filter.and:TOO_SMALL']);
    expect(issues({ or: { eq: {} } })).toEqual(['filter.or:INVALID_TYPE']);
    expect(issues({ eq: { item: 'I001', value: 'a\u0000b' } })).toEqual(['filter.eq.value:INVALID_TEXT']);
    expect(issues({ eq: { item: 'I001', value: 'a\ud800' } })).toEqual(['filter.eq.value:INVALID_TEXT']);
    expect(issues({ eq: { item: 'I001', value: 'x'.repeat(FILTER_LIMITS.maxStringLength + 1) } })).toEqual([
      'filter.eq.value:TOO_BIG',
    ]);
    expect(issues({ eq: { item: 'nope', value: 'a' } }, { path: 'body.where' })).toEqual([
      'body.where.eq.item:UNKNOWN_ITEM',
    ]);
  });

  it('admits quotes and SQL keywords as plain values', () => {
    const hostile = "'; DROP TABLE users; --";
    expect(parseFilter({ eq: { item: 'I001', value: hostile } }, items)).toMatchObject({ value: hostile });
    expect(parseFilter({ prefix: { item: 'I001', value: '%_\\' } }, items)).toMatchObject({ value: '%_\\' });
  });

  it('enforces depth, node and list limits', () => {
    expect(() => parseFilter(nest(FILTER_LIMITS.maxDepth), items)).not.toThrow();
    expect(issues(nest(FILTER_LIMITS.maxDepth + 1))).toEqual([`filter${'.not'.repeat(8)}:TOO_DEEP`]);
    // Far deeper than any stack would take recursively: refused after maxDepth levels.
    expect(issues(nest(100_000))[0]).toMatch(/TOO_DEEP$/);
    const leaf = { isNull: { item: 'I001' } };
    expect(() => parseFilter({ and: Array(FILTER_LIMITS.maxNodes - 1).fill(leaf) }, items)).not.toThrow();
    expect(issues({ and: Array(FILTER_LIMITS.maxNodes).fill(leaf) })).toEqual(['filter.and:TOO_MANY_NODES']);
    expect(issues({ and: Array(1_000_000).fill(leaf) })).toEqual(['filter.and:TOO_MANY_NODES']);
    const nested = { or: Array(60).fill({ not: leaf }) };
    expect(issues(nested)[0]).toMatch(/TOO_MANY_NODES$/);
    const list = (n: number) => ({ in: { item: 'I002', values: Array.from({ length: n }, (_, i) => i) } });
    expect(() => parseFilter(list(FILTER_LIMITS.maxInValues), items)).not.toThrow();
    expect(issues(list(FILTER_LIMITS.maxInValues + 1))).toEqual(['filter.in.values:TOO_BIG']);
    expect(issues({ and: Array(6).fill(list(1000)) })).toEqual(['filter.and.5.in.values:TOO_MANY_VALUES']);
  });

  it('reports up to 50 issues at once', () => {
    const bad = { and: Array(60).fill({ eq: { item: 'nope', value: 1 } }) };
    expect(issues(bad)).toHaveLength(50);
    expect(
      issues({ or: [{ eq: { item: 'nope', value: 1 } }, { eq: { item: 'I002', value: 'x' } }] }),
    ).toEqual(['filter.or.0.eq.item:UNKNOWN_ITEM', 'filter.or.1.eq.value:TYPE_MISMATCH']);
  });

  it('forbids items not granted unmasked (403), after validation', () => {
    const allowedItems = new Set(['name', 'age']);
    const f = {
      or: [
        { eq: { item: 'I001', value: 'a' } },
        { isNull: { item: 'sfzh' } },
        { eq: { item: 'I005', value: true } },
      ],
    };
    let err: unknown;
    try {
      parseFilter(f, items, { allowedItems });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterForbidden);
    expect((err as AppError).status).toBe(403);
    expect((err as FilterForbidden).items).toEqual(['I005', 'sfzh']);
    expect(() => parseFilter({ eq: { item: 'I002', value: 3 } }, items, { allowedItems })).not.toThrow();
    // A malformed filter is a 400 even when it also names a masked item.
    expect(
      issues({ and: [{ isNull: { item: 'sfzh' } }, { eq: { item: 'I002', value: 'x' } }] }, { allowedItems }),
    ).toEqual(['filter.and.1.eq.value:TYPE_MISMATCH']);
  });

  it('prints back to JSON that parses to the same filter and fits the shape schema', () => {
    const json = {
      or: [
        { range: { item: 'I002', from: '1.50', exclusiveFrom: true } },
        { not: { in: { item: 'sfzh', values: ['a'] } } },
        {
          and: [
            { prefix: { item: 'I001', value: '王' } },
            { ne: { item: 'I004', value: '2024-01-01T00:00:00Z' } },
          ],
        },
      ],
    };
    const f = parseFilter(json, items);
    const printed = filterToJson(f);
    expect(printed).toEqual({
      or: [
        { range: { item: 'I002', from: 1.5, exclusiveFrom: true } },
        { not: { in: { item: 'sfzh', values: ['a'] } } },
        {
          and: [
            { prefix: { item: 'I001', value: '王' } },
            { ne: { item: 'I004', value: '2024-01-01T00:00:00.000Z' } },
          ],
        },
      ],
    });
    expect(parseFilter(printed, items)).toEqual(f);
    expect(filterJsonSchema.safeParse(printed).success).toBe(true);
    expect(filterJsonSchema.safeParse({ eq: { item: 'I001', value: 'a' }, x: 1 }).success).toBe(false);
  });
});
