import { describe, expect, it } from 'vitest';
import {
  compileSynonyms,
  DEFAULT_SYNONYMS,
  indexTerms,
  parseQuery,
  scoreDocuments,
  synonymGroupsSchema,
} from './index.js';

/** True when a query finds a document whose only text is `text` (a summary). */
function finds(q: string, text: string): boolean {
  const postings = indexTerms([{ field: 'summary', text }]).map((t) => ({ docId: 'd', ...t }));
  return scoreDocuments(parseQuery(q), postings).has('d');
}

describe('DEFAULT_SYNONYMS', () => {
  it('has at least 40 groups and passes the operator schema unchanged', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThanOrEqual(40);
    const parsed = synonymGroupsSchema.safeParse(DEFAULT_SYNONYMS);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(DEFAULT_SYNONYMS);
  });

  it.each([
    ['社保', '社会保险'],
    ['医保', '医疗保险'],
    ['企业', '法人'],
    ['户籍', '户口'],
    ['身份证', '公民身份号码'],
    ['营业执照', '企业登记'],
    ['不动产', '房产'],
    ['公积金', '住房公积金'],
    ['低保', '最低生活保障'],
    ['纳税', '缴税'],
    ['婚姻', '结婚'],
    ['学籍', '在校生'],
    ['出生证明', '出生医学证明'],
    ['驾照', '驾驶证'],
    ['信用', '诚信'],
    ['个体户', '个体工商户'],
    ['gdp', '地区生产总值'],
  ])('%s and %s find each other', (a, b) => {
    expect(finds(a, b)).toBe(true);
    expect(finds(b, a)).toBe(true);
  });

  it.each([
    ['结婚', '离婚'],
    ['社保', '社会保障'],
    ['新生儿', '出生'],
    ['企业', '个体工商户'],
    ['法人', '法定代表人'],
    ['不动产', '房地产'],
  ])('%s does not find %s', (a, b) => {
    expect(finds(a, b)).toBe(false);
  });
});

describe('synonymGroupsSchema', () => {
  const issues = (input: unknown): { path: PropertyKey[]; message: string }[] => {
    const r = synonymGroupsSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('normalises members (NFKC, lower case)', () => {
    expect(synonymGroupsSchema.parse([['ＧＤＰ', '地区生产总值']])).toEqual([['gdp', '地区生产总值']]);
  });

  it('refuses a member that is in two groups, naming the first', () => {
    expect(
      issues([
        ['企业', '法人'],
        ['法人', '法定代表人'],
      ]),
    ).toEqual([
      { path: [1, 0], message: '"法人" appears also in group 0; a member may be in one group only' },
    ]);
  });

  it('refuses a member repeated within a group, also after normalisation', () => {
    expect(issues([['gdp', 'ＧＤＰ', '生产总值']])[0]?.path).toEqual([0, 1]);
  });

  it.each([
    ['a one-member group', [['社保']], [0]],
    ['a one-character member', [['房', '房产']], [0, 0]],
    ['a member with a space', [['社会 保险', '社保']], [0, 0]],
    ['a member with punctuation', [['社保', '社会-保险']], [0, 1]],
    ['an empty member', [['', '社保']], [0, 0]],
    ['an over-long member', [['社'.repeat(33), '社保']], [0, 0]],
    ['a non-array', { 社保: '社会保险' }, []],
  ])('refuses %s', (_name, input, path) => {
    expect(issues(input)[0]?.path).toEqual(path);
  });
});

describe('compileSynonyms', () => {
  it('skips bad members and lets the first group win a shared member', () => {
    const table = compileSynonyms([
      ['企业', '法人', '房'],
      ['法人', '法定代表人', '法人代表'],
    ]);
    expect(table.groups.get('企业')).toEqual(['企业', '法人']);
    expect(table.groups.get('法人')).toEqual(['企业', '法人']);
    expect(table.groups.get('法定代表人')).toEqual(['法定代表人', '法人代表']);
    expect(table.groups.has('房')).toBe(false);
    expect(table.maxLength).toBe(5);
  });
});
