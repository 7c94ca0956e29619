// 不动产登记 (自然资源和规划局): current property rights of persons, one row per property. About 45% of adults own
// at least one, so the 低保 review (S2) finds both owners and non-owners; residential properties carry the primary
// school catchment (学区) that the enrolment check (S3) asks about.
import { PROPERTY_COLUMNS, type RowOf } from './columns.js';
import { CsvWriter, type CsvFileInfo } from './csv-writer.js';
import type { PersonKey } from './persons.js';
import { addYears } from './dates.js';
import { Rng, Weighted, dateBetween, money, seededFaker } from './random.js';
import { DISTRICTS, type District } from './streets.js';
import type { GeneratorContext } from './types.js';

type PropertyRow = RowOf<typeof PROPERTY_COLUMNS>;

const BY_POPULATION = new Weighted(DISTRICTS.map((d) => [d, d.population] as const));
const HOLDINGS = new Weighted<number>([
  [1, 72],
  [2, 22],
  [3, 5],
  [4, 1],
]);
const OTHER_USES = new Weighted<string>([
  ['住宅', 60],
  ['车位', 20],
  ['商业', 10],
  ['办公', 7],
  ['工业', 3],
]);
const STATES = new Weighted<string>([
  ['现势', 70],
  ['抵押', 27],
  ['查封', 2],
  ['异议', 1],
]);
// The unified 不动产权证书 replaced separate house and land certificates from 2016 in 杭州.
const FIRST_REGISTRATION = '2016-01-01';

// Ownership climbs with age; natives own far more often than migrants. Calibrated to about 45% of adults.
function ownershipRate(p: PersonKey): number {
  const byAge = p.age < 25 ? 0.08 : p.age < 30 ? 0.25 : p.age < 40 ? 0.5 : p.age < 60 ? 0.55 : 0.5;
  return byAge * (p.migrant ? 0.55 : 1.2);
}

function location(rng: Rng, d: District, use: string): string {
  const street = `${d.name}${rng.pick(d.roads)}${rng.int(1, 999)}号`;
  switch (use) {
    case '住宅':
      return `${street}${rng.int(1, 30)}幢${rng.int(1, 4)}单元${rng.int(1, 28)}0${rng.int(1, 4)}室`;
    case '车位':
      return `${street}地下车库B${rng.int(1, 2)}-${rng.int(1, 600)}号车位`;
    case '商业':
      return `${street}${rng.int(1, 3)}层${rng.int(101, 130)}室`;
    case '办公':
      return `${street}${rng.int(1, 3)}幢${rng.int(5, 30)}0${rng.int(1, 9)}室`;
    default:
      return `${street}${rng.int(1, 6)}幢`;
  }
}

// In hundredths of a square metre, so money() formats it with two decimals.
function floorArea(rng: Rng, use: string): number {
  switch (use) {
    case '住宅':
      return rng.chance(0.1) ? rng.int(14_000, 30_000) : 3_500 + (rng.next() + rng.next()) * 5_500;
    case '车位':
      return rng.int(1_200, 1_600);
    case '商业':
      return rng.int(2_000, 30_000);
    case '办公':
      return rng.int(5_000, 50_000);
    default:
      return rng.int(50_000, 500_000);
  }
}

/** Writes property.csv; returns the file and the number of distinct owners. */
export async function writeProperty(
  ctx: GeneratorContext,
  people: readonly PersonKey[],
): Promise<{ file: CsvFileInfo; owners: number }> {
  const rng = new Rng(seededFaker(ctx.seed, 'property'));
  // Certificate serials run per year and authority; gaps stand for everyone else's registrations.
  const serials = new Map<string, number>();
  let owners = 0;
  const w = await CsvWriter.open(
    ctx.outDir,
    [{ name: 'property.csv', encoding: 'utf-8' }],
    PROPERTY_COLUMNS.map((c) => c.code),
  );
  try {
    for (const p of people) {
      if (!p.alive || p.age < 18 || !rng.chance(ownershipRate(p))) continue;
      owners++;
      const holdings = HOLDINGS.draw(rng);
      const earliest = [FIRST_REGISTRATION, addYears(p.birth, 18)].sort()[1] ?? FIRST_REGISTRATION;
      for (let k = 0; k < holdings; k++) {
        const d = rng.chance(0.7) ? p.district : BY_POPULATION.draw(rng);
        const use = k === 0 && rng.chance(0.9) ? '住宅' : OTHER_USES.draw(rng);
        const djrq = dateBetween(rng, earliest, ctx.asOf);
        const year = djrq.slice(0, 4);
        const series = `${year}|${d.propertyAuthority}`;
        const serial = (serials.get(series) ?? rng.int(1_000, 20_000)) + rng.int(1, 40);
        serials.set(series, serial);
        const row: PropertyRow = {
          bdcqzh: `浙(${year})${d.propertyAuthority}不动产权第${String(serial).padStart(7, '0')}号`,
          sfzh: p.sfzh,
          zl: location(rng, d, use),
          mj: money(floorArea(rng, use) / 100),
          yt: use,
          djrq,
          qszt: STATES.draw(rng),
          xq: use === '住宅' ? rng.pick(d.schools) : '',
        };
        await w.write(row);
        if (w.rowCount % 10_000 === 0) ctx.progress('property', w.rowCount);
      }
    }
    const [file] = await w.close();
    ctx.progress('property', w.rowCount);
    if (!file) throw new Error('property.csv was not written');
    return { file, owners };
  } catch (e) {
    w.destroy();
    throw e;
  }
}
