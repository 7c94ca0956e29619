import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  checkUscc,
  listChildren,
  normaliseIdNumber,
  regionName,
} from '../../../kernel/index.js';
import {
  DEFAULT_DATASET_SEED,
  ENTERPRISE_COLUMNS,
  PERSON_COLUMNS,
  PROPERTY_COLUMNS,
  SOCIAL_INSURANCE_COLUMNS,
  generateDemoDatasets,
  parseCsv,
  parseDatasetCsv,
  type ColumnSpec,
  type DatasetManifest,
  type RowOf,
} from './index.js';
import { DISTRICTS } from './streets.js';

// Small but big enough for every error kind to appear at its minimum count; three generations take about a second.
const SMALL = { persons: 3000, enterprises: 600 };
const AS_OF = '2026-10-31';

let root: string;
let manifest: DatasetManifest;
let persons: RowOf<typeof PERSON_COLUMNS>[];
let enterprises: RowOf<typeof ENTERPRISE_COLUMNS>[];
let insurance: RowOf<typeof SOCIAL_INSURANCE_COLUMNS>[];
let property: RowOf<typeof PROPERTY_COLUMNS>[];
const progress = new Map<string, number>();

const dir = (name: string): string => path.join(root, name);
const read = (name: string, file: string): Buffer => fs.readFileSync(path.join(dir(name), file));
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const csv = <C extends readonly ColumnSpec[]>(file: string, columns: C): RowOf<C>[] =>
  parseDatasetCsv(read('a', file).toString('utf8'), columns);
const errorsAt = (dataset: string): Map<number, DatasetManifest['deliberateErrors'][number]> =>
  new Map(manifest.deliberateErrors.filter((e) => e.dataset === dataset).map((e) => [e.row, e]));
const age = (birth: string): number =>
  Number(AS_OF.slice(0, 4)) - Number(birth.slice(0, 4)) - (AS_OF.slice(5) >= birth.slice(5) ? 0 : 1);

