// Suggested grading and masking per PII kind (issue 5 §4), all of which the steward may change:
// - idNumber, bankCard → 一般4 / L4: on their own they identify a person and open fraud (GB/T 43697 "特别严重" for
//   an individual);
// - name, mobile, landline, email, address, plate, birthDate → 一般3 / L3: personal and sensitive, but need
//   other data to do serious harm ("严重");
// - uscc → 一般1 / L1: a company's 统一社会信用代码 is public registration data;
// - other → 一般3 / L3 until a steward says what it is.
// The mask is the masking library's default for the kind (STANDARDS.md §4), so a suggestion never proposes a
// mask weaker than the policy minimum it would later be checked against.
import { defaultMaskFor, type PiiKind } from '../masking/index.js';
import type { NationalLevel, PiiSuggestion, ProvincialLevel } from './types.js';

/** The suggested national and provincial level of each PII kind. */
export const SUGGESTED_LEVELS: Readonly<
  Record<PiiKind, { nationalLevel: NationalLevel; provincialLevel: ProvincialLevel }>
> = Object.freeze({
  idNumber: { nationalLevel: 'general4', provincialLevel: 'L4' },
  bankCard: { nationalLevel: 'general4', provincialLevel: 'L4' },
  name: { nationalLevel: 'general3', provincialLevel: 'L3' },
  mobile: { nationalLevel: 'general3', provincialLevel: 'L3' },
  landline: { nationalLevel: 'general3', provincialLevel: 'L3' },
  email: { nationalLevel: 'general3', provincialLevel: 'L3' },
  address: { nationalLevel: 'general3', provincialLevel: 'L3' },
  plate: { nationalLevel: 'general3', provincialLevel: 'L3' },
  birthDate: { nationalLevel: 'general3', provincialLevel: 'L3' },
  uscc: { nationalLevel: 'general1', provincialLevel: 'L1' },
  other: { nationalLevel: 'general3', provincialLevel: 'L3' },
});

/** Rounds to two decimals within 0..1. */
export function roundConfidence(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

/** A complete suggestion for a kind: levels and mask from the tables, confidence rounded to two decimals. */
export function suggestionFor(
  kind: PiiKind,
  confidence: number,
  matched: number,
  sampled: number,
  reason: string,
): PiiSuggestion {
  return {
    kind,
    confidence: roundConfidence(confidence),
    matched,
    sampled,
    ...SUGGESTED_LEVELS[kind],
    mask: defaultMaskFor(kind),
    reason,
  };
}
