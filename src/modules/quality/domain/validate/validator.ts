// One compiled validator per load job: items and rules are checked and compiled once, then every row is
// normalised, parsed and checked without re-reading the rules. validate() never throws on row data: a broken
// row becomes issues, because one bad cell must not stop a million-row load.
import { validationError } from '../../../../kernel/index.js';
import type { Item } from '../../../catalogue/index.js';
import { compileCheck, type CellCheck, type CellKind } from './checks.js';
import { compilePairCheck, type PairCheck, type PairKind } from './cross-field.js';
import { isRealIsoDate } from './dates.js';
import { issueValueFor, type IssueValueFn } from './issue-value.js';
import { cellText, normaliseValue } from './normalise.js';
import { parseCell, type CellValue } from './parse.js';
import { crossFieldItems, INFORMATIONAL_KINDS } from './rules.js';
import { ruleSetProblems } from './rule-set.js';
import type { Rule, RuleKind, Severity } from './rules.js';
import { UNIQUE_CAP, UniqueIndex, uniqueKey } from './unique.js';

/** One finding about one row, safe to store in quarantine and show to the steward. */
export interface RowIssue {
  rowNo: number;
  /** The item (for a composite unique key, the items joined with '+'). */
  item: string;
  /** The rule's id; `type:<item>` for the implicit type rule. */
  ruleId: string;
  kind: RuleKind | 'type';
  severity: Severity;
  /** English; never contains the value. */
  message: string;
  /** The value: masked for personal or secret items, else the raw text cut to 200 characters. */
  value: string | null;
  /** True for findings that inform but should not lower quality scores (the ID's region vs 户籍地). */
  informational: boolean;
}

/** The outcome of one row. */
export interface RowResult {
  /** Parsed values of every item (null for empty, missing or unparseable cells). */
  values: Record<string, CellValue>;
  issues: RowIssue[];
  /** True iff some issue has severity reject: the row goes to quarantine. */
  rejected: boolean;
  /** True iff some issue has severity warn: the row loads, flagged. */
  flagged: boolean;
}

/** A cross-resource reference the caller checks in batch against the store (the validator has no I/O). */
export interface ReferenceCheck {
  ruleId: string;
  /** The item of this resource holding the reference. */
  item: string;
  /** The referenced resource and its item that must contain the value. */
  resourceCode: string;
  targetItem: string;
  severity: Severity;
}

/** A compiled validator for one job. */
export interface RowValidator {
  /** Normalises, parses and checks one raw row (unknown columns ignored, missing ones null). */
  validate(raw: Readonly<Record<string, string | null | undefined>>, rowNo: number): RowResult;
  /** The reference rules, for the caller to check values of loaded rows against their resources. */
  readonly referenceChecks: readonly ReferenceCheck[];
  /** The issue for a value the caller found missing from a reference rule's target resource. */
  referenceIssue(ruleId: string, rowNo: number, value: CellValue): RowIssue;
  /** Ids of unique rules whose key index reached its cap (their later duplicates are left to the database). */
  uniqueOverflow(): string[];
}

/** Job settings. */
export interface ValidatorOptions {
  /** Today in Asia/Shanghai, YYYY-MM-DD: resolves the bound 'today' and ID birth dates in the future. */
  today: string;
  /** Most keys each unique rule remembers (default UNIQUE_CAP). */
  uniqueCap?: number;
}

interface ItemPlan {
  item: Item;
  issueValue: IssueValueFn;
}

interface CellPlan {
  rule: Rule;
  item: string;
  check: CellCheck;
}

interface PairPlan {
  rule: Rule;
  idItem: string;
  otherItem: string;
  check: PairCheck;
}

interface UniquePlan {
  rule: Rule;
  index: UniqueIndex;
}

