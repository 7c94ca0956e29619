// The demo catalogue must go through the catalogue API as-is (schema, structural rules, default level policy),
// look like a city's catalogue (counts, grading, open data) and be findable the way SCENARIOS.md expects,
// including the words that only a synonym reaches. Tests may reach inside the catalogue module (the boundary
// lint exempts them), so this one indexes the documents exactly as publication does (searchRows).
import { describe, expect, it } from 'vitest';
import {
  checkPolicy,
  defaultPolicyTable,
  levelRank,
  normaliseResource,
  resourceInputSchema,
  type ResourceDoc,
} from '../../../modules/catalogue/domain/resource/index.js';
import {
  parseQuery,
  scoreDocuments,
  termsOf,
  type QueryPlan,
  type SearchField,
  type SearchPosting,
} from '../../../modules/catalogue/domain/search/index.js';
import { searchRows } from '../../../modules/catalogue/search-index.js';
import { DEPARTMENTS } from '../demo-city.data.js';
import { DEMO_RESOURCES, type DemoResource } from './demo-catalogue.data.js';

const policy = defaultPolicyTable();

function docOf(r: DemoResource): ResourceDoc {
  const { doc, issues } = normaliseResource(resourceInputSchema.parse(r.body), policy);
  expect(issues).toEqual([]);
  return doc;
}

const published = DEMO_RESOURCES.filter((r) => r.state === 'published');
const byState = (s: DemoResource['state']) => DEMO_RESOURCES.filter((r) => r.state === s);

describe('demo catalogue data', () => {
  it.each(DEMO_RESOURCES.map((r) => [r.body.name, r] as const))(
    '%s passes the schema, the structural rules and the default policy',
    (_name, r) => {
      const parsed = resourceInputSchema.safeParse(r.body);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const { doc, issues } = normaliseResource(parsed.data!, policy);
      expect(issues).toEqual([]);
      expect(checkPolicy(doc, policy)).toEqual([]);
    },
  );

  it('has unique names, known departments and every department publishing', () => {
    const names = DEMO_RESOURCES.map((r) => r.body.name);
    expect(new Set(names).size).toBe(names.length);
    const keys = new Set(DEPARTMENTS.map((d) => d.key));
    for (const r of DEMO_RESOURCES) expect(keys).toContain(r.dept);
    expect(new Set(published.map((r) => r.dept))).toEqual(keys);
  });

  it('has the counts the demo needs', () => {
    const docs = published.map(docOf);
    expect(published.length).toBeGreaterThanOrEqual(38);
    expect(byState('submitted')).toHaveLength(2);
    expect(byState('draft')).toHaveLength(1);
    expect(docs.filter((d) => d.open.type === 'open').length).toBeGreaterThanOrEqual(8);
    expect(docs.filter((d) => d.open.type === 'conditional')).toHaveLength(2);
    expect(docs.filter((d) => d.format === 'file').length).toBeGreaterThanOrEqual(1);
    expect(docs.filter((d) => d.format === 'api').length).toBeGreaterThanOrEqual(1);
    // Item-level 不予共享 inside a 有条件共享 resource, and secret items.
    const partlyWithheld = docs.filter(
      (d) => d.share.type === 'conditional' && d.items.some((i) => i.shareType === 'none'),
    );
    expect(partlyWithheld.length).toBeGreaterThanOrEqual(2);
    expect(docs.flatMap((d) => d.items).filter((i) => i.secret).length).toBeGreaterThanOrEqual(3);
  });

  it('grades like a real catalogue', () => {
    for (const r of DEMO_RESOURCES) {
      const doc = docOf(r);
      if (doc.format === 'table') {
        expect(doc.items.length, doc.name).toBeGreaterThanOrEqual(5);
        expect(doc.items.length, doc.name).toBeLessThanOrEqual(15);
      }
      // Open data: only 一般1–2 items, shared unconditionally.
      if (doc.open.type === 'open') {
        expect(doc.share.type, doc.name).toBe('unconditional');
        for (const i of doc.items)
          expect(levelRank(i.nationalLevel), `${doc.name}.${i.name}`).toBeLessThan(2);
      }
      for (const i of doc.items) {
        // Identity and account numbers are 一般3 or above; other personal columns are at least 一般2
        // (a legal representative's name in a public register is the only personal item shown in clear).
        if (i.piiKind === 'idNumber' || i.piiKind === 'bankCard')
          expect(levelRank(i.nationalLevel), `${doc.name}.${i.name}`).toBeGreaterThanOrEqual(2);
        else if (i.piiKind && i.piiKind !== 'uscc')
          expect(levelRank(i.nationalLevel), `${doc.name}.${i.name}`).toBeGreaterThanOrEqual(1);
        if (i.piiKind === 'bankCard') expect(i.shareType, `${doc.name}.${i.name}`).toBe('none');
      }
    }
  });

  it('has fake but plausible contacts and the demo region', () => {
    for (const { body } of DEMO_RESOURCES) {
      expect(body.contact.phone).toMatch(/^0571-8\d{7}$/);
      expect(body.contact.email).toMatch(/@([a-z]+\.)?example\.gov\.cn$/);
      expect(body.tags?.length, body.name).toBeGreaterThan(0);
    }
    expect(DEMO_RESOURCES.filter((r) => r.body.spatial === '330100').length).toBeGreaterThan(
      DEMO_RESOURCES.length * 0.8,
    );
  });
});

