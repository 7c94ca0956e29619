// Single-item checks: each rule spec compiles once per job into a function of one normalised cell. Code
// checks delegate to the kernel's national validators, which also normalise, so a rule a steward puts on a
// plain text item sees the same forms as one on a typed item.
import {
  checkIdNumber,
  checkOrgCode,
  checkRegionCode,
  checkUscc,
  type CheckResult,
} from '../../../../kernel/index.js';
import { isRealIsoDate, shanghaiDateOf, toIsoDate, toIsoDateTime } from './dates.js';
import { isEmail, isLandline, isMobile } from './formats.js';
import { parseNumber, type CellValue } from './parse.js';
import { compileSafeRegex, REGEX_MAX_INPUT } from './regex-guard.js';
import type { RuleSpec, RuleSpecOf, Severity } from './rules.js';

/** One failed check; messages are English and never quote the value (issues may be shown to many people). */
export interface Finding {
  severity: Severity;
  message: string;
}

/** A compiled single-item check of a non-null cell: its normalised text and parsed value. */
export type CellCheck = (text: string, value: CellValue) => Finding | undefined;

/** What checks need from the job. */
export interface CheckContext {
  /** Today in Asia/Shanghai (YYYY-MM-DD): the bound 'today' and the ID number's "not born in the future". */
  today: string;
}

/** Kinds checked per cell by compileCheck; the others are row-level (notNull, unique, cross-field, reference). */
export type CellKind = Exclude<
  RuleSpec['kind'],
  'notNull' | 'unique' | 'idBirthDate' | 'idGender' | 'idRegion' | 'reference'
>;

// 台湾省, 香港 and 澳门 are GB/T 2260 codes but not rows of the NBS statistical table the kernel ships.
const NON_NBS_REGIONS: ReadonlySet<string> = new Set(['710000', '810000', '820000']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Kernel errors at the rule's severity; warnings alone (an unknown but well-formed region) only warn. */
function fromKernel<T>(
  r: CheckResult<T>,
  severity: Severity,
  downgrade: ReadonlySet<string> = new Set(),
): Finding | undefined {
  const errors = r.issues.filter((i) => i.severity === 'error' && !downgrade.has(i.code));
  if (errors.length > 0) return { severity, message: errors.map((i) => i.message).join('; ') };
  const warnings = r.issues.filter((i) => i.severity === 'warning' || downgrade.has(i.code));
  if (warnings.length > 0) return { severity: 'warn', message: warnings.map((i) => i.message).join('; ') };
  return undefined;
}

function unless(ok: boolean, severity: Severity, message: string): Finding | undefined {
  return ok ? undefined : { severity, message };
}

/** The Asia/Shanghai date of a date or date-time cell, or undefined. */
export function dateOf(text: string): string | undefined {
  if (ISO_INSTANT.test(text)) return shanghaiDateOf(text);
  const d = toIsoDate(text);
  return d !== undefined && isRealIsoDate(d) ? d : undefined;
}

function compileDate(spec: RuleSpecOf<'date'>, severity: Severity, today: string): CellCheck {
  const min = spec.min === 'today' ? today : spec.min;
  const max = spec.max === 'today' ? today : spec.max;
  return (text) => {
    const d = dateOf(text);
    if (d === undefined) return { severity, message: 'Value is not a real date (YYYY-MM-DD)' };
    if (min !== undefined && d < min) return { severity, message: `Date is before ${min}` };
    if (max !== undefined && d > max) return { severity, message: `Date is after ${max}` };
    return undefined;
  };
}

function compileDateTime(spec: RuleSpecOf<'datetime'>, severity: Severity): CellCheck {
  const min = spec.min === undefined ? undefined : toIsoDateTime(spec.min);
  const max = spec.max === undefined ? undefined : toIsoDateTime(spec.max);
  return (text) => {
    const t = toIsoDateTime(text);
    if (t === undefined) return { severity, message: 'Value is not a real date-time' };
    // ISO 8601 UTC strings of one width sort as the instants they name.
    if (min !== undefined && t < min) return { severity, message: `Date-time is before ${min}` };
    if (max !== undefined && t > max) return { severity, message: `Date-time is after ${max}` };
    return undefined;
  };
}

function compileRange(spec: RuleSpecOf<'range'>, severity: Severity): CellCheck {
  return (text, value) => {
    let n: number;
    if (typeof value === 'number') n = value;
    else {
      const parsed = parseNumber(
        text.replace(/^([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?)$/, (m) => m.replace(/,/g, '')),
        {
          length: null,
          scale: null,
        },
      );
      if (!parsed.ok || parsed.value === null) return { severity, message: 'Value is not a number' };
      // Canonical decimal strings beyond double precision are compared as doubles: exact enough for bounds.
      n = Number(parsed.value);
    }
    if (spec.min !== undefined && n < spec.min)
      return { severity, message: `Value is below the minimum ${spec.min}` };
    if (spec.max !== undefined && n > spec.max)
      return { severity, message: `Value is above the maximum ${spec.max}` };
    return undefined;
  };
}

function codePointLength(text: string, max: number): number {
  // A string of at most max UTF-16 units has at most max code points; only longer ones need counting.
  return text.length <= max ? text.length : Array.from(text).length;
}

/** Compiles a single-item spec; throws RangeError for a regex that fails the safety screen. */
export function compileCheck(spec: RuleSpecOf<CellKind>, severity: Severity, ctx: CheckContext): CellCheck {
  switch (spec.kind) {
    case 'maxLength':
      return (text) =>
        unless(
          codePointLength(text, spec.max) <= spec.max,
          severity,
          `Value is longer than ${spec.max} characters`,
        );
    case 'idNumber': {
      const today = new Date(`${ctx.today}T12:00:00+08:00`);
      return (text) => fromKernel(checkIdNumber(text, { today }), severity);
    }
    case 'uscc':
      // The kernel does not check the embedded organisation code: newer USCCs carry codes that fail GB 11714.
      return (text) => fromKernel(checkUscc(text), severity);
    case 'orgCode':
      return (text) => fromKernel(checkOrgCode(text), severity);
    case 'region': {
      // Retired codes are never reused and the table is a snapshot, so a well-formed unknown code only warns.
      const downgrade = new Set(['REGION_UNKNOWN']);
      return (text) =>
        NON_NBS_REGIONS.has(text) ? undefined : fromKernel(checkRegionCode(text), severity, downgrade);
    }
    case 'mobile':
      return (text) => unless(isMobile(text), severity, 'Value is not a mainland mobile number');
    case 'landline':
      return (text) => unless(isLandline(text), severity, 'Value is not a landline number with area code');
    case 'phone':
      return (text) =>
        unless(isMobile(text) || isLandline(text), severity, 'Value is not a mobile or landline number');
    case 'email':
      return (text) => unless(isEmail(text), severity, 'Value is not an e-mail address');
    case 'date':
      return compileDate(spec, severity, ctx.today);
    case 'datetime':
      return compileDateTime(spec, severity);
    case 'codeList': {
      const allowed = new Set(spec.values);
      return (text) => unless(allowed.has(text), severity, 'Value is not in the code list');
    }
    case 'regex': {
      const re = compileSafeRegex(spec.pattern, spec.flags ?? '');
      return (text) => {
        if (text.length > REGEX_MAX_INPUT) {
          return {
            severity,
            message: `Value is longer than ${REGEX_MAX_INPUT} characters, too long to test the pattern`,
          };
        }
        return unless(re.test(text), severity, 'Value does not match the pattern');
      };
    }
    case 'range':
      return compileRange(spec, severity);
  }
}
