// The validation layer of data ingestion (pure, no I/O): normalise → parse (type rule) → rules → issues.
// docs/validation.md describes the rules, severities, generated rules and quarantine masking.
export {
  CROSS_FIELD_KINDS,
  crossFieldItems,
  defaultSeverity,
  INFORMATIONAL_KINDS,
  RESERVED_ID_PREFIXES,
  ruleSchema,
  ruleSpecSchema,
  SEVERITIES,
  specProblems,
  type Rule,
  type RuleKind,
  type RuleOrigin,
  type RuleSpec,
  type RuleSpecOf,
  type Severity,
} from './rules.js';
export {
  compileSafeRegex,
  REGEX_MAX_INPUT,
  REGEX_MAX_COST,
  REGEX_MAX_PATTERN,
  REGEX_MAX_UNBOUNDED,
  regexProblem,
} from './regex-guard.js';
export { EARLIEST_BIRTH_DATE, generateRules, isGenderItem, isHouseholdRegionItem } from './generate.js';
export { foldAlnum, normaliseValue, type NormaliseItem } from './normalise.js';
export { isRealIsoDate, shanghaiDateOf, toIsoDate, toIsoDateTime } from './dates.js';
export { parseCell, parseNumber, type CellValue, type ParseItem, type ParseResult } from './parse.js';
export { isEmail, isLandline, isMobile } from './formats.js';
export { DEFAULT_FEMALE, DEFAULT_MALE } from './cross-field.js';
export { ISSUE_VALUE_MAX, quarantineMask } from './issue-value.js';
export { UNIQUE_CAP } from './unique.js';
export { ruleSetProblems } from './rule-set.js';
export {
  compileValidator,
  type ReferenceCheck,
  type RowIssue,
  type RowResult,
  type RowValidator,
  type ValidatorOptions,
} from './validator.js';
