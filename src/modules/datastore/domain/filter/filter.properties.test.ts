// Property tests of the pure filter language: code-point order and prefix bounds agree with UTF-8 byte order
// (what the engines compare), decimals compare exactly and normalise as ingestion does, the parser only ever
// accepts or refuses with a field-level 400 (never crashes, whatever the input), printing round-trips, and
// the evaluator keeps two-valued logic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Ingestion's number rule, read directly: the filter must normalise literals exactly as ingestion stores them.
import { parseNumber } from '../../../quality/domain/validate/parse.js';
import { canonicalNumber, compareDecimal, decimalText } from './decimal.js';
import {
  combineAnd,
  compareCodePoints,
  evaluate,
  FilterForbidden,
  FilterInvalid,
  filterToJson,
  parseFilter,
  prefixUpperBound,
  type Filter,
  type FilterItem,
} from './index.js';

const RUNS = { numRuns: 300 };
const sign = (n: number) => Math.sign(n);
const utf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// Characters around every boundary that matters: ASCII case, the LIKE metacharacters, the end of the BMP
// before and after the surrogate block, the first and last supplementary code points, CJK (BMP and astral).
const TRICKY = [
  'a',
  'A',
  'b',
  'B',
  'z',
  '%',
  '_',
  '\\',
  "'",
  ' ',
  'é',
  '中',
  '\ud7ff',
  '\ue000',
  '\uffff',
  '𐀀',
  '𠀀',
  '😀',
  '\u{10ffff}',
];
const tricky = fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 6 });
const anyText = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 12 }));

describe('code-point order', () => {
  it('equals UTF-8 byte order (SQLite BINARY, PostgreSQL COLLATE "C")', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => sign(compareCodePoints(a, b)) === sign(utf8(a, b))),
      RUNS,
    );
  });

  it('differs from UTF-16 order beyond U+FFFF', () => {
    expect('\uffff' < '𠀀').toBe(false); // JavaScript: 0xFFFF > 0xD840
    expect(compareCodePoints('\uffff', '𠀀')).toBeLessThan(0);
  });

  it('bounds prefixes: s starts with p exactly when p <= s < upper(p)', () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, (p, rest, other) => {
        for (const s of [p + rest, other, p.slice(0, -1) + other]) {
          const upper = prefixUpperBound(p);
          const inRange = compareCodePoints(p, s) <= 0 && (upper === null || compareCodePoints(s, upper) < 0);
          if (inRange !== s.startsWith(p)) return false;
        }
        return true;
      }),
      RUNS,
    );
    expect(prefixUpperBound('ab')).toBe('ac');
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
    expect(prefixUpperBound('a\uffff')).toBe('a𐀀');
    expect(prefixUpperBound('a\u{10ffff}')).toBe('b');
    expect(prefixUpperBound('\u{10ffff}')).toBeNull();
    expect(prefixUpperBound('')).toBeNull();
  });
});

describe('decimals', () => {
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
  it('print doubles exactly and compare them in order', () => {
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        const x = decimalText(a)!;
        expect(Number(x)).toBe(a === 0 ? 0 : a);
        expect(x).not.toMatch(/e/i);
        return sign(compareDecimal(x, decimalText(b)!)) === sign(a - b);
      }),
      RUNS,
    );
  });

  it('compare decimal strings exactly (as BigInt at a common scale)', () => {
    const dec = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
      .map(([neg, digits, scale]) => {
        const s = digits.toString().padStart(scale + 1, '0');
        return `${neg ? '-' : ''}${s.slice(0, s.length - scale)}${scale ? `.${s.slice(s.length - scale)}` : ''}`;
      });
    const scaled = (s: string) => {
      const [i, f = ''] = s.replace('-', '').split('.');
      const v = BigInt(i! + f.padEnd(12, '0'));
      return s.startsWith('-') ? -v : v;
    };
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const d = scaled(a) - scaled(b);
        return sign(compareDecimal(decimalText(a)!, decimalText(b)!)) === (d === 0n ? 0 : d < 0n ? -1 : 1);
      }),
      RUNS,
    );
  });

  it('normalise as ingestion stores numbers', () => {
    const text = fc.oneof(
      finite.map((n) => decimalText(n)!),
      fc.stringMatching(/^-?\d{1,25}(\.\d{1,12})?$/),
    );
    fc.assert(
      fc.property(text, (t) => {
        const ingested = parseNumber(t, { length: null, scale: null });
        expect(ingested.ok).toBe(true);
        expect(canonicalNumber(decimalText(t)!)).toStrictEqual(ingested.ok ? ingested.value : null);
      }),
      RUNS,
    );
  });
});

const items: FilterItem[] = [
  { name: 's', code: 'S', dataType: 'string', encrypted: false },
  { name: 'n', code: 'N', dataType: 'number', encrypted: false },
  { name: 'd', code: 'D', dataType: 'date', encrypted: false },
  { name: 'b', code: 'B', dataType: 'boolean', encrypted: false },
  { name: 'e', code: 'E', dataType: 'string', encrypted: true },
];