describe('demo catalogue search', () => {
  const provider = new Map(DEPARTMENTS.map((d) => [d.key, d.name]));
  const postings: SearchPosting[] = published.flatMap((r, n) =>
    searchRows(r.body.name, `${docOf(r).classification.code}-demo-${n}`, docOf(r), provider.get(r.dept)!).map(
      (row) => ({
        docId: row.resource_id,
        term: row.term,
        field: row.field as SearchField,
        count: row.count,
      }),
    ),
  );

  function hits(plan: QueryPlan): string[] {
    const wanted = new Set(termsOf(plan));
    return [
      ...scoreDocuments(
        plan,
        postings.filter((p) => wanted.has(p.term)),
      ).keys(),
    ];
  }
  const search = (q: string) => hits(parseQuery(q));
  /** The same query with the synonym alternatives taken out: what the user's own wording finds. */
  const literally = (q: string) => {
    const plan = parseQuery(q);
    return hits({
      concepts: plan.concepts.map((c) => ({
        ...c,
        alternatives: c.alternatives.filter((a) => a.origin !== 'synonym'),
      })),
    });
  };

  it.each([
    '人口',
    '社保',
    '企业',
    '不动产',
    '婚姻',
    '学籍',
    '纳税',
    '医保',
    '户籍',
    '信用',
    '出生',
    '营业执照',
  ])('%s finds published resources by their own wording', (q) => {
    expect(literally(q).length).toBeGreaterThan(0);
    expect(search(q).length).toBeGreaterThanOrEqual(literally(q).length);
  });

  it.each([
    ['社会保险', '社保参保缴费信息', /社会保险/],
    ['医保', '城乡居民基本医疗保险参保登记信息', /医保/],
    ['户籍', '户口迁移登记信息', /户籍/],
  ] as const)('%s finds %s through the synonym only', (q, name, word) => {
    const r = published.find((x) => x.body.name === name)!;
    const texts = [
      r.body.name,
      r.body.nameEn ?? '',
      r.body.summary,
      ...(r.body.tags ?? []),
      ...r.body.items.map((i) => i.label),
    ];
    expect(texts.join(' ')).not.toMatch(word);
    expect(search(q)).toContain(name);
    expect(literally(q)).not.toContain(name);
  });

  it('finds the resources the stories start from', () => {
    expect(search('营业执照')).toEqual(expect.arrayContaining(['电子营业执照', '企业登记信息']));
    expect(search('低保')).toContain('最低生活保障对象信息');
    expect(search('不动产')).toEqual(expect.arrayContaining(['不动产登记信息', '不动产权属核验接口']));
    expect(search('学籍')).toContain('中小学生学籍信息');
    expect(search('人口 统计')).toContain('分区县人口统计年度数据');
  });
});
