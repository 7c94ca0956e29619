import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIELD_WEIGHTS,
  indexTerms,
  parseQuery,
  rankDocuments,
  scoreDocuments,
  SearchQueryError,
  termsOf,
  type FieldText,
  type SearchPosting,
} from './index.js';

type Docs = Record<string, FieldText[]>;
const NO_SYNONYMS: readonly (readonly string[])[] = [];

/** What the repository does: index on publish, fetch the postings of the plan's terms, then score. */
function search(docs: Docs, q: string, synonyms?: readonly (readonly string[])[]): Map<string, number> {
  const plan = parseQuery(q, synonyms);
  const wanted = new Set(termsOf(plan));
  const postings: SearchPosting[] = Object.entries(docs).flatMap(([docId, fields]) =>
    indexTerms(fields)
      .filter((t) => wanted.has(t.term))
      .map((t) => ({ docId, ...t })),
  );
  return scoreDocuments(plan, postings);
}
const hits = (docs: Docs, q: string): string[] => [...search(docs, q).keys()].sort();
const summary = (text: string): FieldText[] => [{ field: 'summary', text }];

describe('scoreDocuments: matching', () => {
  const docs: Docs = {
    pop: [{ field: 'name', text: '人口基本信息' }],
    ins: summary('社保参保信息'),
    pay: summary('社会保险缴费记录'),
    ent: [{ field: 'name', text: '企业登记信息' }],
    split: summary('营业场所与执照编号'),
    lic: summary('电子营业执照'),
  };

  it('a two-character query finds it in a longer word', () => {
    expect(hits(docs, '人口')).toEqual(['pop']);
    expect(hits(docs, '信息')).toEqual(['ent', 'ins', 'pop']);
  });

  it('a one-character query finds every document with the character', () => {
    expect(hits(docs, '口')).toEqual(['pop']);
    expect(hits(docs, '照')).toEqual(['lic', 'split']);
  });

  it('a synonym finds a document that only uses the other word, in both directions', () => {
    expect(hits(docs, '社会保险')).toEqual(['ins', 'pay']);
    expect(hits(docs, '社保')).toEqual(['ins', 'pay']);
    expect(hits(docs, '社保缴费')).toEqual(['pay']);
  });

  it('without synonyms, the other word is not found', () => {
    expect([...search(docs, '社会保险', NO_SYNONYMS).keys()]).toEqual(['pay']);
  });

  it('every concept must match (AND)', () => {
    expect(hits(docs, '人口 信息')).toEqual(['pop']);
    expect(hits(docs, '人口 社保')).toEqual([]);
    expect(hits(docs, '社保 记录')).toEqual(['pay']);
  });

  it('a phrase needs its middle bigram: 营业 and 执照 apart do not make 营业执照', () => {
    expect(hits(docs, '营业 执照')).toEqual(['lic', 'split']);
    expect(search(docs, '营业执照', NO_SYNONYMS).has('split')).toBe(false);
    expect(search(docs, '营业执照', NO_SYNONYMS).has('lic')).toBe(true);
  });

  it('matches across fields: one term in the name, another in a tag', () => {
    const d: Docs = {
      a: [
        { field: 'name', text: '人口' },
        { field: 'tag', text: '婚姻' },
      ],
    };
    expect(hits(d, '人口 婚姻')).toEqual(['a']);
  });

  it('an empty plan scores nothing (the caller lists everything instead)', () => {
    expect(search(docs, '  ').size).toBe(0);
  });

  it('a code finds its resource whole or by parts, and the whole code ranks first', () => {
    const d: Docs = {
      exact: [{ field: 'code', text: '330100-GAJ-0001' }],
      longer: [{ field: 'code', text: '330100-GAJ-0001-01' }],
    };
    const ranked = rankDocuments(search(d, '330100-gaj-0001')).map((r) => r.docId);
    expect(ranked).toEqual(['exact', 'longer']);
    expect(hits(d, 'GAJ')).toEqual(['exact', 'longer']);
  });

  it('ignores postings of terms outside the plan and of unknown fields or empty counts', () => {
    const plan = parseQuery('人口');
    const postings = [
      { docId: 'a', term: '婚姻', field: 'name', count: 1 },
      { docId: 'b', term: '人口', field: 'nonsense', count: 1 },
      { docId: 'c', term: '人口', field: 'name', count: 0 },
      { docId: 'd', term: '人口', field: 'toString', count: 1 },
    ] as unknown as SearchPosting[];
    expect(scoreDocuments(plan, postings).size).toBe(0);
  });
});

