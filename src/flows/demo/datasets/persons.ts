// 人口基本信息 (公安局): the population registry every other dataset joins to by 公民身份号码. Ages follow a
// plausible age pyramid for a large Chinese city (about 20% aged 60 or over, for the heat-wave story S5); about a
// third of adults are migrants whose ID numbers were issued in another county.
import { makeIdNumber } from '../../../kernel/index.js';
import { PERSON_COLUMNS, type RowOf } from './columns.js';
import { CsvWriter, type CsvFileInfo } from './csv-writer.js';
import { ETHNIC_GROUPS, maritalStatus, mobileNumber, personName } from './names.js';
import { originCounty } from './origins.js';
import { addYears, dateOf, dayOf } from './dates.js';
import { Reservoir, Rng, Weighted, errorCount, planPositions, seededFaker } from './random.js';
import { DISTRICTS, cityAddress, type District } from './streets.js';
import type { DeliberateError, DeliberateErrorKind, GeneratorContext } from './types.js';

/** A person other datasets may refer to: only rows whose 公民身份号码 is (after normalisation) valid. */
export interface PersonKey {
  sfzh: string;
  xm: string;
  male: boolean;
  birth: string;
  age: number;
  alive: boolean;
  migrant: boolean;
  /** District of residence (居住街道 is one of its streets). */
  district: District;
  /** The deliberate error in the person's own row, if any (such people are not used as 法定代表人). */
  flaw?: DeliberateErrorKind;
}

type PersonRow = RowOf<typeof PERSON_COLUMNS>;

interface Person {
  row: PersonRow;
  key: PersonKey;
  hukou?: District;
  origin?: string;
}

// Five-year bands (the last is 95–100) with shares in per cent; 60+ sums to about 20.5% of the total.
const AGE_BANDS = new Weighted<readonly [number, number]>([
  [[0, 4], 3.5],
  [[5, 9], 4.5],
  [[10, 14], 4.5],
  [[15, 19], 4],
  [[20, 24], 5.5],
  [[25, 29], 7.5],
  [[30, 34], 9.5],
  [[35, 39], 9],
  [[40, 44], 7.5],
  [[45, 49], 7],
  [[50, 54], 7.5],
  [[55, 59], 7.5],
  [[60, 64], 6],
  [[65, 69], 5],
  [[70, 74], 4],
  [[75, 79], 2.5],
  [[80, 84], 1.5],
  [[85, 89], 0.7],
  [[90, 94], 0.25],
  [[95, 100], 0.05],
]);

const BY_POPULATION = new Weighted(DISTRICTS.map((d) => [d, d.population] as const));
const MANDATORY = PERSON_COLUMNS.filter((c) => c.mandatory && c.code !== 'swbz');
const TOWNS = ['城关镇', '新华镇', '河口镇', '长安镇', '双河镇', '太平镇', '新集镇', '白沙镇'];
const VILLAGES = ['李庄', '王家', '张湾', '新民', '红旗', '光明', '团结', '东风', '向阳', '杨树'];
const ROADS = ['人民路', '解放路', '建设路', '中山路', '胜利路', '文化路', '新华路', '和平路'];

function hukouAddress(rng: Rng, p: Pick<Person, 'hukou' | 'origin'>): string {
  if (p.hukou) return `杭州市${p.hukou.name}${cityAddress(rng, p.hukou)}`;
  const origin = p.origin ?? '';
  if (rng.chance(0.5)) {
    return `${origin}${rng.pick(TOWNS)}${rng.pick(VILLAGES)}村${rng.int(1, 12)}组${rng.int(1, 99)}号`;
  }
  return `${origin}${rng.pick(ROADS)}${rng.int(1, 300)}号`;
}

// Death is rare before 60 and climbs steeply after; overall about 0.7% of the registry.
function deathRate(age: number): number {
  return age < 60 ? 0.0008 : age < 70 ? 0.012 : age < 80 ? 0.035 : 0.1;
}

