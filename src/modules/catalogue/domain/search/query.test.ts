import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ALTERNATIVES,
  MAX_CONCEPTS,
  MAX_QUERY_LENGTH,
  parseQuery,
  SearchQueryError,
  termsOf,
  type QueryPlan,
} from './index.js';

const NO_SYNONYMS: readonly (readonly string[])[] = [];
/** Each concept as the term lists of its alternatives. */
const shape = (plan: QueryPlan): string[][][] =>
  plan.concepts.map((c) => c.alternatives.map((a) => [...a.terms]));

function errorOf(q: string): SearchQueryError {
  try {
    parseQuery(q);
  } catch (e) {
    if (e instanceof SearchQueryError) return e;
    throw e;
  }
  throw new Error(`parseQuery(${q}) did not throw`);
}

describe('parseQuery: terms', () => {
  it.each<[string, string, string[][]]>([
    ['a one-character query uses the unigram', '人', [['人']]],
    ['a two-character query is its own bigram', '人口', [['人口']]],
    ['a longer phrase needs all its bigrams', '营业执照', [['营业', '业执', '执照']]],
    ['a Latin word is itself, lower-cased', 'API', [['api']]],
    ['full-width input is folded', 'ＡＰＩ２', [['api2']]],
    ['mixed text splits into runs', '2023年人口', [['2023', '年人', '人口']]],
    ['one ideograph next to a word stays a unigram', 'v2版', [['v2', '版']]],
    ['repeated bigrams are fetched once', '人人人', [['人人']]],
  ])('%s', (_name, q, expected) => {
    expect(shape(parseQuery(q, NO_SYNONYMS))).toEqual([expected]);
  });

  it('whitespace and punctuation separate concepts; duplicates collapse', () => {
    const plan = parseQuery(' 人口\u3000婚姻，登记 人口 ', NO_SYNONYMS);
    expect(plan.concepts.map((c) => c.text)).toEqual(['人口', '婚姻', '登记']);
  });

  it('an empty or punctuation-only query has no concepts', () => {
    for (const q of ['', '   ', '，。！', '\u200b']) expect(parseQuery(q).concepts).toEqual([]);
  });

  it('a code-shaped word is looked up whole and by its parts', () => {
    expect(parseQuery('330100-GAJ-0001').concepts).toEqual([
      {
        text: '330100-gaj-0001',
        alternatives: [
          { text: '330100-gaj-0001', terms: ['330100-gaj-0001'], origin: 'code' },
          { text: '330100-gaj-0001', terms: ['330100', 'gaj', '0001'], origin: 'query' },
        ],
      },
    ]);
  });

  it('termsOf lists each term once', () => {
    const plan = parseQuery('人口 人口信息 口信');
    expect(termsOf(plan)).toEqual(['人口', '口信', '信息']);
  });
});

