// Mask specifications: plain JSON, so a policy row or a grant can store one and the exchange can apply it
// later. Specs from users go through maskSpecSchema; the TypeScript types are inferred from it.
import { z } from 'zod';
import { parseInput } from '../../../../kernel/index.js';

/** Largest keep/hide count a spec may name; longer reveals are not masking any more. */
export const MAX_MASK_COUNT = 64;

const count = z.number().int().min(0).max(MAX_MASK_COUNT);

/** A YYYY-MM-DD date that exists in the proleptic Gregorian calendar. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
  .refine((s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), {
    message: 'must be a real calendar date',
  });

/** Every mask kind with its parameters (see docs/masking.md for the rules and examples). */
export const maskSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('clear') }),
  z.strictObject({ kind: z.literal('name') }),
  z.strictObject({
    kind: z.literal('idNumber'),
    keepFirst: z.literal([1, 6]).optional(),
    keepLast: z.literal([2, 4]).optional(),
  }),
  z.strictObject({ kind: z.literal('mobile') }),
  z.strictObject({ kind: z.literal('landline') }),
  z.strictObject({ kind: z.literal('address'), hideLast: count.min(1).optional() }),
  z.strictObject({ kind: z.literal('email') }),
  z.strictObject({ kind: z.literal('bankCard') }),
  z.strictObject({ kind: z.literal('plate') }),
  z.strictObject({ kind: z.literal('keep'), first: count, last: count }),
  z.strictObject({ kind: z.literal('dateToYear') }),
  z.strictObject({
    kind: z.literal('region'),
    to: z.enum(['city', 'province']),
    as: z.enum(['code', 'name']).optional(),
  }),
  z.strictObject({
    kind: z.literal('ageBand'),
    width: z.literal([5, 10, 20]),
    asOf: isoDateSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('pseudonym') }),
  z.strictObject({ kind: z.literal('hash') }),
  z.strictObject({ kind: z.literal('null') }),
]);

/** A mask specification (JSON-serialisable). */
export type MaskSpec = z.infer<typeof maskSpecSchema>;
/** The discriminant of a mask specification. */
export type MaskKind = MaskSpec['kind'];
/** The spec of one kind, e.g. `MaskSpecOf<'keep'>`. */
export type MaskSpecOf<K extends MaskKind> = Extract<MaskSpec, { kind: K }>;

/** Every mask kind, weakest family first (the order of docs/masking.md). */
export const MASK_KINDS: readonly MaskKind[] = maskSpecSchema.options.map((o) => o.shape.kind.value);

/** Defaults of the optional parameters; `resolveMaskSpec` fills them in. */
export const MASK_DEFAULTS = Object.freeze({
  idNumber: Object.freeze({ keepFirst: 1, keepLast: 2 }),
  address: Object.freeze({ hideLast: 8 }),
  region: Object.freeze({ as: 'code' }),
});

/** The spec with every optional parameter made explicit (ageBand's asOf stays optional: it may come from ctx). */
export function resolveMaskSpec(spec: MaskSpec): MaskSpec {
  switch (spec.kind) {
    case 'idNumber':
      return {
        kind: 'idNumber',
        keepFirst: spec.keepFirst ?? MASK_DEFAULTS.idNumber.keepFirst,
        keepLast: spec.keepLast ?? MASK_DEFAULTS.idNumber.keepLast,
      };
    case 'address':
      return { kind: 'address', hideLast: spec.hideLast ?? MASK_DEFAULTS.address.hideLast };
    case 'region':
      return { kind: 'region', to: spec.to, as: spec.as ?? 'code' };
    default:
      return { ...spec };
  }
}

/** Parses an untrusted mask spec or throws the platform's 400 with field-level details. */
export function parseMaskSpec(input: unknown, field = 'mask'): MaskSpec {
  return parseInput(maskSpecSchema, input, field);
}

/** Personal-information kinds the catalogue assigns to items (issue 5 §4); each has a default mask. */
export const PII_KINDS = [
  'name',
  'idNumber',
  'mobile',
  'landline',
  'address',
  'email',
  'bankCard',
  'plate',
  'birthDate',
  'uscc',
  'other',
] as const;
/** A personal-information kind. */
export type PiiKind = (typeof PII_KINDS)[number];
/** Schema of a PII kind. */
export const piiKindSchema = z.enum(PII_KINDS);

/** True if year/month/day is a real proleptic-Gregorian date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