function drawPerson(rng: Rng, asOf: string, issued: Set<string>, wantX: boolean): Person {
  const [low, high] = AGE_BANDS.draw(rng);
  const age = rng.int(low, high);
  // Born in (asOf − (age+1) years, asOf − age years], so the age on asOf is exactly `age`.
  const birth = dateOf(rng.int(dayOf(addYears(asOf, -(age + 1))) + 1, dayOf(addYears(asOf, -age))));
  const male = rng.chance(age < 60 ? 0.515 : 0.47);
  const migrant = rng.chance(age < 18 ? 0.15 : 0.32);
  let hukou: District | undefined;
  let origin: string | undefined;
  let region: string;
  let residence: District;
  if (migrant) {
    const county = originCounty(rng);
    region = county.code;
    residence = BY_POPULATION.draw(rng);
    // About half of migrants have moved their 户口 here; the others are registered residents (居住证) only.
    if (rng.chance(0.45)) hukou = residence;
    else origin = county.address;
  } else {
    hukou = BY_POPULATION.draw(rng);
    region = hukou.code;
    residence = rng.chance(0.75) ? hukou : BY_POPULATION.draw(rng);
  }
  let sfzh = '';
  for (let tries = 0; ; tries++) {
    if (tries > 5000) throw new Error(`cannot find a free ID number for ${region} ${birth}`);
    sfzh = makeIdNumber(region, birth, rng.int(0, 999), male ? 'male' : 'female');
    if ((!wantX || sfzh.endsWith('X')) && !issued.has(sfzh)) break;
  }
  issued.add(sfzh);
  const xm = personName(rng, male);
  const alive = !rng.chance(deathRate(age));
  const row: PersonRow = {
    sfzh,
    xm,
    xb: male ? '男' : '女',
    csrq: birth,
    mz: ETHNIC_GROUPS.draw(rng),
    hjdz: '',
    jzjd: rng.pick(residence.streets),
    sjhm: age < 12 || (age >= 80 && rng.chance(0.3)) ? '' : mobileNumber(rng),
    hyzk: maritalStatus(rng, age, male),
    swbz: alive ? '0' : '1',
  };
  const person: Person = {
    row,
    hukou,
    origin,
    key: { sfzh, xm, male, birth, age, alive, migrant, district: residence },
  };
  row.hjdz = hukouAddress(rng, person);
  return person;
}

// A typo-like wrong birth date: month and day swapped, a few days off, or the year off by one.
function wrongBirthDate(rng: Rng, birth: string, asOf: string): string {
  const [y, m, d] = birth.split('-');
  if (d !== m && Number(d) <= 12 && rng.chance(0.4)) return `${y}-${d}-${m}`;
  if (rng.chance(0.5)) {
    const shifted = dateOf(dayOf(birth) + rng.pick([-3, -2, -1, 1, 2, 3]));
    return shifted <= asOf ? shifted : dateOf(dayOf(birth) - 1);
  }
  const year = addYears(birth, 1);
  return year <= asOf ? year : addYears(birth, -1);
}

const toFullWidth = (s: string): string =>
  s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Makes one planned deliberate error in a fresh row; returns the column and what is wrong, for the manifest. */
function spoilPerson(
  rng: Rng,
  { row, key }: Person,
  kind: DeliberateErrorKind,
  asOf: string,
): { column: string; detail: string } {
  switch (kind) {
    case 'csrq_mismatch':
      row.csrq = wrongBirthDate(rng, key.birth, asOf);
      return { column: 'csrq', detail: `公民身份号码 gives ${key.birth}` };
    case 'xb_mismatch':
      row.xb = key.male ? '女' : '男';
      return { column: 'xb', detail: `公民身份号码 gives ${key.male ? '男' : '女'}` };
    case 'sfzh_checksum': {
      const right = key.sfzh.charAt(17);
      row.sfzh = key.sfzh.slice(0, 17) + rng.pick('0123456789X'.replace(right, '').split(''));
      return { column: 'sfzh', detail: `check character should be ${right}` };
    }
    case 'sfzh_full_width':
      row.sfzh = toFullWidth(key.sfzh);
      return { column: 'sfzh', detail: `full-width characters; normalises to ${key.sfzh}` };
    case 'sfzh_lowercase_x':
      row.sfzh = key.sfzh.slice(0, 17) + 'x';
      return { column: 'sfzh', detail: `lowercase x; normalises to ${key.sfzh}` };
    case 'empty_mandatory': {
      const column = rng.pick(MANDATORY);
      row[column.code] = '';
      return { column: column.code, detail: `mandatory ${column.label} is empty` };
    }
    default:
      throw new Error(`not a person error: ${kind}`);
  }
}

