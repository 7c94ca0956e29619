// The mapping of our resource document onto DCAT-AP, property by property (docs/dcat-export.md is the
// table these tests pin down), and the guards that keep a bad input out of an export.
import type { Quad } from 'n3';
import { describe, expect, it } from 'vitest';
import {
  airQuality,
  allDatasets,
  BUREAU,
  busRoutes,
  datasetOf,
  docOf,
  enterprises,
  INFO,
  openDatasets,
  population,
  residents,
  STATS,
} from './examples.js';
import { buildDcatGraph, DEFAULT_LICENCE, type DcatDatasetInput } from './index.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const EU = 'http://publications.europa.eu/resource/authority/';
const BASE = INFO.baseUrl;

/** Objects of (subject, predicate), as `value` or `value@lang` / `value^^type`. */
function values(quads: Quad[], subject: string, predicate: string): string[] {
  return quads
    .filter((q) => q.subject.value === subject && q.predicate.value === predicate)
    .map((q) =>
      q.object.termType !== 'Literal'
        ? q.object.value
        : q.object.language
          ? `${q.object.value}@${q.object.language}`
          : q.object.datatype.value.endsWith('#string')
            ? q.object.value
            : `${q.object.value}^^${q.object.datatype.value.split('#')[1] ?? ''}`,
    );
}

const one = (input: DcatDatasetInput, scope: 'open' | 'full' = 'open') => {
  const quads = buildDcatGraph(INFO, [input], { scope });
  return { quads, ds: `${BASE}/catalogue/resources/${input.code}` };
};

describe('catalogue', () => {
  const quads = buildDcatGraph(INFO, openDatasets());
  const cat = `${BASE}/api/v1/catalogue/dcat#catalog`;
  it('has title, description and publisher (STANDARDS §9), language and a valid modified', () => {
    expect(values(quads, cat, `${DCT}title`)).toEqual(['杭州市公共数据开放目录@zh']);
    expect(values(quads, cat, `${DCT}description`)).toHaveLength(1);
    expect(values(quads, cat, `${DCT}publisher`)).toEqual([`${BASE}/orgs/${BUREAU.uscc}`]);
    expect(values(quads, `${BASE}/orgs/${BUREAU.uscc}`, 'http://xmlns.com/foaf/0.1/name')).toEqual([
      `${BUREAU.name}@zh`,
    ]);
    expect(values(quads, `${BASE}/orgs/${BUREAU.uscc}`, `${DCT}identifier`)).toEqual([BUREAU.uscc]);
    expect(values(quads, cat, `${DCT}language`)).toEqual([`${EU}language/ZHO`]);
    expect(values(quads, cat, `${DCT}modified`)).toEqual(['2026-03-02T01:30:00Z^^dateTime']);
  });
  it('lists every dataset and the API resource as a service', () => {
    expect(values(quads, cat, `${DCAT}dataset`)).toHaveLength(4);
    expect(values(quads, cat, `${DCAT}service`)).toEqual([
      `${BASE}/catalogue/resources/${openDatasets()[2]?.code}#service`,
    ]);
  });
  it('describes an empty catalogue too', () => {
    const empty = buildDcatGraph(INFO, []);
    expect(values(empty, cat, `${DCAT}dataset`)).toEqual([]);
    expect(values(empty, cat, `${DCT}title`)).toHaveLength(1);
  });
});

