// Column detection: classify each sampled value against every kind, then decide per column. Values decide: a
// kind needs a minimum share of the non-blank values. The header can lift confidence, lower that share to 0.4
// (never further, so 身份证号 over order numbers stays "not PII"), and for dates tell birth dates from event
// dates. Confidence = the kind's reliability × the matching share, moved halfway to 1 when the header agrees,
// cut by 15 % when the header names something else, and scaled down for samples under ten values.
import type { PiiKind } from '../masking/index.js';
import { isAddress } from './address.js';
import { isBankCard } from './bank-card.js';
import { isIdNumber, isUscc } from './codes.js';
import { birthProfile, chinaDateNumber, parseDate, type ParsedDate } from './dates.js';
import { readHeader, type HeaderHints } from './headers.js';
import { isPersonName } from './names.js';
import { isEmail, isPlate } from './patterns.js';
import { isLandline, isMobile } from './phones.js';
import { sampleValues } from './sample.js';
import { suggestionFor } from './suggest.js';
import type { CellValue, ColumnDetection, ColumnSample, DetectOptions, PiiSuggestion } from './types.js';

/** Kinds read value by value (birth dates need the whole column; "other" is only a steward's choice). */
type ValueKind = Exclude<PiiKind, 'birthDate' | 'other'>;
type DetectedKind = ValueKind | 'birthDate';

const ASCII_KINDS: readonly ValueKind[] = ['idNumber', 'uscc', 'mobile', 'landline', 'email', 'bankCard'];
const HAN_KINDS: readonly ValueKind[] = ['name', 'address', 'plate', 'landline'];

const MATCHERS: Record<ValueKind, (v: string, asOf: Date) => boolean> = {
  idNumber: isIdNumber,
  uscc: isUscc,
  mobile: isMobile,
  landline: isLandline,
  email: isEmail,
  bankCard: isBankCard,
  name: isPersonName,
  address: isAddress,
  plate: isPlate,
};

// How far one match can be trusted: check characters > strict shapes > word lists and markers.
const RELIABILITY: Record<DetectedKind, number> = {
  idNumber: 1,
  uscc: 1,
  email: 0.98,
  bankCard: 0.97,
  mobile: 0.96,
  plate: 0.96,
  landline: 0.93,
  name: 0.9,
  address: 0.9,
  birthDate: 0.9,
};

// Word-list and marker kinds need a clearer majority than checksum and shape kinds.
const MIN_SHARE: Record<DetectedKind, number> = {
  idNumber: 0.5,
  uscc: 0.5,
  email: 0.5,
  bankCard: 0.5,
  mobile: 0.5,
  plate: 0.5,
  landline: 0.5,
  name: 0.6,
  address: 0.6,
  birthDate: 0.6,
};
// A header that names the kind lowers the bar to 0.4, except for bank cards: about a quarter of random
// Luhn-valid numbers start with an issuer prefix (4, 51–55, 2221–2720, 62…), so a transaction-number column
// under 收款账号 could reach 0.4 by chance.
const HINTED_MIN_SHARE: Partial<Record<DetectedKind, number>> = { bankCard: 0.5 };
const DEFAULT_HINTED_MIN_SHARE = 0.4;
const ALTERNATIVE_MIN_SHARE = 0.2;
const DEFAULT_MAX_SAMPLE = 500;

const WHAT: Record<DetectedKind, string> = {
  idNumber: 'checksum-valid ID numbers',
  uscc: 'checksum-valid unified social credit codes',
  mobile: 'mobile numbers',
  landline: 'landline numbers with an area code',
  email: 'e-mail addresses',
  bankCard: 'Luhn-valid card numbers with a known issuer prefix',
  name: 'Chinese personal names',
  address: 'street-level addresses',
  plate: 'licence plates',
  birthDate: 'plausible birth dates',
};

const HAN = /[\u3400-\u9fff]/;

interface Candidate {
  kind: DetectedKind;
  matched: number;
  share: number;
  passes: boolean;
  confidence: number;
  reason: string;
}