describe('scoreDocuments: ranking', () => {
  it('a name hit outranks a tag, an item, a provider and a summary hit', () => {
    const d: Docs = {
      name: [{ field: 'name', text: '人口基本信息' }],
      tag: [{ field: 'tag', text: '人口' }],
      item: [{ field: 'item', text: '人口数' }],
      provider: [{ field: 'provider', text: '人口办' }],
      summary: summary('常住人口'),
    };
    expect(rankDocuments(search(d, '人口')).map((r) => r.docId)).toEqual([
      'name',
      'tag',
      'item',
      'provider',
      'summary',
    ]);
  });

  it('a summary that repeats a word many times still ranks below a name', () => {
    const d: Docs = { name: [{ field: 'name', text: '人口' }], summary: summary('人口，'.repeat(40)) };
    expect(rankDocuments(search(d, '人口'))[0]?.docId).toBe('name');
  });

  it('the original wording beats a synonym in the same field', () => {
    const d: Docs = { own: [{ field: 'name', text: '社会保险' }], syn: [{ field: 'name', text: '社保' }] };
    const scores = search(d, '社会保险');
    expect(scores.get('own')).toBe(FIELD_WEIGHTS.name);
    expect(scores.get('syn')).toBeCloseTo(FIELD_WEIGHTS.name * 0.8);
  });

  it('a concept scores by its best alternative and concepts add up', () => {
    const d: Docs = {
      both: [
        { field: 'name', text: '社保' },
        { field: 'summary', text: '社会保险 人口' },
      ],
    };
    expect(search(d, '社会保险 人口').get('both')).toBeCloseTo(
      Math.max(FIELD_WEIGHTS.summary, FIELD_WEIGHTS.name * 0.8) + FIELD_WEIGHTS.summary,
    );
  });

  it('an alternative is as strong as its weakest term', () => {
    const d: Docs = {
      a: [
        { field: 'name', text: '营业' },
        { field: 'summary', text: '营业执照' },
      ],
    };
    expect(search(d, '营业执照', NO_SYNONYMS).get('a')).toBe(FIELD_WEIGHTS.summary);
  });

  it('ties are broken by document id', () => {
    const d: Docs = { b: summary('人口'), a: summary('人口') };
    expect(rankDocuments(search(d, '人口')).map((r) => r.docId)).toEqual(['a', 'b']);
  });
});

describe('scoreDocuments: properties', () => {
  // Ideographs (some forming synonym members), separators and an astral ideograph.
  const CJK = [...'人口社保会险企业法身份证营执照𠀀', ' ', '，', '、'];
  const cjkText = fc.string({ unit: fc.constantFrom(...CJK), minLength: 1, maxLength: 60 });

  it('any piece of a text finds the document that contains the text', () => {
    fc.assert(
      fc.property(cjkText, fc.nat(), fc.nat(), (text, a, b) => {
        const chars = Array.from(text);
        const [from, to] = [a % chars.length, b % chars.length].sort((x, y) => x - y) as [number, number];
        const piece = chars.slice(from, to + 1).join('');
        try {
          const scores = search({ d: summary(text) }, piece);
          return parseQuery(piece).concepts.length === 0 || (scores.get('d') ?? 0) > 0;
        } catch (e) {
          return e instanceof SearchQueryError; // more than MAX_CONCEPTS pieces
        }
      }),
    );
  });

  it('whole Latin words and numbers find the document', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.nat(), (words, i) => {
        const q = words[i % words.length] ?? '';
        return search({ d: summary(words.join(' / ')) }, q).has('d');
      }),
    );
  });

  it('adding a concept never adds a hit', () => {
    const d: Docs = Object.fromEntries(
      ['人口基本信息', '社保参保缴费', '企业登记信息', '不动产登记', '婚姻登记信息'].map((t, i) => [
        `r${i}`,
        summary(t),
      ]),
    );
    const word = fc.constantFrom('人口', '信息', '登记', '社保', '企业', '法人', '婚姻', '口', '记');
    fc.assert(
      fc.property(word, word, (x, y) => {
        const one = search(d, x);
        return [...search(d, `${x} ${y}`).keys()].every((k) => one.has(k));
      }),
    );
  });
});
