// The mask ranking the policy table and approvers use (issue 5 §3): clear < partial at the policy's pattern <
// a partial that hides more < generalisation < consistent pseudonym < keyed hash < null. An approver may
// strengthen a policy's minimum mask but never go below it, which atLeast decides.
import { isPartialSpec, partialProfile } from './partial.js';
import type { MaskSpec, PiiKind } from './spec.js';

/** The tiers of the ranking, weakest first. */
export const MASK_TIERS = ['clear', 'partial', 'generalisation', 'pseudonym', 'hash', 'null'] as const;
/** A tier of the ranking. */
export type MaskTier = (typeof MASK_TIERS)[number];

/** Where a spec sits in the ranking; compareMasks orders by tier, then by the tier's own measure. */
export interface MaskStrength {
  tier: MaskTier;
  /** Index of the tier in MASK_TIERS (0 = clear … 5 = null). */
  rank: number;
  /** Partial masks: the most input characters the mask ever shows (Infinity when unbounded). */
  maxRevealed?: number;
  /** Partial masks: the characters it always hides (all of them in a shorter value). */
  minHidden?: number;
  /** Generalisations: how coarse, 1 (finest) to 4 (coarsest); see GENERALISATION_COARSENESS. */
  coarseness?: number;
}

/**
 * Coarseness of each generalisation. Within one dimension it follows the bucket size (a birth year is a
 * one-year bucket, so finer than any age band; a province is coarser than a prefecture). Across dimensions
 * the values only make the order total; comparing a region mask with an age band has no real meaning.
 */
export const GENERALISATION_COARSENESS = Object.freeze({
  dateToYear: 1,
  ageBand5: 2,
  regionCity: 2,
  ageBand10: 3,
  ageBand20: 4,
  regionProvince: 4,
});

function coarseness(spec: MaskSpec): number {
  const c = GENERALISATION_COARSENESS;
  if (spec.kind === 'dateToYear') return c.dateToYear;
  if (spec.kind === 'region') return spec.to === 'city' ? c.regionCity : c.regionProvince;
  if (spec.kind === 'ageBand')
    return spec.width === 5 ? c.ageBand5 : spec.width === 10 ? c.ageBand10 : c.ageBand20;
  return 0;
}

function tierOf(spec: MaskSpec): MaskTier {
  if (isPartialSpec(spec)) return 'partial';
  switch (spec.kind) {
    case 'dateToYear':
    case 'region':
    case 'ageBand':
      return 'generalisation';
    default:
      return spec.kind;
  }
}

/** The strength of a spec. */
export function maskStrength(spec: MaskSpec): MaskStrength {
  const tier = tierOf(spec);
  const rank = MASK_TIERS.indexOf(tier);
  if (isPartialSpec(spec)) return { tier, rank, ...partialProfile(spec) };
  if (tier === 'generalisation') return { tier, rank, coarseness: coarseness(spec) };
  return { tier, rank };
}

// Larger is stronger, compared left to right. Partial masks: fewer characters ever shown wins; on a tie, more
// characters always hidden wins (so the mobile pattern beats "keep 3 + 4", which shows a 5-digit value's 4).
function sortKey(s: MaskStrength): [number, number, number] {
  if (s.tier === 'partial') return [s.rank, -(s.maxRevealed ?? 0), s.minHidden ?? 0];
  return [s.rank, s.coarseness ?? 0, 0];
}

/** Orders specs by strength: negative if a is weaker than b, 0 if equally strong, positive if stronger. */
export function compareMasks(a: MaskSpec, b: MaskSpec): -1 | 0 | 1 {
  const ka = sortKey(maskStrength(a));
  const kb = sortKey(maskStrength(b));
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] ?? 0;
    const y = kb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** True if `spec` is at least as strong as `minimum` (an approver may strengthen, never weaken). */
export function atLeast(spec: MaskSpec, minimum: MaskSpec): boolean {
  return compareMasks(spec, minimum) >= 0;
}

/** The stronger of two specs (the first on a tie): combining two minimums, the highest wins (就高从严). */
export function strongerMask(a: MaskSpec, b: MaskSpec): MaskSpec {
  return compareMasks(b, a) > 0 ? b : a;
}

/** The default (and, in the default policy, minimum) mask of each PII kind. */
export function defaultMaskFor(kind: PiiKind): MaskSpec {
  switch (kind) {
    case 'name':
      return { kind: 'name' };
    case 'idNumber':
      return { kind: 'idNumber', keepFirst: 1, keepLast: 2 };
    case 'mobile':
      return { kind: 'mobile' };
    case 'landline':
      return { kind: 'landline' };
    case 'address':
      return { kind: 'address', hideLast: 8 };
    case 'email':
      return { kind: 'email' };
    case 'bankCard':
      return { kind: 'bankCard' };
    case 'plate':
      return { kind: 'plate' };
    case 'birthDate':
      return { kind: 'dateToYear' };
    case 'uscc':
      // A company's 统一社会信用代码 is public registration data, not personal; items may still choose a mask.
      return { kind: 'clear' };
    case 'other':
      // Unknown structure: hide every character (the length stays visible) until a steward picks a better fit.
      return { kind: 'keep', first: 0, last: 0 };
  }
}
