// The masking library's public surface (pure, no I/O). The catalogue's policy table and the exchange gateway
// import it from here; docs/masking.md describes every mask, the ranking and the key derivations.
export {
  isoDateSchema,
  isRealDate,
  MASK_DEFAULTS,
  MASK_KINDS,
  MAX_MASK_COUNT,
  maskSpecSchema,
  parseMaskSpec,
  PII_KINDS,
  piiKindSchema,
  resolveMaskSpec,
  type MaskKind,
  type MaskSpec,
  type MaskSpecOf,
  type PiiKind,
} from './spec.js';
export { MASK_CHAR } from './text.js';
export {
  isPartialSpec,
  partialProfile,
  type PartialKind,
  type PartialProfile,
  type PartialSpec,
} from './partial.js';
export { MAX_AGE, parseDateParts, regionCodeOf, type DateParts } from './generalise.js';
export {
  base32Crockford,
  deriveHashKey,
  derivePseudonymKey,
  HASH_INPUT_LABEL,
  HASH_KEY_LABEL,
  MaskError,
  MIN_KEY_BYTES,
  PSEUDONYM_BYTES,
  PSEUDONYM_INPUT_LABEL,
  PSEUDONYM_KEY_LABEL,
  PSEUDONYM_PREFIX,
  type HmacFn,
} from './keyed.js';
export {
  applyMask,
  compileMask,
  type MaskContext,
  type Masker,
  type MaskInput,
  type MaskOutput,
} from './apply.js';
export {
  atLeast,
  compareMasks,
  defaultMaskFor,
  GENERALISATION_COARSENESS,
  MASK_TIERS,
  maskStrength,
  strongerMask,
  type MaskStrength,
  type MaskTier,
} from './ranking.js';