// Loosely typed filter JSON: right shapes with values of any type, so both acceptance and refusal occur.
const looseValue = fc.oneof(
  tricky,
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constantFrom('2024-01-02', '1.5'),
);
const code = fc.constantFrom('S', 'N', 'D', 'B', 'E', 'X');
const looseFilter = fc.letrec<{ f: unknown }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ eq: fc.record({ item: code, value: looseValue }) }),
    fc.record({ ne: fc.record({ item: code, value: looseValue }) }),
    fc.record({ in: fc.record({ item: code, values: fc.array(looseValue, { maxLength: 4 }) }) }),
    fc.record({
      range: fc.record(
        {
          item: code,
          from: looseValue,
          to: looseValue,
          exclusiveFrom: fc.boolean(),
          exclusiveTo: fc.boolean(),
        },
        { requiredKeys: ['item'] },
      ),
    }),
    fc.record({ prefix: fc.record({ item: code, value: tricky }) }),
    fc.record({ isNull: fc.record({ item: code }) }),
    fc.record({ and: fc.array(tie('f'), { maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('f'), { maxLength: 3 }) }),
    fc.record({ not: tie('f') }),
  ),
})).f;

function admit(input: unknown, opts = {}): Filter | null {
  try {
    return parseFilter(input, items, opts);
  } catch (e) {
    if (e instanceof FilterInvalid && e.issues.length > 0 && e.status === 400) return null;
    if (e instanceof FilterForbidden && e.status === 403) return null;
    throw e;
  }
}

const row = fc.record({
  s: fc.option(tricky, { nil: null, freq: 4 }),
  n: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null, freq: 4 }),
  d: fc.option(fc.constantFrom('2024-01-01', '2024-01-02', '1999-12-31'), { nil: null, freq: 4 }),
  b: fc.option(fc.boolean(), { nil: null, freq: 4 }),
  e: fc.option(tricky, { nil: null, freq: 4 }),
});

describe('parseFilter on arbitrary input', () => {
  it('accepts or refuses with a 400/403, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), looseFilter), (input) => void admit(input)),
      RUNS,
    );
    fc.assert(
      fc.property(looseFilter, (input) => void admit(input, { allowedItems: new Set(['s', 'n']) })),
      RUNS,
    );
  });

  it('round-trips admitted filters through their JSON form', () => {
    // The generator must produce admissible filters often enough for this to say something.
    expect(fc.sample(looseFilter, 500).filter((x) => admit(x)).length).toBeGreaterThan(100);
    fc.assert(
      fc.property(looseFilter, (input) => {
        const f = admit(input);
        if (f) expect(parseFilter(JSON.parse(JSON.stringify(filterToJson(f))), items)).toEqual(f);
      }),
      RUNS,
    );
  });
});

describe('evaluate', () => {
  it('is two-valued: not is the complement, and combineAnd is conjunction', () => {
    fc.assert(
      fc.property(looseFilter, looseFilter, row, (x, y, r) => {
        const a = admit(x);
        const b = admit(y);
        if (!a || !b) return;
        expect(evaluate({ op: 'not', arg: a }, r)).toBe(!evaluate(a, r));
        expect(evaluate(combineAnd(a, b)!, r)).toBe(evaluate(a, r) && evaluate(b, r));
        expect(evaluate({ op: 'or', args: [a, b] }, r)).toBe(evaluate(a, r) || evaluate(b, r));
      }),
      RUNS,
    );
  });

  it('makes every comparison with null false, so its negation is true', () => {
    const nulls = { s: null, n: null, d: null, b: null, e: null };
    for (const json of [
      { eq: { item: 'S', value: 'a' } },
      { ne: { item: 'S', value: 'a' } },
      { in: { item: 'N', values: [1, 2] } },
      { range: { item: 'D', from: '2000-01-01' } },
      { prefix: { item: 'S', value: '' } },
      { ne: { item: 'E', value: 'x' } },
    ]) {
      const f = parseFilter(json, items);
      expect(evaluate(f, nulls)).toBe(false);
      expect(evaluate({ op: 'not', arg: f }, nulls)).toBe(true);
    }
    expect(evaluate(parseFilter({ isNull: { item: 'B' } }, items), nulls)).toBe(true);
    expect(combineAnd(null, undefined)).toBeNull();
  });

  it('orders text by code point, numbers exactly, ranges by their flags', () => {
    const f = (json: unknown) => parseFilter(json, items);
    expect(evaluate(f({ range: { item: 'S', from: '\uffff' } }), { s: '𠀀' })).toBe(true);
    expect(evaluate(f({ range: { item: 'S', to: 'a' } }), { s: 'B' })).toBe(true);
    expect(evaluate(f({ prefix: { item: 'S', value: 'a' } }), { s: 'Ab' })).toBe(false);
    expect(evaluate(f({ prefix: { item: 'S', value: 'a%' } }), { s: 'ab' })).toBe(false);
    expect(
      evaluate(f({ eq: { item: 'N', value: '100000000000000000001' } }), { n: '100000000000000000001' }),
    ).toBe(true);
    expect(evaluate(f({ eq: { item: 'N', value: '100000000000000000001' } }), { n: 1e20 })).toBe(false);
    expect(evaluate(f({ range: { item: 'N', from: 1, to: 2, exclusiveTo: true } }), { n: 2 })).toBe(false);
    expect(evaluate(f({ range: { item: 'N', from: 1, to: 2, exclusiveFrom: true } }), { n: 2 })).toBe(true);
    expect(evaluate(f({ in: { item: 'B', values: [] } }), { b: true })).toBe(false);
  });
});