// Persons whose (normalised) ID number is valid: what other datasets may join to.
function validPersons(): Map<string, RowOf<typeof PERSON_COLUMNS>> {
  const map = new Map<string, RowOf<typeof PERSON_COLUMNS>>();
  for (const p of persons) {
    const id = checkIdNumber(p.sfzh);
    if (id.ok && id.value && !map.has(id.value.id)) map.set(id.value.id, p);
  }
  return map;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-datasets-'));
  manifest = await generateDemoDatasets({
    outDir: dir('a'),
    ...SMALL,
    onProgress: (d, rows) => progress.set(d, rows),
  });
  await generateDemoDatasets({ outDir: dir('b'), ...SMALL });
  await generateDemoDatasets({ outDir: dir('c'), ...SMALL, seed: DEFAULT_DATASET_SEED + 1 });
  persons = csv('persons.csv', PERSON_COLUMNS);
  enterprises = csv('enterprises.csv', ENTERPRISE_COLUMNS);
  insurance = csv('social-insurance.csv', SOCIAL_INSURANCE_COLUMNS);
  property = csv('property.csv', PROPERTY_COLUMNS);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('determinism and manifest', () => {
  it('gives byte-identical files for the same seed and different files for another seed', () => {
    expect(manifest.files.map((f) => f.name)).toEqual([
      'persons.csv',
      'enterprises.csv',
      'enterprises.gbk.csv',
      'social-insurance.csv',
      'property.csv',
    ]);
    for (const f of [...manifest.files.map((x) => x.name), 'manifest.json']) {
      expect(sha256(read('b', f)), f).toBe(sha256(read('a', f)));
      expect(sha256(read('c', f)), f).not.toBe(sha256(read('a', f)));
    }
  });

  it('records the true row count, size and SHA-256 of every file', () => {
    const written = JSON.parse(read('a', 'manifest.json').toString('utf8'));
    expect(written).toEqual(manifest);
    expect(manifest).toMatchObject({ seed: DEFAULT_DATASET_SEED, asOf: AS_OF, ...SMALL });
    expect(manifest.months).toEqual([
      '202511',
      '202512',
      '202601',
      '202602',
      '202603',
      '202604',
      '202605',
      '202606',
      '202607',
      '202608',
      '202609',
      '202610',
    ]);
    for (const f of manifest.files) {
      const bytes = read('a', f.name);
      const text = f.encoding === 'gbk' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
      expect(parseCsv(text).length - 1, f.name).toBe(f.rows);
      expect(bytes.length).toBe(f.bytes);
      expect(sha256(bytes)).toBe(f.sha256);
      expect(progress.get(f.dataset)).toBe(f.rows);
    }
    expect(persons).toHaveLength(SMALL.persons);
    expect(enterprises).toHaveLength(SMALL.enterprises);
  });

  it('uses CRLF line ends, no BOM, and RFC 4180 quoting', () => {
    const text = read('a', 'enterprises.csv').toString('utf8');
    expect(text.startsWith('tyshxydm,qymc,')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('"一般项目：企业管理咨询,市场营销策划,财务咨询;提供""互联网+""转型咨询。');
  });

  it('writes a GBK copy of the enterprises that decodes (as gb18030) to the same rows', () => {
    const gbk = read('a', 'enterprises.gbk.csv');
    expect(gbk.equals(read('a', 'enterprises.csv'))).toBe(false);
    expect(iconv.decode(gbk, 'gb18030')).toBe(read('a', 'enterprises.csv').toString('utf8'));
  });

  it('rejects bad options before writing anything', async () => {
    const out = dir('bad');
    await expect(generateDemoDatasets({ outDir: out, persons: 10 })).rejects.toThrow(RangeError);
    await expect(generateDemoDatasets({ outDir: out, seed: 1.5 })).rejects.toThrow(RangeError);
    await expect(generateDemoDatasets({ outDir: out, asOf: '2999-01-01' })).rejects.toThrow(RangeError);
    await expect(generateDemoDatasets({ outDir: out, asOf: '2026-02-30' })).rejects.toThrow(RangeError);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('geography', () => {
  it('covers exactly the current districts of 杭州市, with street names unique across districts', () => {
    expect(DISTRICTS.map((d) => [d.code, d.name])).toEqual(
      listChildren('330100').map((c) => [c.code, c.name]),
    );
    const streets = DISTRICTS.flatMap((d) => d.streets);
    expect(new Set(streets).size).toBe(streets.length);
    for (const d of DISTRICTS)
      expect(d.streets.length * d.roads.length * d.schools.length).toBeGreaterThan(0);
  });
});

describe('人口基本信息', () => {
  it('has valid, consistent ID numbers in every row without a listed error', () => {
    const errors = errorsAt('persons');
    const hangzhou = new Set(listChildren('330100').map((c) => c.code));
    const streets = new Set(DISTRICTS.flatMap((d) => d.streets));
    const seen = new Set<string>();
    const problems: string[] = [];
    persons.forEach((p, i) => {
      if (errors.has(i + 1)) return;
      const bad = (what: string): number => problems.push(`row ${i + 1} ${what}: ${JSON.stringify(p)}`);
      const id = checkIdNumber(p.sfzh);
      if (!id.ok || normaliseIdNumber(p.sfzh) !== p.sfzh) bad('sfzh');
      if (p.csrq !== id.value?.birthDate) bad('csrq');
      if (p.xb !== (id.value?.gender === 'male' ? '男' : '女')) bad('xb');
      if (seen.has(p.sfzh)) bad('duplicate sfzh');
      seen.add(p.sfzh);
      const region = p.sfzh.slice(0, 6);
      if (region.startsWith('3301') && !hangzhou.has(region)) bad('region');
      if (region.startsWith('3301') && !p.hjdz.startsWith(`杭州市${regionName(region)}`)) bad('hjdz');
      if (!/^\p{Script=Han}{2,4}$/u.test(p.xm)) bad('xm');
      if (!p.mz.endsWith('族') || !p.hjdz) bad('mz/hjdz');
      if (!streets.has(p.jzjd)) bad('jzjd');
      if (!/^(1[3-9]\d{9})?$/.test(p.sjhm)) bad('sjhm');
      if (!['未婚', '已婚', '离婚', '丧偶'].includes(p.hyzk)) bad('hyzk');
      if (age(p.csrq) < 20 && p.hyzk !== '未婚') bad('married child');
      if (p.swbz !== '0' && p.swbz !== '1') bad('swbz');
    });
    expect(problems).toEqual([]);
  });

  it('lists deliberate errors that are really wrong in the file', () => {
    const kinds = new Set<string>();
    for (const e of manifest.deliberateErrors.filter((x) => x.dataset === 'persons')) {
      const p = persons[e.row - 1];
      expect(p, `row ${e.row}`).toBeDefined();
      if (!p) continue;
      expect(Object.keys(p)).toContain(e.column);
      kinds.add(e.kind);
      const id = checkIdNumber(p.sfzh);
      const where = `${e.kind} row ${e.row}`;
      switch (e.kind) {
        case 'csrq_mismatch':
          expect(id.ok, where).toBe(true);
          expect(p.csrq, where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(p.csrq, where).not.toBe(id.value?.birthDate);
          expect(e.detail).toContain(id.value?.birthDate);
          break;
        case 'xb_mismatch':
          expect(id.ok, where).toBe(true);
          expect(p.xb, where).toBe(id.value?.gender === 'male' ? '女' : '男');
          break;
        case 'sfzh_checksum':
          expect(
            id.issues.map((x) => x.code),
            where,
          ).toEqual(['ID_CHECKSUM']);
          break;
        case 'sfzh_duplicate': {
          const source = Number(/row (\d+)/.exec(e.detail)?.[1]);
          expect(source, where).toBeLessThan(e.row);
          expect(persons[source - 1]?.sfzh, where).toBe(p.sfzh);
          expect(persons[source - 1]?.xm, where).toBe(p.xm);
          expect(id.ok, where).toBe(true);
          break;
        }
        case 'sfzh_full_width':
          expect(p.sfzh, where).toMatch(/^[０-９Ｘ]{18}$/);
          expect(id.ok, where).toBe(true);
          expect(id.value?.birthDate, where).toBe(p.csrq);
          break;
        case 'sfzh_lowercase_x':
          expect(p.sfzh, where).toMatch(/^\d{17}x$/);
          expect(id.ok, where).toBe(true);
          expect(id.value?.birthDate, where).toBe(p.csrq);
          break;
        case 'empty_mandatory':
          expect((p as Record<string, string>)[e.column], where).toBe('');
          break;
        default:
          throw new Error(`unexpected kind ${e.kind}`);
      }
    }
    expect([...kinds].sort()).toEqual([
      'csrq_mismatch',
      'empty_mandatory',
      'sfzh_checksum',
      'sfzh_duplicate',
      'sfzh_full_width',
      'sfzh_lowercase_x',
      'xb_mismatch',
    ]);
    // About 0.3% contradicting birth dates for the objection story (S4).
    expect(manifest.deliberateErrors.filter((e) => e.kind === 'csrq_mismatch')).toHaveLength(9);
  });

  it('has a plausible age structure, deaths and migrants', () => {
    const valid = [...validPersons().values()];
    const births = valid
      .map((p) => normaliseIdNumber(p.sfzh))
      .map((s) => `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`);
    const ages = births.map(age);
    const share = (n: number): number => n / valid.length;
    expect(share(ages.filter((a) => a >= 60).length)).toBeGreaterThan(0.15);
    expect(share(ages.filter((a) => a >= 60).length)).toBeLessThan(0.25);
    expect(share(ages.filter((a) => a < 18).length)).toBeGreaterThan(0.1);
    expect(Math.max(...ages)).toBeLessThanOrEqual(100);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(share(valid.filter((p) => p.swbz === '1').length)).toBeGreaterThan(0.002);
    expect(share(valid.filter((p) => p.swbz === '1').length)).toBeLessThan(0.015);
    const migrants = share(valid.filter((p) => !p.sfzh.startsWith('3301')).length);
    expect(migrants).toBeGreaterThan(0.2);
    expect(migrants).toBeLessThan(0.4);
    expect(share(valid.filter((p) => p.mz === '汉族').length)).toBeGreaterThan(0.95);
  });
});

describe('企业登记信息', () => {
  it('has valid USCCs under a 杭州 district except listed errors', () => {
    const errors = errorsAt('enterprises');
    const districts = new Set(DISTRICTS.map((d) => d.code));
    const names = new Set<string>();
    const problems: string[] = [];
    enterprises.forEach((e, i) => {
      if (errors.has(i + 1)) return;
      const bad = (what: string): number => problems.push(`row ${i + 1} ${what}: ${JSON.stringify(e)}`);
      const code = e.tyshxydm;
      if (checkUscc(code).value !== code || code.charAt(0) !== '9') bad('tyshxydm');
      if (!districts.has(code.slice(2, 8))) bad('region');
      if ((code.charAt(1) === '2') !== (e.qylx === '个体工商户')) bad('category 2');
      if ((code.charAt(1) === '3') !== (e.qylx === '农民专业合作社')) bad('category 3');
      if (!/^\d+\.\d{2}$/.test(e.zczb)) bad('zczb');
      if (!(e.clrq <= AS_OF && e.clrq >= '1992-01-01')) bad('clrq');
      if (!['存续', '在业', '注销', '吊销'].includes(e.djzt)) bad('djzt');
      if (!e.zcdz.startsWith(`浙江省杭州市${regionName(code.slice(2, 8))}`)) bad('zcdz');
      if (names.has(e.qymc)) bad('duplicate name');
      names.add(e.qymc);
    });
    expect(problems).toEqual([]);
  });

  it('lists deliberate errors that are really wrong in the file', () => {
    const kinds = new Set<string>();
    for (const e of manifest.deliberateErrors.filter((x) => x.dataset === 'enterprises')) {
      const row = enterprises[e.row - 1];
      expect(row).toBeDefined();
      if (!row) continue;
      kinds.add(e.kind);
      const issues = checkUscc(row.tyshxydm).issues.map((x) => x.code);
      const where = `${e.kind} row ${e.row}`;
      switch (e.kind) {
        case 'uscc_checksum':
          expect(issues, where).toEqual(['USCC_CHECKSUM']);
          break;
        case 'uscc_invalid_char':
          expect(issues, where).toEqual(['USCC_CHAR']);
          expect(row.tyshxydm, where).toMatch(/[IOSVZ]/);
          break;
        case 'uscc_lowercase':
          expect(row.tyshxydm, where).toMatch(/[a-z]/);
          expect(checkUscc(row.tyshxydm).ok, where).toBe(true);
          break;
        case 'uscc_duplicate': {
          const source = Number(/row (\d+)/.exec(e.detail)?.[1]);
          expect(source).toBeLessThan(e.row);
          expect(enterprises[source - 1]?.tyshxydm, where).toBe(row.tyshxydm);
          break;
        }
        case 'zczb_not_decimal':
          expect(row.zczb, where).not.toMatch(/^\d+(\.\d+)?$/);
          break;
        case 'empty_mandatory':
          expect((row as Record<string, string>)[e.column], where).toBe('');
          break;
        default:
          throw new Error(`unexpected kind ${e.kind}`);
      }
    }
    expect(kinds.size).toBe(6);
  });
});

describe('joins and shares', () => {
  it('names only registered persons as legal representatives', () => {
    const people = validPersons();
    for (const e of enterprises) {
      if (e.fddbrsfzh === '') continue;
      const p = people.get(e.fddbrsfzh);
      expect(p, e.fddbrsfzh).toBeDefined();
      if (e.fddbr !== '') expect(e.fddbr).toBe(p?.xm);
      expect(age(p?.csrq ?? '')).toBeGreaterThanOrEqual(22);
    }
  });

  it('has social-insurance rows only for registered working-age persons and operating employers', () => {
    const people = validPersons();
    const employers = new Map(
      enterprises.filter((e) => checkUscc(e.tyshxydm).ok).map((e) => [e.tyshxydm, e]),
    );
    const rates: Record<string, [number, number]> = {
      基本养老保险: [0.16, 0.08],
      基本医疗保险: [0.095, 0.02],
      失业保险: [0.005, 0.005],
    };
    const insured = new Set<string>();
    const problems: string[] = [];
    for (const r of insurance) {
      const bad = (what: string): number => problems.push(`${what}: ${JSON.stringify(r)}`);
      const p = people.get(r.sfzh);
      if (!p) bad('unknown person');
      insured.add(r.sfzh);
      const years = age(`${r.sfzh.slice(6, 10)}-${r.sfzh.slice(10, 12)}-${r.sfzh.slice(12, 14)}`);
      if (years < 18 || years >= 60 || p?.swbz !== '0') bad('not a living working-age person');
      const employer = employers.get(r.tyshxydm);
      if (employer?.qymc !== r.dwmc || employer.djzt !== '存续') bad('employer');
      if (!manifest.months.includes(r.jfny)) bad('month');
      if (r.jfny < (employer?.clrq ?? '').slice(0, 7).replace('-', ''))
        bad('before the employer was founded');
      const [unit, personal] = rates[r.xz] ?? [NaN, NaN];
      const base = Number(r.jfjs);
      if (!(base >= 4462 && base <= 24930)) bad('jfjs');
      if (r.dwjf !== (Math.round(base * unit * 100) / 100).toFixed(2)) bad('dwjf');
      if (r.grjf !== (Math.round(base * personal * 100) / 100).toFixed(2)) bad('grjf');
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(insured.size).toBeGreaterThan(SMALL.persons * 0.15);
    // Some persons with a contradicting birth date are insured, so 人社局 can find them (S4).
    const contradicting = manifest.deliberateErrors
      .filter((e) => e.kind === 'csrq_mismatch')
      .map((e) => persons[e.row - 1]?.sfzh ?? '');
    expect(contradicting.some((id) => insured.has(id))).toBe(true);
  });

  it('has property rows only for registered persons, with about 45% of adults owning', () => {
    const people = validPersons();
    const numbers = new Set<string>();
    const owners = new Set<string>();
    for (const r of property) {
      expect(people.get(r.sfzh), r.sfzh).toBeDefined();
      owners.add(r.sfzh);
      expect(r.bdcqzh).toMatch(/^浙\((20(1[6-9]|2\d))\)(杭州市|桐庐县|淳安县|建德市)不动产权第\d{7}号$/);
      expect(r.bdcqzh.slice(2, 6)).toBe(r.djrq.slice(0, 4));
      expect(numbers.has(r.bdcqzh)).toBe(false);
      numbers.add(r.bdcqzh);
      expect(Number(r.mj)).toBeGreaterThan(0);
      expect(r.djrq >= '2016-01-01' && r.djrq <= AS_OF).toBe(true);
      expect(r.xq !== '').toBe(r.yt === '住宅');
      expect(['现势', '抵押', '查封', '异议']).toContain(r.qszt);
    }
    const adults = [...people.values()].filter((p) => p.swbz === '0' && age(p.csrq) >= 18);
    const share = adults.filter((p) => owners.has(normaliseIdNumber(p.sfzh))).length / adults.length;
    expect(share).toBeGreaterThan(0.37);
    expect(share).toBeLessThan(0.53);
    // Owners in one school district and non-owners both exist for the enrolment story (S3).
    expect(property.filter((r) => r.xq === '学军小学').length).toBeGreaterThan(3);
  });
});