/** Compiles items and rules for one job; throws the platform's 400 (with field issues) for a bad rule set. */
export function compileValidator(
  items: readonly Item[],
  rules: readonly Rule[],
  options: ValidatorOptions,
): RowValidator {
  if (!isRealIsoDate(options.today)) throw new RangeError('options.today must be a YYYY-MM-DD date');
  const problems = ruleSetProblems(items, rules);
  if (problems.length > 0) throw validationError(problems, 'The validation rules are invalid.');

  const plans = new Map<string, ItemPlan>(
    items.map((item) => [item.name, { item, issueValue: issueValueFor(item) }]),
  );
  const ctx = { today: options.today };
  const notNull: Rule[] = [];
  const cells: CellPlan[] = [];
  const pairs: PairPlan[] = [];
  const uniques: UniquePlan[] = [];
  const references: ReferenceCheck[] = [];
  for (const rule of rules) {
    const spec = rule.spec;
    const pair = crossFieldItems(spec);
    if (spec.kind === 'notNull') notNull.push(rule);
    else if (spec.kind === 'unique')
      uniques.push({ rule, index: new UniqueIndex(options.uniqueCap ?? UNIQUE_CAP) });
    else if (spec.kind === 'reference') {
      for (const item of rule.items) {
        references.push({
          ruleId: rule.id,
          item,
          resourceCode: spec.resourceCode,
          targetItem: spec.item,
          severity: rule.severity,
        });
      }
    } else if (pair) {
      const check = compilePairCheck(spec as Extract<Rule['spec'], { kind: PairKind }>);
      pairs.push({ rule, idItem: pair[0], otherItem: pair[1], check });
    } else {
      const check = compileCheck(spec as Extract<Rule['spec'], { kind: CellKind }>, rule.severity, ctx);
      for (const item of rule.items) cells.push({ rule, item, check });
    }
  }
  const ruleById = new Map(rules.map((r) => [r.id, r]));

  const issue = (
    rowNo: number,
    item: string,
    rule: Rule | undefined,
    severity: Severity,
    message: string,
    value: string | null,
  ): RowIssue => ({
    rowNo,
    item,
    ruleId: rule?.id ?? `type:${item}`,
    kind: rule?.spec.kind ?? 'type',
    severity,
    message,
    value,
    informational: rule !== undefined && INFORMATIONAL_KINDS.has(rule.spec.kind),
  });

  function validate(raw: Readonly<Record<string, string | null | undefined>>, rowNo: number): RowResult {
    const values: Record<string, CellValue> = {};
    const texts = new Map<string, string | null>();
    const raws = new Map<string, string | null | undefined>();
    const typeFailed = new Set<string>();
    const issues: RowIssue[] = [];
    const masked = (item: string): string | null =>
      plans.get(item)?.issueValue(raws.get(item), texts.get(item) ?? null) ?? null;

    for (const { item } of plans.values()) {
      // Own properties only: a column called "constructor" or "__proto__" must not read the prototype.
      const r = Object.prototype.hasOwnProperty.call(raw, item.name) ? cellText(raw[item.name]) : undefined;
      raws.set(item.name, r);
      const text = normaliseValue(r, item);
      texts.set(item.name, text);
      const parsed = parseCell(text, item);
      if (parsed.ok) values[item.name] = parsed.value;
      else {
        values[item.name] = null;
        typeFailed.add(item.name);
        issues.push(issue(rowNo, item.name, undefined, 'reject', parsed.message, masked(item.name)));
      }
    }
    for (const rule of notNull) {
      for (const item of rule.items) {
        if (!typeFailed.has(item) && values[item] === null) {
          issues.push(issue(rowNo, item, rule, rule.severity, 'Value is required', null));
        }
      }
    }
    for (const { rule, item, check } of cells) {
      const text = texts.get(item) ?? null;
      if (text === null || typeFailed.has(item)) continue;
      let finding;
      try {
        finding = check(text, values[item] ?? null);
      } catch {
        finding = { severity: rule.severity, message: 'Rule could not be evaluated on this value' };
      }
      if (finding) issues.push(issue(rowNo, item, rule, finding.severity, finding.message, masked(item)));
    }
    for (const { rule, idItem, otherItem, check } of pairs) {
      if (typeFailed.has(idItem) || typeFailed.has(otherItem)) continue;
      const message = check(texts.get(idItem) ?? null, texts.get(otherItem) ?? null);
      if (message !== undefined)
        issues.push(issue(rowNo, otherItem, rule, rule.severity, message, masked(otherItem)));
    }

    // Unique keys last: a row that is rejected anyway must not claim its key, or a later good row with the
    // same key would be reported as the duplicate.
    let rejected = issues.some((i) => i.severity === 'reject');
    const claims: [UniqueIndex, string][] = [];
    for (const { rule, index } of uniques) {
      const tuple = rule.items.map((i) => values[i] ?? null);
      if (rejected || tuple.some((v) => v === null)) continue; // nulls never collide (SQL semantics)
      const key = uniqueKey(tuple);
      if (index.has(key)) {
        const value = rule.items.length === 1 ? masked(rule.items[0] ?? '') : null;
        issues.push(
          issue(
            rowNo,
            rule.items.join('+'),
            rule,
            rule.severity,
            `Duplicate value of ${rule.items.join(', ')} within this load`,
            value,
          ),
        );
        rejected ||= rule.severity === 'reject';
      } else claims.push([index, key]);
    }
    if (!rejected) for (const [index, key] of claims) index.add(key);
    return { values, issues, rejected, flagged: issues.some((i) => i.severity === 'warn') };
  }

  function referenceIssue(ruleId: string, rowNo: number, value: CellValue): RowIssue {
    const rule = ruleById.get(ruleId);
    if (rule?.spec.kind !== 'reference') throw new RangeError(`no reference rule ${ruleId}`);
    const item = rule.items[0] ?? '';
    const text = value === null ? null : String(value);
    const shown = plans.get(item)?.issueValue(text, text) ?? null;
    const message = `Value does not exist in item ${rule.spec.item} of resource ${rule.spec.resourceCode}`;
    return issue(rowNo, item, rule, rule.severity, message, shown);
  }

  return {
    validate,
    referenceChecks: Object.freeze(references),
    referenceIssue,
    uniqueOverflow: () => uniques.filter((u) => u.index.saturated).map((u) => u.rule.id),
  };
}