/** Counts, per value kind, how many sampled values match; also returns the values that parse as dates. */
function classify(
  values: readonly string[],
  asOf: Date,
): { counts: Map<ValueKind, number>; dates: ParsedDate[] } {
  const counts = new Map<ValueKind, number>();
  const dates: ParsedDate[] = [];
  for (const v of values) {
    // Han kinds need a Han character and the others allow none, so one family is enough (landline is in
    // both: an extension may be written 转).
    for (const kind of HAN.test(v) ? HAN_KINDS : ASCII_KINDS) {
      if (MATCHERS[kind](v, asOf)) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const d = parseDate(v);
    if (d) dates.push(d);
  }
  return { counts, dates };
}

function score(kind: DetectedKind, share: number, hints: HeaderHints, sampled: number): number {
  let c = RELIABILITY[kind] * share;
  if (hints.kinds.has(kind)) c += (1 - c) * 0.5;
  else if (hints.kinds.size > 0 || hints.notPersonal) c *= 0.85;
  return c * Math.min(1, 0.5 + sampled / 20);
}

function headerNote(kind: DetectedKind, hints: HeaderHints): string {
  if (hints.kinds.has(kind)) return '; the header agrees';
  if (hints.kinds.size > 0) return '; the header suggests another kind';
  return hints.notPersonal ? '; the header suggests a non-personal code' : '';
}

function candidate(
  kind: DetectedKind,
  matched: number,
  sampled: number,
  hints: HeaderHints,
  what = WHAT[kind],
): Candidate {
  const share = matched / sampled;
  const min = hints.kinds.has(kind)
    ? Math.min(HINTED_MIN_SHARE[kind] ?? DEFAULT_HINTED_MIN_SHARE, MIN_SHARE[kind])
    : MIN_SHARE[kind];
  return {
    kind,
    matched,
    share,
    passes: share >= min,
    confidence: score(kind, share, hints, sampled),
    reason: `${matched} of ${sampled} values are ${what}${headerNote(kind, hints)}`,
  };
}

/**
 * Phones: a 联系电话 column mixing mobiles and landlines is one phone column even if neither half dominates; it
 * gets the majority kind, counts both, and keeps the minority kind as an alternative.
 */
function phoneCandidate(byKind: Map<DetectedKind, Candidate>, sampled: number, hints: HeaderHints) {
  const [mobiles, landlines] = [byKind.get('mobile')?.matched ?? 0, byKind.get('landline')?.matched ?? 0];
  const mixed = Math.min(mobiles, landlines) / sampled >= ALTERNATIVE_MIN_SHARE;
  if (!mixed && (byKind.get('mobile')?.passes || byKind.get('landline')?.passes)) return undefined;
  const kind = mobiles >= landlines ? 'mobile' : 'landline';
  const what = `phone numbers (${mobiles} mobile, ${landlines} landline)`;
  const c = candidate(kind, mobiles + landlines, sampled, hints, what);
  return c.share >= ALTERNATIVE_MIN_SHARE ? c : undefined;
}

/** Birth dates: by the header, or under a bland header by values that look like a population's birthdays. */
function birthCandidate(dates: readonly ParsedDate[], sampled: number, hints: HeaderHints, today: number) {
  if (dates.length === 0 || (hints.eventDate && !hints.kinds.has('birthDate'))) return undefined;
  const profile = birthProfile(dates, today);
  if (!hints.kinds.has('birthDate')) {
    // Without a birth header every date must be a plausible birthday and the ages must look like people's.
    if (!profile.populationLike || profile.plausible < dates.length) return undefined;
  }
  const c = candidate('birthDate', profile.plausible, sampled, hints);
  if (!hints.kinds.has('birthDate')) c.confidence *= 0.85; // the values alone cannot rule out other dates
  return c.share >= ALTERNATIVE_MIN_SHARE ? c : undefined;
}

/** Detects the PII kind of one column and returns the best suggestion with weaker alternatives. */
export function analyseColumn(
  header: string,
  values: readonly CellValue[],
  options: DetectOptions = {},
): ColumnDetection {
  // The only clock read in detection; pass asOf for reproducible results.
  const asOf = options.asOf ?? new Date();
  const sample = sampleValues(values, options.maxSample ?? DEFAULT_MAX_SAMPLE);
  const sampled = sample.length;
  if (sampled === 0) return { header, suggestion: null, alternatives: [] };
  const hints = readHeader(header);
  const { counts, dates } = classify(sample, asOf);

  const byKind = new Map<DetectedKind, Candidate>();
  for (const [kind, matched] of counts) byKind.set(kind, candidate(kind, matched, sampled, hints));
  const phone = phoneCandidate(byKind, sampled, hints);
  if (phone) byKind.set(phone.kind, phone);
  const birth = birthCandidate(dates, sampled, hints, chinaDateNumber(asOf));
  if (birth) byKind.set('birthDate', birth);

  const ranked = [...byKind.values()]
    .filter((c) => c.share >= ALTERNATIVE_MIN_SHARE)
    .sort((a, b) => Number(b.passes) - Number(a.passes) || b.confidence - a.confidence);
  const toSuggestion = (c: Candidate): PiiSuggestion =>
    suggestionFor(c.kind, c.confidence, c.matched, sampled, c.reason);
  const best = ranked[0]?.passes ? ranked[0] : undefined;
  return {
    header,
    suggestion: best ? toSuggestion(best) : null,
    alternatives: ranked.filter((c) => c !== best).map(toSuggestion),
  };
}

/** The best PII suggestion for one column, or null when its values are not (recognisably) personal data. */
export function detectColumn(
  header: string,
  values: readonly CellValue[],
  options?: DetectOptions,
): PiiSuggestion | null {
  return analyseColumn(header, values, options).suggestion;
}

/** Detects every column of a sample (an uploaded file or the first rows of loaded data). */
export function detectColumns(columns: readonly ColumnSample[], options?: DetectOptions): ColumnDetection[] {
  // One asOf for the whole sample, so two columns are never judged on different days.
  const opts = { ...options, asOf: options?.asOf ?? new Date() };
  return columns.map((c) => analyseColumn(c.header, c.values, opts));
}
