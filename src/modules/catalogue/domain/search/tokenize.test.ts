import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, foldText, runsOf, termsOfText } from './tokenize.js';
import {
  indexTerms,
  MAX_TERM_LENGTH,
  normaliseSearchText,
  type IndexedTerm,
  type SearchField,
} from './index.js';

const termSet = (rows: IndexedTerm[]): string[] => rows.map((r) => r.term).sort();
const one = (field: SearchField, text: string): IndexedTerm[] => indexTerms([{ field, text }]);

describe('normaliseSearchText', () => {
  it.each([
    ['full-width digits and letters', '２０２３年ＡＢＣ', '2023年abc'],
    ['ideographic space and punctuation', '人口\u3000基本信息（２０２３）！', '人口 基本信息 2023'],
    ['upper-case Latin', 'GDP Index', 'gdp index'],
    ['zero-width and soft hyphen vanish', '人\u200b口 in\u00adfo', '人口 info'],
    ['Kangxi radical and compatibility ideograph', '\u2f08口 \uf900', '人口 \u8c48'],
    ['circled digits', '①②', '12'],
    ['only punctuation', '，。、；“”', ''],
  ])('%s', (_name, input, expected) => {
    expect(normaliseSearchText(input)).toBe(expected);
  });
});

describe('runsOf', () => {
  it('separates ideographs from letters and digits', () => {
    expect(runsOf('2023年人口ABC普查v2')).toEqual([
      { kind: 'word', text: '2023' },
      { kind: 'cjk', text: '年人口' },
      { kind: 'word', text: 'abc' },
      { kind: 'cjk', text: '普查' },
      { kind: 'word', text: 'v2' },
    ]);
  });

  it('keeps an astral ideograph whole and drops a variation selector after an ideograph', () => {
    expect(runsOf('𠀀人\u{E0100}口')).toEqual([{ kind: 'cjk', text: '𠀀人口' }]);
  });
});

describe('indexTerms', () => {
  it('indexes every CJK unigram and adjacent bigram', () => {
    expect(termSet(one('name', '人口基本信息'))).toEqual(
      ['人', '口', '基', '本', '信', '息', '人口', '口基', '基本', '本信', '信息'].sort(),
    );
  });

  it('does not join ideographs across punctuation, spaces or Latin', () => {
    const terms = termSet(one('summary', '人口，信息 婚姻a登记'));
    expect(terms).toContain('人口');
    expect(terms).not.toContain('口信');
    expect(terms).not.toContain('姻登');
    expect(terms).toContain('a');
  });

  it('keeps Latin and digit words whole, lower-cased, split on non-alphanumerics', () => {
    expect(termSet(one('summary', 'Open-Data API v2.1'))).toEqual(['1', 'api', 'data', 'open', 'v2']);
  });

  it('maps full-width digits to half-width', () => {
    expect(termSet(one('summary', '２０２３年'))).toEqual(['2023', '年']);
  });

  it('keeps a resource code whole as well as in parts, only in the code field', () => {
    expect(termSet(one('code', '330100-GAJ-0001'))).toEqual(['0001', '330100', '330100-gaj-0001', 'gaj']);
    expect(termSet(one('summary', '330100-GAJ-0001'))).toEqual(['0001', '330100', 'gaj']);
    expect(termSet(one('code', 'ABC123'))).toEqual(['abc123']);
  });

  it('counts repeats per (term, field) across all texts of the document', () => {
    const rows = indexTerms([
      { field: 'item', text: '出生日期' },
      { field: 'item', text: '出生地' },
      { field: 'name', text: '出生医学证明' },
    ]);
    expect(rows.find((r) => r.term === '出生' && r.field === 'item')?.count).toBe(2);
    expect(rows.find((r) => r.term === '出生' && r.field === 'name')?.count).toBe(1);
    expect(new Set(rows.map((r) => `${r.field}/${r.term}`)).size).toBe(rows.length);
  });

  it('cuts long words to the term limit', () => {
    const long = 'a'.repeat(100);
    expect(one('summary', long)).toEqual([{ term: 'a'.repeat(MAX_TERM_LENGTH), field: 'summary', count: 1 }]);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(
      indexTerms([
        { field: 'name', text: '' },
        { field: 'tag', text: '——' },
      ]),
    ).toEqual([]);
  });
});

describe('tokenizer properties', () => {
  const chars = [...'人口基本信息社保企业𠀀abcXYZ0129２Ａ', ' ', '，', '-', '\u3000', '\u200b', '.'];
  const text = fc.oneof(
    fc.string({ unit: fc.constantFrom(...chars), maxLength: 80 }),
    fc.string({ maxLength: 80 }),
  );
  const field = fc.constantFrom<SearchField>('name', 'tag', 'item', 'summary', 'code', 'provider');

  it('terms are non-empty, at most the term limit, and already normalised', () => {
    fc.assert(
      fc.property(field, text, (f, t) => {
        for (const term of termsOfText(f, t)) {
          expect(term.length).toBeGreaterThan(0);
          expect(codePointLength(term)).toBeLessThanOrEqual(MAX_TERM_LENGTH);
          expect(foldText(term)).toBe(term);
        }
      }),
    );
  });

  it('a CJK run of n characters gives n unigrams and n − 1 bigrams', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'人口基本信息𠀀'), minLength: 1, maxLength: 30 }),
        (run) => {
          const terms = termsOfText('name', run);
          const n = codePointLength(run);
          expect(terms.filter((t) => codePointLength(t) === 1)).toHaveLength(n);
          expect(terms.filter((t) => codePointLength(t) === 2)).toHaveLength(n - 1);
        },
      ),
    );
  });

  it('counts add up to the number of terms produced', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ field, text }), { maxLength: 5 }), (fields) => {
        const total = indexTerms(fields).reduce((s, r) => s + r.count, 0);
        expect(total).toBe(fields.reduce((s, f) => s + termsOfText(f.field, f.text).length, 0));
      }),
    );
  });

  it('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normaliseSearchText(normaliseSearchText(t))).toBe(normaliseSearchText(t));
      }),
    );
  });
});