/** Writes persons.csv; returns the people other datasets may join to and the deliberate errors. */
export async function writePersons(
  ctx: GeneratorContext,
  count: number,
): Promise<{ people: PersonKey[]; file: CsvFileInfo; errors: DeliberateError[] }> {
  const rng = new Rng(seededFaker(ctx.seed, 'persons'));
  const plan = planPositions<DeliberateErrorKind>(new Rng(seededFaker(ctx.seed, 'persons/errors')), count, [
    ['csrq_mismatch', errorCount(count, 0.003, 5)],
    ['sfzh_checksum', errorCount(count, 0.001, 3)],
    ['xb_mismatch', errorCount(count, 0.001, 3)],
    ['sfzh_duplicate', errorCount(count, 0.0003, 3)],
    ['sfzh_full_width', errorCount(count, 0.0002, 3)],
    ['sfzh_lowercase_x', errorCount(count, 0.0002, 3)],
    ['empty_mandatory', errorCount(count, 0.0005, 5)],
  ]);
  const issued = new Set<string>();
  const people: PersonKey[] = [];
  const errors: DeliberateError[] = [];
  // Earlier clean rows that a later row may register again.
  const earlier = new Reservoir<{ row: PersonRow; rowNumber: number; person: Person }>(64);
  const w = await CsvWriter.open(
    ctx.outDir,
    [{ name: 'persons.csv', encoding: 'utf-8' }],
    PERSON_COLUMNS.map((c) => c.code),
  );
  const emit = async (row: PersonRow): Promise<void> => {
    await w.write(row);
    if (w.rowCount % 10_000 === 0) ctx.progress('persons', w.rowCount);
  };
  try {
    for (let i = 0; i < count; i++) {
      const rowNumber = w.rowCount + 1;
      let kind = plan.get(i);
      const error = (column: string, detail: string): void => {
        if (kind) errors.push({ dataset: 'persons', row: rowNumber, column, kind, detail });
      };
      if (kind === 'sfzh_duplicate') {
        const source = earlier.take(rng);
        if (source) {
          // The same person registered again at another address, the old entry never cancelled (一人多户).
          const hukou = source.person.hukou;
          const row: PersonRow = {
            ...source.row,
            hjdz: hukouAddress(rng, source.person),
            jzjd: rng.pick((hukou ?? source.person.key.district).streets),
            sjhm: source.row.sjhm === '' ? '' : mobileNumber(rng),
          };
          error('sfzh', `same 公民身份号码 as row ${source.rowNumber} (one person registered twice)`);
          await emit(row);
          continue;
        }
        kind = undefined; // nothing to duplicate yet: an ordinary row instead
      }
      const p = drawPerson(rng, ctx.asOf, issued, kind === 'sfzh_lowercase_x');
      const { row, key } = p;
      if (kind) {
        const spoilt = spoilPerson(rng, p, kind, ctx.asOf);
        error(spoilt.column, spoilt.detail);
      }
      // A wrong or missing ID number cannot be joined to; the right number is simply absent from the registry.
      const joinable = kind !== 'sfzh_checksum' && row.sfzh !== '';
      key.flaw = kind;
      if (joinable) people.push(key);
      if (kind === undefined) earlier.offer(rng, { row: { ...row }, rowNumber, person: p });
      await emit(row);
    }
    const [file] = await w.close();
    ctx.progress('persons', w.rowCount);
    if (!file) throw new Error('persons.csv was not written');
    return { people, file, errors };
  } catch (e) {
    w.destroy();
    throw e;
  }
}
