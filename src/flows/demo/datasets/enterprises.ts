// 企业登记信息 (市场监督管理局): companies, 个体工商户 and co-operatives of 杭州 with valid 统一社会信用代码 (authority 9
// = market regulation; category 1 enterprise, 2 individual business, 3 farmers' co-operative) under their
// district's code. The legal representative is a person from the registry (by name and ID number) so that
// joins between the two datasets work; the file is also written in GBK for encoding detection.
import { USCC_CHARSET, makeUscc, orgCodeCheckChar } from '../../../kernel/index.js';
import { ENTERPRISE_COLUMNS, ENTERPRISES_GBK_FILE, type RowOf } from './columns.js';
import { CsvWriter, type CsvFileInfo } from './csv-writer.js';
import {
  COOPERATIVE_PRODUCTS,
  INDUSTRIES,
  PARTNERSHIP_SCOPE,
  SHOPS,
  TRADE_NAME_CHARS,
  cooperativeScope,
} from './industries.js';
import type { PersonKey } from './persons.js';
import { addYears, ageOn } from './dates.js';
import {
  Reservoir,
  Rng,
  Weighted,
  dateBetween,
  errorCount,
  money,
  planPositions,
  seededFaker,
} from './random.js';
import { DISTRICTS, cityAddress, type District } from './streets.js';
import type { DeliberateError, DeliberateErrorKind, GeneratorContext } from './types.js';

/** An enterprise other datasets may refer to (only clean, operating category-1 rows become employers). */
export interface EnterpriseKey {
  uscc: string;
  name: string;
  clrq: string;
  /** Relative size, heavy-tailed so a few employers have many insured staff. */
  weight: number;
}

type EnterpriseRow = RowOf<typeof ENTERPRISE_COLUMNS>;

const BY_ENTERPRISES = new Weighted(DISTRICTS.map((d) => [d, d.enterprises] as const));
const INDUSTRY = new Weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
const COMPANY_TYPES = new Weighted<string>([
  ['有限责任公司（自然人投资或控股）', 50],
  ['有限责任公司（自然人独资）', 25],
  ['有限责任公司（非自然人投资或控股的法人独资）', 8],
  ['股份有限公司（非上市、自然人投资或控股）', 3],
  ['个人独资企业', 6],
  ['有限合伙企业', 3],
]);
const CAPITAL = new Weighted<number>([
  [1, 2],
  [3, 3],
  [5, 8],
  [10, 20],
  [20, 8],
  [30, 6],
  [50, 12],
  [100, 15],
  [200, 6],
  [300, 4],
  [500, 6],
  [1000, 4],
  [2000, 1.5],
  [5000, 1],
  [10000, 0.5],
]);
// Registrations grow about 10% a year (the 2014 商事制度改革 and after), so about half are from the 2020s.
const FIRST_YEAR = 1992;
// The USCC replaced separate organisation codes from 2015-10-01; older enterprises kept their GB 11714 code inside.
const USCC_START = '2015-10-01';
const MANDATORY = ENTERPRISE_COLUMNS.filter((c) => c.mandatory);
// Letters a clerk or OCR confuses with digits; none of them is in the USCC alphabet.
const LOOKALIKE: Record<string, string> = { '0': 'O', '1': 'I', '5': 'S', '2': 'Z' };

function tradeName(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) {
    const c = rng.pick(TRADE_NAME_CHARS);
    if (!s.includes(c)) s += c;
  }
  return s;
}

function foundingDate(rng: Rng, asOf: string, years: Weighted<number>, earliest: string): string {
  const year = years.draw(rng);
  const from = `${year}-01-01` < earliest ? earliest : `${year}-01-01`;
  const to = `${year}-12-31` > asOf ? asOf : `${year}-12-31`;
  return from <= to ? dateBetween(rng, from, to) : dateBetween(rng, earliest, asOf);
}

function organisationBody(rng: Rng, clrq: string): string {
  if (clrq < USCC_START) {
    const body = rng.chars('123456789', 1) + rng.chars('0123456789', 7);
    return body + orgCodeCheckChar(body);
  }
  // Newer subject codes (MA…) are not GB 11714 codes; GB 32100 allows that (STANDARDS.md §5).
  return 'MA2' + rng.chars(USCC_CHARSET, 6);
}

function capitalText(rng: Rng, category: string): string {
  if (category === '2') return money(rng.int(1, 50));
  if (category === '3') return money(rng.int(10, 300));
  return rng.chance(0.1) ? money(rng.int(1000, 500_000) / 100) : money(CAPITAL.draw(rng));
}

