// Validation rules as plain JSON, so generated rules and a steward's own rules can be stored with a resource
// and compiled per load job. Steward rules arrive through ruleSchema; the types are inferred from the schemas.
import { z } from 'zod';
import { isRealIsoDate, toIsoDateTime } from './dates.js';
import { regexProblem } from './regex-guard.js';

/** What a failed rule does to its row: `reject` quarantines it, `warn` loads it flagged (lowering scores). */
export const SEVERITIES = ['reject', 'warn'] as const;
/** A rule's severity. */
export type Severity = (typeof SEVERITIES)[number];

/** Where a rule came from: derived from the catalogue's items, or written by the provider's steward. */
export type RuleOrigin = 'generated' | 'steward';

/** Id prefixes reserved for rules the platform derives (generateRules, and the implicit type checks). */
export const RESERVED_ID_PREFIXES = ['gen:', 'type:'] as const;

const itemName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be an item name');

/** A real YYYY-MM-DD date. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
  .refine((s) => isRealIsoDate(s), { message: 'must be a real calendar date' });

/** 'today' is resolved when the validator is compiled, so stored rules stay deterministic. */
const dateBound = z.union([isoDate, z.literal('today')]);

/** An instant: ISO 8601 with a zone, or without one (then Asia/Shanghai, +08:00). */
const dateTimeBound = z
  .string()
  .max(40)
  .refine((s) => toIsoDateTime(s) !== undefined, { message: 'must be an ISO 8601 date-time' });

const codeValue = z.string().min(1).max(200);

/** Every rule kind with its parameters; see docs/validation.md. */
export const ruleSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('notNull') }),
  z.strictObject({ kind: z.literal('maxLength'), max: z.number().int().min(1).max(1_000_000) }),
  z.strictObject({ kind: z.literal('idNumber') }),
  z.strictObject({ kind: z.literal('uscc') }),
  z.strictObject({ kind: z.literal('orgCode') }),
  z.strictObject({ kind: z.literal('region') }),
  z.strictObject({ kind: z.literal('mobile') }),
  z.strictObject({ kind: z.literal('landline') }),
  z.strictObject({ kind: z.literal('phone') }),
  z.strictObject({ kind: z.literal('email') }),
  z.strictObject({ kind: z.literal('date'), min: dateBound.optional(), max: dateBound.optional() }),
  z.strictObject({
    kind: z.literal('datetime'),
    min: dateTimeBound.optional(),
    max: dateTimeBound.optional(),
  }),
  z.strictObject({ kind: z.literal('codeList'), values: z.array(codeValue).min(1).max(10_000) }),
  z.strictObject({
    kind: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z.string().max(3).optional(),
  }),
  z.strictObject({
    kind: z.literal('range'),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
  }),
  z.strictObject({ kind: z.literal('unique') }),
  z.strictObject({ kind: z.literal('idBirthDate'), idItem: itemName, birthItem: itemName }),
  z.strictObject({
    kind: z.literal('idGender'),
    idItem: itemName,
    genderItem: itemName,
    male: z.array(codeValue).min(1).max(20),
    female: z.array(codeValue).min(1).max(20),
  }),
  z.strictObject({ kind: z.literal('idRegion'), idItem: itemName, regionItem: itemName }),
  z.strictObject({
    kind: z.literal('reference'),
    resourceCode: z.string().min(1).max(64),
    item: itemName,
  }),
]);

/** A rule specification (JSON-serialisable). */
export type RuleSpec = z.infer<typeof ruleSpecSchema>;
/** The discriminant of a rule specification. */
export type RuleKind = RuleSpec['kind'];
/** The spec of one kind, e.g. `RuleSpecOf<'regex'>`. */
export type RuleSpecOf<K extends RuleKind> = Extract<RuleSpec, { kind: K }>;

/** A compiled-ready rule: which items it checks, what it checks, and what a failure does. */
export interface Rule {
  id: string;
  /** The checked items; for unique, the key tuple; for cross-field rules, [idItem, other item]. */
  items: string[];
  spec: RuleSpec;
  severity: Severity;
  origin: RuleOrigin;
}

