// PII detection (issue 5 §4): from a sample of a column, suggest its PII kind, grading and mask with a
// confidence figure for the steward to accept or edit. Pure (no I/O); docs/pii-detection.md has the rules.
export { analyseColumn, detectColumn, detectColumns } from './detect.js';
export { SUGGESTED_LEVELS, suggestionFor } from './suggest.js';
export { readHeader, type HeaderHints } from './headers.js';
export { isPlaceholder, sampleValues } from './sample.js';
export { isIdNumber, isUscc } from './codes.js';
export { cardIssuer, isBankCard, luhnValid } from './bank-card.js';
export { isLandline, isMobile, mobileDigits } from './phones.js';
export { isEmail, isPlate } from './patterns.js';
export { COMPOUND_SURNAMES, isPersonName } from './names.js';
export { isAddress } from './address.js';
export { birthProfile, parseDate, type BirthProfile, type ParsedDate } from './dates.js';
export type {
  CellValue,
  ColumnDetection,
  ColumnSample,
  DetectOptions,
  NationalLevel,
  PiiSuggestion,
  ProvincialLevel,
} from './types.js';