function statusOf(rng: Rng, category: string, clrq: string, asOf: string): string {
  const years = ageOn(clrq, asOf);
  const r = rng.next();
  const cancelled = Math.min(0.35, 0.02 + 0.015 * years);
  const revoked = Math.min(0.12, 0.005 + 0.005 * years);
  if (r < cancelled) return '注销';
  if (r < cancelled + revoked) return '吊销';
  return category === '2' ? '在业' : '存续';
}

// Unique across the file, like the real name register; a third trade-name character once pairs run out.
function enterpriseName(
  rng: Rng,
  category: string,
  type: string,
  district: District,
  taken: Set<string>,
): { qymc: string; scope: string } {
  for (let attempt = 0; ; attempt++) {
    const trade = tradeName(rng, attempt < 10 ? 2 : 3);
    let qymc: string;
    let scope: string;
    if (category === '2') {
      const shop = rng.pick(SHOPS);
      qymc = `杭州市${district.name}${trade}${shop.name}`;
      scope = shop.scope;
    } else if (category === '3') {
      const product = rng.pick(COOPERATIVE_PRODUCTS);
      qymc = `杭州市${district.name}${trade}${product}专业合作社`;
      scope = cooperativeScope(product);
    } else if (type === '有限合伙企业') {
      qymc = `杭州${trade}投资管理合伙企业（有限合伙）`;
      scope = PARTNERSHIP_SCOPE;
    } else {
      const industry = INDUSTRY.draw(rng);
      const sole = type === '个人独资企业';
      const suffix = sole ? '经营部' : type.startsWith('股份') ? '股份有限公司' : '有限公司';
      qymc = `杭州${sole ? district.name : ''}${trade}${industry.name}${suffix}`;
      scope = industry.scope;
    }
    if (!taken.has(qymc)) return { qymc, scope };
  }
}

/** Makes one planned deliberate error in a fresh row; returns the column and what is wrong, for the manifest. */
function spoilEnterprise(
  rng: Rng,
  row: EnterpriseRow,
  kind: DeliberateErrorKind,
): { column: string; detail: string } {
  const uscc = row.tyshxydm;
  switch (kind) {
    case 'uscc_checksum': {
      row.tyshxydm = uscc.slice(0, 17) + rng.pick(USCC_CHARSET.replace(uscc.charAt(17), '').split(''));
      return { column: 'tyshxydm', detail: `check character should be ${uscc.charAt(17)}` };
    }
    case 'uscc_invalid_char': {
      const at = rng.int(8, 16);
      row.tyshxydm = uscc.slice(0, at) + (LOOKALIKE[uscc.charAt(at)] ?? 'O') + uscc.slice(at + 1);
      return {
        column: 'tyshxydm',
        detail: `character ${at + 1} is not in the USCC alphabet; should be ${uscc}`,
      };
    }
    case 'uscc_lowercase':
      row.tyshxydm = uscc.toLowerCase();
      return { column: 'tyshxydm', detail: `lowercase letters; normalises to ${uscc}` };
    case 'zczb_not_decimal': {
      const value = Number(row.zczb);
      row.zczb = rng.pick([
        `${value}万元`,
        `人民币${value}万`,
        value >= 1000 ? money(value).replace(/\B(?=(\d{3})+\.)/g, ',') : `${value}万`,
      ]);
      return { column: 'zczb', detail: `not a decimal number of 万元; should be ${money(value)}` };
    }
    case 'empty_mandatory': {
      const column = rng.pick(MANDATORY);
      row[column.code] = '';
      return { column: column.code, detail: `mandatory ${column.label} is empty` };
    }
    default:
      throw new Error(`not an enterprise error: ${kind}`);
  }
}