/** Cross-field kinds compare two items of one row; they warn by default because either item may be wrong. */
export const CROSS_FIELD_KINDS: ReadonlySet<RuleKind> = new Set(['idBirthDate', 'idGender', 'idRegion']);
/** Kinds whose findings are informational: never a rejection (people move, so the ID's region is history). */
export const INFORMATIONAL_KINDS: ReadonlySet<RuleKind> = new Set(['idRegion']);

/** The default severity of a kind: cross-field rules warn, everything else rejects. */
export function defaultSeverity(kind: RuleKind): Severity {
  return CROSS_FIELD_KINDS.has(kind) ? 'warn' : 'reject';
}

/** The items a cross-field spec names, in [idItem, other] order; undefined for single-item kinds. */
export function crossFieldItems(spec: RuleSpec): [string, string] | undefined {
  switch (spec.kind) {
    case 'idBirthDate':
      return [spec.idItem, spec.birthItem];
    case 'idGender':
      return [spec.idItem, spec.genderItem];
    case 'idRegion':
      return [spec.idItem, spec.regionItem];
    default:
      return undefined;
  }
}

/** Problems in a spec that the per-kind shapes cannot express (bounds order, regex safety), by field. */
export function specProblems(spec: RuleSpec): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (spec.kind === 'regex') {
    const problem = regexProblem(spec.pattern, spec.flags ?? '');
    if (problem !== undefined) out.push({ field: 'pattern', message: problem });
    else {
      try {
        new RegExp(spec.pattern, spec.flags ?? '');
      } catch {
        out.push({ field: 'pattern', message: 'must be a valid regular expression' });
      }
    }
  }
  if (spec.kind === 'range' || spec.kind === 'date' || spec.kind === 'datetime') {
    // 'today' and Asia/Shanghai date-times are resolved first so the comparison is between like values.
    const bound = (b: string | number | undefined): string | number | undefined =>
      typeof b !== 'string' || b === 'today' ? b : spec.kind === 'datetime' ? toIsoDateTime(b) : b;
    const [min, max] = [bound(spec.min), bound(spec.max)];
    if (min !== undefined && max !== undefined && min !== 'today' && max !== 'today' && min > max) {
      out.push({ field: 'min', message: 'min must not be greater than max' });
    }
  }
  if (spec.kind === 'range' && spec.min === undefined && spec.max === undefined) {
    out.push({ field: 'min', message: 'a range needs min, max or both' });
  }
  if (spec.kind === 'idGender' && spec.male.some((m) => spec.female.includes(m))) {
    out.push({ field: 'female', message: 'a value cannot mean both male and female' });
  }
  return out;
}

const stewardRuleInput = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/, 'must be 1-80 letters, digits, _ . : or -')
    .refine((id) => !RESERVED_ID_PREFIXES.some((p) => id.startsWith(p)), {
      message: `ids starting with ${RESERVED_ID_PREFIXES.join(' or ')} are reserved for generated rules`,
    }),
  items: z.array(itemName).min(1).max(50).optional(),
  spec: ruleSpecSchema,
  severity: z.enum(SEVERITIES).optional(),
  origin: z.literal('steward').optional(),
});

/** A steward-supplied rule: severity defaults by kind; cross-field rules may leave `items` out. */
export const ruleSchema = stewardRuleInput
  .superRefine((r, ctx) => {
    for (const p of specProblems(r.spec))
      ctx.addIssue({ code: 'custom', path: ['spec', p.field], message: p.message });
    const pair = crossFieldItems(r.spec);
    if (pair && r.items && (r.items.length !== 2 || r.items[0] !== pair[0] || r.items[1] !== pair[1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: `must be [${pair.join(', ')}] for this kind`,
      });
    }
    if (!pair && !r.items) ctx.addIssue({ code: 'custom', path: ['items'], message: 'items are required' });
    if (r.spec.kind === 'reference' && r.items && r.items.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'a reference rule checks exactly one item' });
    }
    if (INFORMATIONAL_KINDS.has(r.spec.kind) && r.severity === 'reject') {
      ctx.addIssue({
        code: 'custom',
        path: ['severity'],
        message: 'this rule is informational and only warns',
      });
    }
  })
  .transform((r): Rule => ({
    id: r.id,
    items: crossFieldItems(r.spec) ?? r.items ?? [],
    spec: r.spec,
    severity: r.severity ?? defaultSeverity(r.spec.kind),
    origin: 'steward',
  }));
