// Checks a whole rule set against a resource's items before a job compiles it. Rules are stored as JSON with
// the resource and may predate the current code or name items a later version removed, so the shapes are
// checked again here, not only at the edge.
import type { FieldIssue } from '../../../../kernel/index.js';
import type { Item } from '../../../catalogue/index.js';
import {
  crossFieldItems,
  INFORMATIONAL_KINDS,
  RESERVED_ID_PREFIXES,
  ruleSpecSchema,
  SEVERITIES,
  specProblems,
  type Rule,
} from './rules.js';

/** Everything wrong with a rule set against these items, as field issues (empty when it compiles). */
export function ruleSetProblems(items: readonly Item[], rules: readonly Rule[]): FieldIssue[] {
  const names = new Set(items.map((i) => i.name));
  const ids = new Set<string>();
  const out: FieldIssue[] = [];
  const problem = (i: number, field: string, code: string, message: string): void => {
    out.push({ field: `rules.${i}.${field}`, code, message });
  };
  rules.forEach((rule, i) => {
    if (ids.has(rule.id)) problem(i, 'id', 'DUPLICATE_RULE', `rule id ${rule.id} is used twice`);
    ids.add(rule.id);
    if (rule.origin === 'steward' && RESERVED_ID_PREFIXES.some((p) => rule.id.startsWith(p))) {
      problem(i, 'id', 'RESERVED_RULE_ID', 'steward rules may not use ids of generated rules');
    }
    const shape = ruleSpecSchema.safeParse(rule.spec);
    if (!shape.success) {
      problem(i, 'spec', 'INVALID_RULE', shape.error.issues[0]?.message ?? 'invalid rule');
      return;
    }
    if (!Array.isArray(rule.items) || rule.items.length === 0) {
      problem(i, 'items', 'NO_ITEMS', 'a rule needs at least one item');
      return;
    }
    for (const name of [...rule.items, ...(crossFieldItems(rule.spec) ?? [])]) {
      if (!names.has(name)) problem(i, 'items', 'UNKNOWN_ITEM', `item ${name} is not in the resource`);
    }
    if (!(SEVERITIES as readonly string[]).includes(rule.severity)) {
      problem(i, 'severity', 'INVALID_RULE', 'severity must be reject or warn');
    }
    if (INFORMATIONAL_KINDS.has(rule.spec.kind) && rule.severity === 'reject') {
      problem(i, 'severity', 'INFORMATIONAL_RULE', 'this rule is informational and only warns');
    }
    if (rule.spec.kind === 'reference' && rule.items.length !== 1) {
      problem(i, 'items', 'INVALID_RULE', 'a reference rule checks exactly one item');
    }
    for (const p of specProblems(rule.spec)) problem(i, `spec.${p.field}`, 'INVALID_RULE', p.message);
  });
  return out;
}