describe('parseQuery: synonyms', () => {
  it('expands in both directions, own wording first', () => {
    const full = parseQuery('社会保险').concepts[0]?.alternatives;
    expect(full?.map((a) => [a.text, a.origin])).toEqual([
      ['社会保险', 'query'],
      ['社保', 'synonym'],
    ]);
    const short = parseQuery('社保').concepts[0]?.alternatives;
    expect(short?.map((a) => a.text)).toEqual(['社保', '社会保险']);
  });

  it('expands a member inside a longer concept', () => {
    const alts = parseQuery('社保缴费').concepts[0]?.alternatives.map((a) => a.text);
    expect(alts).toEqual(['社保缴费', '社会保险缴费']);
  });

  it('prefers the longest member: 社保卡 is 社会保障卡, not 社会保险卡', () => {
    const alts = parseQuery('社保卡').concepts[0]?.alternatives.map((a) => a.text);
    expect(alts).toEqual(['社保卡', '社会保障卡']);
  });

  it('企业 and 法人 find each other', () => {
    expect(parseQuery('企业').concepts[0]?.alternatives.map((a) => a.text)).toContain('法人');
    expect(parseQuery('法人').concepts[0]?.alternatives.map((a) => a.text)).toContain('企业');
  });

  it('does not cut a Latin member out of a longer word', () => {
    expect(parseQuery('2023gdp').concepts[0]?.alternatives).toHaveLength(1);
    expect(parseQuery('gdp').concepts[0]?.alternatives.map((a) => a.text)).toContain('地区生产总值');
  });

  it('drops an alternative that needs every term of an earlier one', () => {
    const alts = parseQuery('身份证').concepts[0]?.alternatives.map((a) => a.text);
    expect(alts).toEqual(['身份证', '公民身份号码']); // 身份证号, 身份证号码 and 居民身份证 contain 身份证
  });

  it('combines substitutions, fewest first, up to the cap', () => {
    const groups = [
      ['甲甲', '乙乙', '丙丙'],
      ['丁丁', '戊戊', '己己'],
      ['庚庚', '辛辛', '壬壬'],
    ];
    const alts = parseQuery('甲甲丁丁庚庚', groups).concepts[0]?.alternatives ?? [];
    expect(alts[0]?.text).toBe('甲甲丁丁庚庚');
    expect(alts.slice(1, 7).map((a) => a.text)).toEqual([
      '乙乙丁丁庚庚',
      '丙丙丁丁庚庚',
      '甲甲戊戊庚庚',
      '甲甲己己庚庚',
      '甲甲丁丁辛辛',
      '甲甲丁丁壬壬',
    ]);
    expect(alts).toHaveLength(MAX_ALTERNATIVES);
  });

  it('uses an operator list instead of the default', () => {
    const alts = parseQuery('人口', [['人口', '居民']]).concepts[0]?.alternatives.map((a) => a.text);
    expect(alts).toEqual(['人口', '居民']);
    expect(parseQuery('社保', NO_SYNONYMS).concepts[0]?.alternatives).toHaveLength(1);
  });
});

// Synonym members, their parts, codes, full-width forms, separators and NFKC-expanding characters.
const QUERY_CHARS = [...'社保会险企业法人身份证号码gdp2023-.Ａ１，、 \u3000\u200b\ufdfa𠀀'];
const anyQuery = fc.oneof(
  fc.string({ unit: fc.constantFrom(...QUERY_CHARS), maxLength: 120 }),
  fc.string({ maxLength: 120 }),
);

describe('parseQuery: limits', () => {
  it(`accepts ${MAX_QUERY_LENGTH} characters after normalisation and refuses one more`, () => {
    expect(() => parseQuery('人'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
    // Punctuation and extra spaces do not count; full-width characters count once.
    expect(() => parseQuery(`${'Ａ'.repeat(MAX_QUERY_LENGTH)}！！！    `)).not.toThrow();
    const e = errorOf('人'.repeat(MAX_QUERY_LENGTH + 1));
    expect(e).toMatchObject({ field: 'q', code: 'QUERY_TOO_LONG', limit: MAX_QUERY_LENGTH });
    expect(e.toIssue()).toEqual({ field: 'q', code: 'QUERY_TOO_LONG', message: e.message });
  });

  it('counts length after NFKC expansion and refuses huge raw input before normalising', () => {
    expect(errorOf('\ufdfa'.repeat(10)).code).toBe('QUERY_TOO_LONG'); // one code point, 18 after NFKC
    expect(errorOf(' '.repeat(5000)).code).toBe('QUERY_TOO_LONG');
  });

  it(`accepts ${MAX_CONCEPTS} concepts and refuses more`, () => {
    const words = Array.from({ length: MAX_CONCEPTS + 1 }, (_, i) => `w${i}`);
    expect(parseQuery(words.slice(0, MAX_CONCEPTS).join(' ')).concepts).toHaveLength(MAX_CONCEPTS);
    expect(errorOf(words.join(' '))).toMatchObject({ field: 'q', code: 'TOO_MANY_CONCEPTS' });
    // Repeats are one concept.
    expect(parseQuery(Array(30).fill('人口').join(' ')).concepts).toHaveLength(1);
  });

  it('throws nothing but SearchQueryError, and every concept has terms', () => {
    fc.assert(
      fc.property(anyQuery, (q) => {
        try {
          return parseQuery(q).concepts.every(
            (c) =>
              c.alternatives.length > 0 &&
              c.alternatives.length <= MAX_ALTERNATIVES &&
              c.alternatives.every((a) => a.terms.length > 0),
          );
        } catch (e) {
          return e instanceof SearchQueryError;
        }
      }),
    );
  });
});
