// Partial masks: the de-facto Chinese conventions of STANDARDS.md §4 plus the generic "show first/last N".
// Every partial mask is "show the first f and last l characters of a canonical form, hide the rest", with a
// floor of hidden characters (minHidden) taken from the shortest well-formed value of the kind; see keepCounts.
import { MASK_DEFAULTS, type MaskSpecOf } from './spec.js';
import { codePoints, compactCode, keepCounts, showEnds, upperAscii } from './text.js';
import { normaliseText } from '../../../../kernel/index.js';

/** The mask kinds that hide characters in place. */
export type PartialKind =
  'name' | 'idNumber' | 'mobile' | 'landline' | 'address' | 'email' | 'bankCard' | 'plate' | 'keep';

/** A partial mask spec. */
export type PartialSpec = MaskSpecOf<PartialKind>;

/** What a partial mask can reveal: at most `maxRevealed` characters (Infinity: unbounded), and it always hides
 * at least `minHidden` (or every character of a shorter value). Used by the ranking. */
export interface PartialProfile {
  maxRevealed: number;
  minHidden: number;
}

// Shortest well-formed length of each fixed pattern: 2-character names, 15-digit legacy ID numbers,
// 11-digit mobiles, 11-digit landlines with area code (010-12345678, 0915-7518479), 7-character plates,
// 16-digit bank cards. The pattern hides the rest, and that many characters are always hidden.
const ID_SHORTEST = 15;
const FIXED = {
  name: { first: 1, last: 0, minHidden: 1 },
  mobile: { first: 3, last: 4, minHidden: 11 - 7 },
  landline: { first: 4, last: 2, minHidden: 11 - 6 },
  plate: { first: 3, last: 1, minHidden: 7 - 4 },
} as const;
const CARD_GROUP = 4;
const CARD_FIRST = 4;
const CARD_MIN_HIDDEN = 16 - CARD_FIRST - CARD_GROUP;
/** The generic keep mask and the e-mail local part hide at least one character of a non-empty value. */
const GENERIC_MIN_HIDDEN = 1;

/** The reveal profile of a partial spec. */
export function partialProfile(spec: PartialSpec): PartialProfile {
  switch (spec.kind) {
    case 'name':
    case 'mobile':
    case 'landline':
    case 'plate': {
      const r = FIXED[spec.kind];
      return { maxRevealed: r.first + r.last, minHidden: r.minHidden };
    }
    case 'idNumber': {
      const shown = idKeep(spec);
      return { maxRevealed: shown, minHidden: ID_SHORTEST - shown };
    }
    case 'address':
      return { maxRevealed: Infinity, minHidden: spec.hideLast ?? MASK_DEFAULTS.address.hideLast };
    case 'email':
      // The domain is shown whatever its length.
      return { maxRevealed: Infinity, minHidden: GENERIC_MIN_HIDDEN };
    case 'bankCard':
      return { maxRevealed: CARD_FIRST + CARD_GROUP, minHidden: CARD_MIN_HIDDEN };
    case 'keep':
      return { maxRevealed: spec.first + spec.last, minHidden: GENERIC_MIN_HIDDEN };
  }
}

function idKeep(spec: MaskSpecOf<'idNumber'>): number {
  return (
    (spec.keepFirst ?? MASK_DEFAULTS.idNumber.keepFirst) + (spec.keepLast ?? MASK_DEFAULTS.idNumber.keepLast)
  );
}

function maskChars(chars: string[], first: number, last: number, minHidden: number): string[] {
  const [head, tail] = keepCounts(chars.length, first, last, minHidden);
  return showEnds(chars, head, tail);
}

function maskFixed(text: string, rule: { first: number; last: number; minHidden: number }): string {
  return maskChars(codePoints(text), rule.first, rule.last, rule.minHidden).join('');
}

/** Mobile numbers written with a country code (+86, 0086, 86) lose it when the rest is an 11-digit mobile. */
function canonicalMobile(s: string): string {
  const c = compactCode(s);
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(c);
  return m?.[1] ?? c;
}

/** Groups of four from the left; the last group is whatever remains (1–4 characters). */
function groupCard(chars: readonly string[]): string {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += CARD_GROUP) groups.push(chars.slice(i, i + CARD_GROUP).join(''));
  return groups.join(' ');
}

function maskBankCard(text: string): string {
  const chars = codePoints(compactCode(text));
  const n = chars.length;
  const lastGroup = n === 0 ? 0 : ((n - 1) % CARD_GROUP) + 1;
  return groupCard(maskChars(chars, CARD_FIRST, lastGroup, CARD_MIN_HIDDEN));
}

function maskEmail(text: string): string {
  // The last '@' separates the domain: a quoted local part may itself contain '@'.
  const at = text.lastIndexOf('@');
  const local = at < 0 ? text : text.slice(0, at);
  const rest = at < 0 ? '' : text.slice(at);
  return maskChars(codePoints(local), 1, 0, GENERIC_MIN_HIDDEN).join('') + rest;
}

/** Applies a partial mask to a non-null value; the result always has the canonical form's length. */
export function maskPartial(spec: PartialSpec, value: string | number): string {
  const raw = typeof value === 'number' ? String(value) : value;
  switch (spec.kind) {
    case 'name':
      return maskFixed(normaliseText(raw), FIXED.name);
    case 'mobile':
      return maskFixed(canonicalMobile(raw), FIXED.mobile);
    case 'landline':
      return maskFixed(compactCode(raw), FIXED.landline);
    case 'plate':
      return maskFixed(upperAscii(compactCode(raw)), FIXED.plate);
    case 'idNumber': {
      const first = spec.keepFirst ?? MASK_DEFAULTS.idNumber.keepFirst;
      const last = spec.keepLast ?? MASK_DEFAULTS.idNumber.keepLast;
      const chars = codePoints(upperAscii(compactCode(raw)));
      return maskChars(chars, first, last, ID_SHORTEST - first - last).join('');
    }
    case 'address': {
      const hide = spec.hideLast ?? MASK_DEFAULTS.address.hideLast;
      return maskChars(codePoints(normaliseText(raw)), Infinity, 0, hide).join('');
    }
    case 'email':
      return maskEmail(normaliseText(raw));
    case 'bankCard':
      return maskBankCard(raw);
    case 'keep':
      return maskChars(codePoints(normaliseText(raw)), spec.first, spec.last, GENERIC_MIN_HIDDEN).join('');
  }
}

const PARTIAL_KINDS: ReadonlySet<string> = new Set<PartialKind>([
  'name',
  'idNumber',
  'mobile',
  'landline',
  'address',
  'email',
  'bankCard',
  'plate',
  'keep',
]);

/** True for the partial kinds. */
export function isPartialSpec(spec: { kind: string }): spec is PartialSpec {
  return PARTIAL_KINDS.has(spec.kind);
}