/** Writes enterprises.csv and its GBK copy; returns the employers other datasets may use and the errors. */
export async function writeEnterprises(
  ctx: GeneratorContext,
  count: number,
  people: readonly PersonKey[],
): Promise<{ employers: EnterpriseKey[]; files: CsvFileInfo[]; errors: DeliberateError[] }> {
  const rng = new Rng(seededFaker(ctx.seed, 'enterprises'));
  const plan = planPositions<DeliberateErrorKind>(
    new Rng(seededFaker(ctx.seed, 'enterprises/errors')),
    count,
    [
      ['uscc_checksum', errorCount(count, 0.002, 3)],
      ['uscc_invalid_char', errorCount(count, 0.0005, 2)],
      ['uscc_lowercase', errorCount(count, 0.0005, 2)],
      ['uscc_duplicate', errorCount(count, 0.0005, 2)],
      ['zczb_not_decimal', errorCount(count, 0.001, 2)],
      ['empty_mandatory', errorCount(count, 0.0005, 3)],
    ],
  );
  const reps = people.filter((p) => p.flaw === undefined && p.alive && p.age >= 22 && p.age <= 80);
  if (reps.length === 0) throw new RangeError('too few persons to choose legal representatives from');
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const years = new Weighted(
    Array.from({ length: asOfYear - FIRST_YEAR + 1 }, (_, i) => [FIRST_YEAR + i, 1.1 ** i] as const),
  );
  const usccs = new Set<string>();
  const names = new Set<string>();
  const employers: EnterpriseKey[] = [];
  const errors: DeliberateError[] = [];
  // Earlier clean rows that a later row may register again.
  const earlier = new Reservoir<{ row: EnterpriseRow; rowNumber: number; district: District }>(64);
  const w = await CsvWriter.open(
    ctx.outDir,
    [
      { name: 'enterprises.csv', encoding: 'utf-8' },
      { name: ENTERPRISES_GBK_FILE, encoding: 'gbk' },
    ],
    ENTERPRISE_COLUMNS.map((c) => c.code),
  );
  const emit = async (row: EnterpriseRow): Promise<void> => {
    await w.write(row);
    if (w.rowCount % 10_000 === 0) ctx.progress('enterprises', w.rowCount);
  };
  try {
    for (let i = 0; i < count; i++) {
      const rowNumber = w.rowCount + 1;
      let kind = plan.get(i);
      const error = (column: string, detail: string): void => {
        if (kind) errors.push({ dataset: 'enterprises', row: rowNumber, column, kind, detail });
      };
      if (kind === 'uscc_duplicate') {
        const previous = earlier.take(rng);
        if (previous) {
          // An address change entered as a new record instead of an update: two rows, one code.
          const row = {
            ...previous.row,
            zcdz: `浙江省杭州市${previous.district.name}${cityAddress(rng, previous.district)}`,
          };
          error('tyshxydm', `same 统一社会信用代码 as row ${previous.rowNumber}`);
          await emit(row);
          continue;
        }
        kind = undefined;
      }
      const r = rng.next();
      const category = r < 0.78 ? '1' : r < 0.97 ? '2' : '3';
      const district = BY_ENTERPRISES.draw(rng);
      const rep = rng.pick(reps);
      // Founded when the representative was at least 20 (new-style codes only for the lowercase case, which needs letters).
      const floor = (p: PersonKey): string => {
        const adult = addYears(p.birth, 20);
        const min = kind === 'uscc_lowercase' ? '2016-01-01' : `${FIRST_YEAR}-01-01`;
        return adult > min ? adult : min;
      };
      const clrq = foundingDate(rng, ctx.asOf, years, floor(rep));
      const type =
        category === '1' ? COMPANY_TYPES.draw(rng) : category === '2' ? '个体工商户' : '农民专业合作社';
      let uscc = '';
      do uscc = makeUscc('9', category, district.code, organisationBody(rng, clrq));
      while (usccs.has(uscc));
      usccs.add(uscc);
      const { qymc, scope } = enterpriseName(rng, category, type, district, names);
      names.add(qymc);
      const row: EnterpriseRow = {
        tyshxydm: uscc,
        qymc,
        qylx: type,
        fddbr: rep.xm,
        fddbrsfzh: rep.sfzh,
        zcdz: `浙江省杭州市${district.name}${cityAddress(rng, district)}`,
        zczb: capitalText(rng, category),
        clrq,
        djzt: statusOf(rng, category, clrq, ctx.asOf),
        jyfw: scope,
      };
      if (kind) {
        const spoilt = spoilEnterprise(rng, row, kind);
        error(spoilt.column, spoilt.detail);
      }
      if (kind === undefined) {
        earlier.offer(rng, { row: { ...row }, rowNumber, district });
        if (category === '1' && row.djzt === '存续') {
          employers.push({ uscc, name: qymc, clrq, weight: 1 + Math.floor(300 * rng.next() ** 12) });
        }
      }
      await emit(row);
    }
    const files = await w.close();
    ctx.progress('enterprises', w.rowCount);
    return { employers, files, errors };
  } catch (e) {
    w.destroy();
    throw e;
  }
}