describe('dataset', () => {
  const d = datasetOf(docOf(enterprises), STATS, 1);
  const { quads, ds } = one(d);
  it('maps code, names, summary, tags and dates', () => {
    expect(values(quads, ds, `${DCT}identifier`)).toEqual([d.code]);
    expect(values(quads, ds, `${DCT}title`)).toEqual([
      '企业基本信息@zh',
      'Basic information of registered enterprises@en',
    ]);
    expect(values(quads, ds, `${DCT}description`)[0]).toMatch(/@zh$/);
    expect(values(quads, ds, `${DCAT}keyword`)).toEqual(['企业@zh', '市场主体@zh', '营商环境@zh']);
    expect(values(quads, ds, `${DCT}issued`)).toEqual(['2025-06-30T02:00:00Z^^dateTime']);
    expect(values(quads, ds, `${DCT}modified`)).toEqual(['2026-02-28T16:00:00.250Z^^dateTime']);
    expect(values(quads, ds, `${DCAT}version`)).toEqual(['2']);
  });
  it('maps the provider, region, classification and contact point', () => {
    expect(values(quads, ds, `${DCT}publisher`)).toEqual([`${BASE}/orgs/${STATS.uscc}`]);
    expect(values(quads, ds, `${DCT}spatial`)).toEqual([`${BASE}/regions/330100`]);
    expect(values(quads, `${BASE}/regions/330100`, 'http://www.w3.org/2004/02/skos/core#prefLabel')).toEqual([
      '杭州市@zh',
    ]);
    expect(values(quads, ds, `${DCAT}theme`)).toEqual([
      `${BASE}/catalogue/classification/102`,
      `${EU}data-theme/ECON`,
    ]);
    const contact = `${ds}#contact`;
    expect(values(quads, ds, `${DCAT}contactPoint`)).toEqual([contact]);
    expect(values(quads, contact, `${VCARD}fn`)).toEqual(['市场监管局信息中心@zh']);
    expect(values(quads, contact, `${VCARD}hasTelephone`)).toEqual(['tel:+86-57185000000']);
    expect(values(quads, contact, `${VCARD}hasEmail`)).toEqual(['mailto:opendata@scjg.hangzhou.gov.cn']);
  });
  it('keeps an unparseable phone as a note rather than minting a bad tel: IRI', () => {
    const doc = {
      ...docOf(enterprises),
      contact: { name: '值班室', phone: '工作日 9:00-17:00', email: null },
    };
    const r = one(datasetOf(doc, STATS, 1));
    expect(values(r.quads, `${r.ds}#contact`, `${VCARD}hasTelephone`)).toEqual([]);
    expect(values(r.quads, `${r.ds}#contact`, `${VCARD}note`)).toEqual(['电话：工作日 9:00-17:00@zh']);
  });
  it.each([
    ['realtime', 'CONT'],
    ['daily', 'DAILY'],
    ['weekly', 'WEEKLY'],
    ['monthly', 'MONTHLY'],
    ['quarterly', 'QUARTERLY'],
    ['halfyearly', 'BIANNUAL'],
    ['yearly', 'ANNUAL'],
    ['irregular', 'IRREG'],
  ] as const)('maps update cycle %s to frequency %s', (cycle, freq) => {
    const r = one(datasetOf({ ...docOf(enterprises), updateCycle: cycle }, STATS, 1));
    expect(values(r.quads, r.ds, `${DCT}accrualPeriodicity`)).toEqual([`${EU}frequency/${freq}`]);
    expect(
      values(r.quads, `${EU}frequency/${freq}`, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
    ).toEqual([`${DCT}Frequency`]);
  });
  it.each([
    ['open', 'PUBLIC'],
    ['conditional', 'RESTRICTED'],
    ['closed', 'NON_PUBLIC'],
  ] as const)('maps open type %s to access right %s', (type, right) => {
    const doc = docOf(enterprises);
    const r = one(datasetOf({ ...doc, open: { ...doc.open, type } }, STATS, 1));
    expect(values(r.quads, r.ds, `${DCT}accessRights`)).toEqual([`${EU}access-right/${right}`]);
  });
  it('links related resources', () => {
    const doc = { ...docOf(enterprises), relatedCodes: ['101001-11330100002481981U-00002'] };
    const r = one(datasetOf(doc, STATS, 1));
    expect(values(r.quads, r.ds, `${DCT}relation`)).toEqual([
      `${BASE}/catalogue/resources/101001-11330100002481981U-00002`,
    ]);
  });
});

describe('distributions', () => {
  it('a table is CSV and JSON from the open data endpoint, under the open licence', () => {
    const { quads, ds } = one(datasetOf(docOf(busRoutes), STATS, 1));
    const dists = values(quads, ds, `${DCAT}distribution`);
    expect(dists).toEqual([`${ds}#dist-csv`, `${ds}#dist-json`]);
    const code = ds.split('/').pop() ?? '';
    expect(values(quads, `${ds}#dist-csv`, `${DCAT}accessURL`)).toEqual([
      `${BASE}/api/v1/open/resources/${code}/data?format=csv`,
    ]);
    expect(values(quads, `${ds}#dist-csv`, `${DCT}format`)).toEqual([`${EU}file-type/CSV`]);
    expect(values(quads, `${ds}#dist-json`, `${DCT}format`)).toEqual([`${EU}file-type/JSON`]);
    expect(values(quads, `${ds}#dist-csv`, `${DCT}license`)).toEqual([DEFAULT_LICENCE]);
  });
  it('a file is one ZIP package', () => {
    const { quads, ds } = one(datasetOf(docOf(population), STATS, 1));
    expect(values(quads, ds, `${DCAT}distribution`)).toEqual([`${ds}#dist-zip`]);
    expect(values(quads, `${ds}#dist-zip`, `${DCAT}accessURL`)[0]).toMatch(/\/package$/);
    expect(values(quads, `${ds}#dist-zip`, `${DCAT}packageFormat`)).toEqual([
      'https://www.iana.org/assignments/media-types/application/zip',
    ]);
  });
  it('an API is a DataService with endpoint and title, reached through its distribution', () => {
    const { quads, ds } = one(datasetOf(docOf(airQuality), STATS, 1));
    const svc = `${ds}#service`;
    expect(values(quads, svc, `${DCAT}endpointURL`)[0]).toMatch(/\/api\/v1\/open\/resources\/.+\/data$/);
    expect(values(quads, svc, `${DCT}title`)).toEqual([
      '空气质量实时监测数据（数据接口）@zh',
      'Real-time air quality monitoring API@en',
    ]);
    expect(values(quads, svc, `${DCAT}servesDataset`)).toEqual([ds]);
    expect(values(quads, `${ds}#dist-json`, `${DCAT}accessService`)).toEqual([svc]);
    // 有条件开放: no open licence and no direct download, but the conditions, in both scopes.
    expect(values(quads, `${ds}#dist-json`, `${DCT}license`)).toEqual([]);
    expect(values(quads, `${ds}#dist-json`, `${DCAT}downloadURL`)).toEqual([]);
    expect(values(quads, `${ds}#dist-json`, `${DCT}rights`)).toEqual([`${ds}#open-conditions`]);
    expect(values(quads, `${ds}#open-conditions`, 'http://www.w3.org/2000/01/rdf-schema#label')).toEqual([
      '申请方需注册并签署数据使用协议，调用频率不超过每分钟60次。@zh',
    ]);
  });
  it('a 不予开放 resource points at its catalogue page, with no licence or download', () => {
    const { quads, ds } = one(datasetOf(docOf(residents), BUREAU, 7), 'full');
    expect(values(quads, `${ds}#dist-csv`, `${DCAT}accessURL`)).toEqual([ds]);
    expect(values(quads, `${ds}#dist-csv`, `${DCAT}downloadURL`)).toEqual([]);
    expect(values(quads, `${ds}#dist-csv`, `${DCT}license`)).toEqual([]);
  });
  it('a deployment may choose another licence', () => {
    const licence = 'https://creativecommons.org/licenses/by/4.0/';
    const quads = buildDcatGraph({ ...INFO, licence }, [datasetOf(docOf(busRoutes), STATS, 1)]);
    expect(quads.some((q) => q.predicate.value === `${DCT}license` && q.object.value === licence)).toBe(true);
  });
});

describe('scopes and our own namespace', () => {
  const ns = `${BASE}/ns#`;
  it('open: items without secret ones, no sharing attributes', () => {
    const { quads, ds } = one(datasetOf(docOf(enterprises), STATS, 1));
    const items = values(quads, ds, `${ns}item`);
    expect(items).toHaveLength(4);
    expect(quads.some((q) => q.object.value === 'internal_note')).toBe(false);
    expect(
      quads.some((q) => q.predicate.value.startsWith(ns) && /share|open|level/i.test(q.predicate.value)),
    ).toBe(false);
  });
  it('full: every item with its level, and the 共享/开放 attributes', () => {
    const { quads, ds } = one(datasetOf(docOf(residents), BUREAU, 7), 'full');
    expect(values(quads, ds, `${ns}item`)).toHaveLength(2);
    expect(values(quads, ds, `${ns}shareType`)).toEqual(['conditional']);
    expect(values(quads, ds, `${ns}shareCondition`)).toEqual(['用于政务服务身份核验@zh']);
    expect(values(quads, ds, `${ns}shareBasis`)).toEqual(['《政务数据共享条例》@zh']);
    expect(values(quads, ds, `${ns}shareMethod`)).toEqual(['api', 'verification']);
    expect(values(quads, ds, `${ns}openType`)).toEqual(['closed']);
    expect(values(quads, ds, `${ns}openReason`)).toEqual(['sensitive']);
    expect(values(quads, ds, `${ns}level`)).toEqual(['general3']);
    expect(values(quads, `${ds}#item-I001`, `${ns}level`)).toEqual(['general3']);
    expect(values(quads, `${ds}#item-I001`, `${ns}primaryKey`)).toEqual(['true^^boolean']);
    expect(values(quads, `${ds}#item-I001`, `${ns}length`)).toEqual(['18^^integer']);
  });
  it('a pinned namespace replaces the per-host one', () => {
    const pinned = 'https://ns.example.gov.cn/orderly#';
    const quads = buildDcatGraph({ ...INFO, namespace: pinned }, allDatasets(), { scope: 'full' });
    expect(quads.some((q) => q.predicate.value === `${pinned}shareType`)).toBe(true);
    expect(quads.some((q) => q.predicate.value.startsWith(ns))).toBe(false);
  });
  it.each(['https://ns.example.gov.cn/orderly', 'http://www.w3.org/ns/dcat#', 'not an iri#'])(
    'refuses namespace %j',
    (namespace) => expect(() => buildDcatGraph({ ...INFO, namespace }, [])).toThrow(RangeError),
  );
});

describe('guards', () => {
  it('refuses the same resource twice', () => {
    const d = datasetOf(docOf(enterprises), STATS, 1);
    expect(() => buildDcatGraph(INFO, [d, d])).toThrow(/appears twice/);
  });
  it('refuses impossible or unzoned dates', () => {
    const d = datasetOf(docOf(enterprises), STATS, 1, { modified: '2026-13-01T00:00:00Z' });
    expect(() => buildDcatGraph(INFO, [d])).toThrow(RangeError);
    expect(() => buildDcatGraph({ ...INFO, modified: '2026-03-01 10:00:00' }, [])).toThrow(RangeError);
  });
  it('refuses a base URL that is not an http(s) origin', () => {
    expect(() => buildDcatGraph({ ...INFO, baseUrl: 'javascript:alert(1)' }, [])).toThrow(RangeError);
  });
  it('describes each organisation once, however many datasets it publishes', () => {
    const quads = buildDcatGraph(INFO, [
      datasetOf(docOf(enterprises), STATS, 1),
      datasetOf(docOf(busRoutes), STATS, 2),
    ]);
    expect(values(quads, `${BASE}/orgs/${STATS.uscc}`, 'http://xmlns.com/foaf/0.1/name')).toHaveLength(1);
    const keys = quads.map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
