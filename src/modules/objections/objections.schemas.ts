import { z } from 'zod';
import { text } from '../../kernel/index.js';
import { OBJECTION_STATUSES, OBJECTION_TYPES } from './objections.tables.js';

// The objection loop's HTTP edge (docs/objections.md "HTTP API").

const itemCode = z.string().regex(/^I\d{3,4}$/, 'must be an item code such as I001');
const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);
/** Item values by code that identify one record (e.g. `{ "I001": "330106…" }`). */
const subject = z
  .record(itemCode, scalar)
  .refine((s) => Object.keys(s).length > 0 && Object.keys(s).length <= 20, 'give 1–20 item values');
const documentRef = z.strictObject({
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be a sha256:<hex> document digest'),
  name: text(200),
});

/** A consumer (through its grant) or the bureau raises an objection. */
export const objectionRaiseSchema = z.strictObject({
  type: z.enum(OBJECTION_TYPES),
  resourceId: z.uuid('must be a resource id'),
  grantId: z.uuid('must be a grant id').optional(),
  records: z.array(subject).max(1000).optional(),
  items: z.array(itemCode).max(100).optional(),
  description: text(4000),
  documents: z.array(documentRef).max(20).optional(),
});
export type ObjectionRaise = z.infer<typeof objectionRaiseSchema>;

/** The provider accepts (the records become disputed). */
export const objectionAcceptSchema = z.strictObject({ comment: text(2000).optional() });

/** The provider rejects without accepting, or dismisses after verification: always with a reason. */
export const objectionReasonSchema = z.strictObject({ reason: text(2000) });

/** The provider resolves an accepted objection: corrected records (new versions) or dismissed with a reason. */
export const objectionResolveSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('corrected'),
    corrections: z
      .array(
        z.strictObject({
          record: z.string().min(1).max(100),
          values: z
            .record(itemCode, z.union([scalar, z.null()]))
            .refine((v) => Object.keys(v).length > 0, 'give at least one corrected item'),
        }),
      )
      .max(1000)
      .default([]),
    comment: text(2000).optional(),
  }),
  z.strictObject({ outcome: z.literal('dismissed'), reason: text(2000) }),
]);
export type ObjectionResolve = z.infer<typeof objectionResolveSchema>;

/** The raiser rates the handling. */
export const objectionRateSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  solved: z.boolean(),
  comment: text(2000).optional(),
});

/** `GET /objections`: `raised` = raised by my organisation, `provider` = on its resources. */
export const objectionListQuery = z.object({
  box: z.enum(['raised', 'provider', 'all']).default('all'),
  status: z.enum(OBJECTION_STATUSES).optional(),
  resourceId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** `:id` of an objection. */
export const objectionParams = z.object({ id: z.uuid('must be an objection id') });
