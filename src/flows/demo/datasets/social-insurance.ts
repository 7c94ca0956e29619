// 社保参保缴费 (人力资源和社会保障局): monthly contributions of insured employees over the 12 months up to asOf,
// one row per person, month and insurance type. The contribution base stands in for income in the 低保 review (S2)
// and the file names every employer by USCC so it joins to 企业登记信息.
import { SOCIAL_INSURANCE_COLUMNS, type RowOf } from './columns.js';
import { CsvWriter, type CsvFileInfo } from './csv-writer.js';
import type { EnterpriseKey } from './enterprises.js';
import type { PersonKey } from './persons.js';
import { Rng, Weighted, money, seededFaker } from './random.js';
import type { GeneratorContext } from './types.js';

type ContributionRow = RowOf<typeof SOCIAL_INSURANCE_COLUMNS>;

// Approximate 浙江 bounds of the monthly contribution base (yuan); the stories do not depend on exact figures.
const BASE_FLOOR = 4462;
const BASE_CEILING = 24930;
// Unit and personal rates (employer medical includes maternity, merged since 2019); approximate 杭州 rates.
const INSURANCE: readonly { name: string; unit: number; personal: number }[] = [
  { name: '基本养老保险', unit: 0.16, personal: 0.08 },
  { name: '基本医疗保险', unit: 0.095, personal: 0.02 },
  { name: '失业保险', unit: 0.005, personal: 0.005 },
];
// Share of working-age residents with employee insurance here (others are self-employed, students, insured
// elsewhere or not working).
const INSURED_SHARE = 0.36;

/** The 12 contribution months ending with asOf's month, oldest first (YYYYMM). */
export function contributionMonths(asOf: string): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  return Array.from({ length: 12 }, (_, i) => {
    const m = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

// Salaries are roughly log-normal; Box–Muller from two uniforms keeps it on the seeded stream.
function monthlyBase(rng: Rng): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.round(Math.min(BASE_CEILING, Math.max(BASE_FLOOR, 8000 * Math.exp(0.5 * normal))));
}

/** Writes social-insurance.csv for a share of working-age persons, employed by operating enterprises. */
export async function writeSocialInsurance(
  ctx: GeneratorContext,
  people: readonly PersonKey[],
  employers: readonly EnterpriseKey[],
): Promise<{ file: CsvFileInfo; insured: number }> {
  if (employers.length === 0) throw new RangeError('no operating enterprise to employ insured persons');
  const rng = new Rng(seededFaker(ctx.seed, 'social-insurance'));
  const bySize = new Weighted(employers.map((e) => [e, e.weight] as const));
  const months = contributionMonths(ctx.asOf);
  // The contribution base is reset every July (the 社保年度 in 浙江).
  const july = months.find((m) => m.endsWith('07')) ?? '999999';
  let insured = 0;
  const w = await CsvWriter.open(
    ctx.outDir,
    [{ name: 'social-insurance.csv', encoding: 'utf-8' }],
    SOCIAL_INSURANCE_COLUMNS.map((c) => c.code),
  );
  try {
    for (const p of people) {
      if (!p.alive || p.age < 18 || p.age >= (p.male ? 60 : 55)) continue;
      // Most working-age people whose 出生日期 contradicts their ID number are insured, so that 人社局 can find
      // them in its own data and raise the objection (S4).
      if (!rng.chance(p.flaw === 'csrq_mismatch' ? 0.9 : INSURED_SHARE)) continue;
      insured++;
      let employer = bySize.draw(rng);
      // Most contribute all year; some started a job, left one, or have a short gap; a few change employer.
      const r = rng.next();
      const first = r < 0.1 ? rng.int(1, 11) : 0;
      const last = r >= 0.1 && r < 0.16 ? rng.int(0, 10) : 11;
      const gap = r >= 0.16 && r < 0.2 ? rng.int(1, 9) : -1;
      const gapLength = rng.int(1, 3);
      const switchAt = rng.chance(0.08) ? rng.int(2, 11) : 12;
      const next = bySize.draw(rng);
      const base = monthlyBase(rng);
      for (let i = first; i <= last; i++) {
        if (i >= gap && i < gap + gapLength) continue;
        if (i === switchAt) employer = next;
        const jfny = months[i] ?? '';
        // No contributions before the employer existed.
        if (jfny < employer.clrq.slice(0, 4) + employer.clrq.slice(5, 7)) continue;
        const jfjs = jfny >= july ? Math.min(BASE_CEILING, Math.round(base * 1.04)) : base;
        for (const x of INSURANCE) {
          const row: ContributionRow = {
            sfzh: p.sfzh,
            xz: x.name,
            jfny,
            jfjs: money(jfjs),
            dwjf: money(jfjs * x.unit),
            grjf: money(jfjs * x.personal),
            dwmc: employer.name,
            tyshxydm: employer.uscc,
          };
          await w.write(row);
          if (w.rowCount % 10_000 === 0) ctx.progress('social-insurance', w.rowCount);
        }
      }
    }
    const [file] = await w.close();
    ctx.progress('social-insurance', w.rowCount);
    if (!file) throw new Error('social-insurance.csv was not written');
    return { file, insured };
  } catch (e) {
    w.destroy();
    throw e;
  }
}
