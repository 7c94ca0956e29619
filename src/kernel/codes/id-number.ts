// 公民身份号码, GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), check char
// by ISO 7064 MOD 11-2.
import { chinaToday, isRealDate } from './dates.js';
import { normaliseText } from './normalise.js';
import { pick } from './random.js';
import { allCountyCodes, embeddedRegionIssues } from './region.js';
import { error, finish, reject, warning, type CheckResult, type CodeIssue } from './result.js';

/** The parts of a valid ID number. */
export interface IdNumberInfo {
  id: string;
  regionCode: string;
  birthDate: string;
  gender: 'male' | 'female';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = 18500101; // older dates are typing errors, not living people

// 港澳台居民居住证 numbers use these codes (国办发〔2018〕81号); they are not in the NBS region table.
const RESIDENCE_PERMIT_REGIONS = new Set(['810000', '820000', '830000']);

/** The GB 11643 check character ('0'-'9' or 'X') for 17 digits; throws RangeError on other input. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * (first17.charCodeAt(i) - 48), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** normaliseText, lowercase x → X, and a 15-digit number → 18 digits ('19' before the year plus check char). */
export function normaliseIdNumber(s: string): string {
  const t = normaliseText(s).replace(/x/g, 'X');
  if (!/^\d{15}$/.test(t)) return t;
  // 15-digit numbers were issued until 1999 (born 1900s); GB 11643 upgrades them this way.
  const first17 = `${t.slice(0, 6)}19${t.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/** Validates a citizen ID number (GB 11643); an unknown full region code is only a warning. */
export function checkIdNumber(s: string, opts?: { today?: Date }): CheckResult<IdNumberInfo> {
  const id = normaliseIdNumber(s);
  if (id.length !== 18) return reject(error('ID_LENGTH', 'ID number must have 18 characters (or 15 digits)'));
  if (!/^\d{17}[\dX]$/.test(id)) {
    return reject(error('ID_CHAR', 'ID number must be 17 digits followed by a digit or X'));
  }
  const issues: CodeIssue[] = [];
  if (/^\d{15}$/.test(normaliseText(s))) {
    issues.push(warning('ID_LEGACY_15', 'Old 15-digit ID number; converted to 18 digits'));
  }
  if (idCheckChar(id.slice(0, 17)) !== id.charAt(17)) {
    issues.push(error('ID_CHECKSUM', 'ID number check character does not match'));
  }
  const birth = Number(id.slice(6, 14));
  const [year, month, day] = [Math.floor(birth / 10000), Math.floor(birth / 100) % 100, birth % 100];
  if (!isRealDate(year, month, day)) {
    issues.push(error('ID_BIRTH_DATE', 'Birth date is not a real calendar date'));
  } else if (birth < EARLIEST_BIRTH) {
    issues.push(error('ID_BIRTH_DATE', 'Birth date is before 1850'));
  } else if (birth > chinaToday(opts?.today)) {
    issues.push(error('ID_BIRTH_DATE', 'Birth date is in the future'));
  }
  const regionCode = id.slice(0, 6);
  if (!RESIDENCE_PERMIT_REGIONS.has(regionCode)) issues.push(...embeddedRegionIssues(regionCode));
  return finish(issues, () => ({
    id,
    regionCode,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  }));
}

// Region and date range are not checked so tests can build numbers that fail those rules.
/** Builds an 18-char ID number; `gender` flips the sequence's last bit if needed; bad input throws RangeError. */
export function makeIdNumber(
  regionCode: string,
  birthDate: string,
  sequence: number,
  gender?: 'male' | 'female',
): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError('birthDate must be a real YYYY-MM-DD date');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError('sequence must be an integer 0..999');
  }
  const seq = gender && (sequence % 2 === 1) !== (gender === 'male') ? sequence ^ 1 : sequence;
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const DEMO_FIRST_DAY = Date.UTC(1940, 0, 1) / 86_400_000;
const DEMO_LAST_DAY = Date.UTC(2005, 11, 31) / 86_400_000;

/** A valid ID number for demo data: current county, birth 1940–2005; deterministic given `random`. */
export function randomIdNumber(random: () => number): string {
  const counties = allCountyCodes();
  const region = counties[pick(random, counties.length)] ?? '110101';
  const day = DEMO_FIRST_DAY + pick(random, DEMO_LAST_DAY - DEMO_FIRST_DAY + 1);
  const birthDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  return makeIdNumber(region, birthDate, pick(random, 1000));
}
