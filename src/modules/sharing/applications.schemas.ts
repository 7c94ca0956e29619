import { z } from 'zod';
import { fileName, text } from '../../kernel/index.js';
import { METHODS } from '../catalogue/index.js';

// The HTTP edge of applications and reviews (docs/sharing.md "HTTP API"). Shape only: what the catalogue,
// the policy table and the directory say is checked by the service at submission.

const unique = <T>(a: T[]) => new Set(a).size === a.length;
const itemCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'must be an item code such as I001');

/**
 * One part of an application: a resource, its items (codes) and methods. A file resource without items is
 * applied for with no items (the whole file is delivered); every other part needs one (checked at submission).
 */
export const partSchema = z.strictObject({
  resourceId: z.uuid('must be a resource id'),
  items: z.array(itemCode).max(500).refine(unique, 'must not repeat an item'),
  methods: z.array(z.enum(METHODS)).min(1).refine(unique, 'must not repeat a method'),
});

/** An application as the consumer writes it (create and update). */
export const applicationSchema = z.strictObject({
  title: text(200),
  purpose: text(500),
  basis: text(1000),
  scenario: text(1000),
  durationDays: z.number().int().min(1).max(36_500),
  expectedVolume: z
    .strictObject({
      callsPerDay: z.number().int().min(0).optional(),
      rowsPerDay: z.number().int().min(0).optional(),
    })
    .nullable()
    .optional(),
  clientIds: z
    .array(z.uuid('must be a client id'))
    .max(50)
    .refine(unique, 'must not repeat a client')
    .default([]),
  documents: z
    .array(
      z.strictObject({
        digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex>'),
        name: text(200),
      }),
    )
    .max(20)
    .default([]),
  parts: z.array(partSchema).min(1).max(20),
  submit: z.boolean().optional(),
});
export type ApplicationInput = z.output<typeof applicationSchema>;

/** The bureau's pre-review decision. */
export const prereviewSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('pass'), comment: text(2000).optional() }),
  z.strictObject({ decision: z.literal('return'), comment: text(2000) }),
  z.strictObject({
    decision: z.literal('refuse'),
    reason: text(2000),
    basis: text(1000),
    comment: text(2000).optional(),
  }),
]);

/** A provider approver's decision on a part (the scope is checked by grants). */
export const decisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), scope: z.record(z.string(), z.unknown()) }),
  z.strictObject({ decision: z.literal('refuse'), reason: text(2000), basis: text(1000) }),
  z.strictObject({ decision: z.literal('return'), comment: text(2000) }),
]);

/** The bureau's final mediation of a disputed part. */
export const mediationSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('uphold'), comment: text(2000) }),
  z.strictObject({
    decision: z.literal('grant'),
    scope: z.record(z.string(), z.unknown()),
    comment: text(2000),
  }),
]);

/** A reason (withdraw, dispute). */
export const reasonSchema = z.strictObject({ reason: text(2000) });

/** The list's filters. */
export const listQuery = z.object({
  box: z.enum(['mine', 'review', 'all']).default('mine'),
  status: z.enum(['draft', 'prereview', 'review', 'returned', 'decided', 'withdrawn']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The name of an uploaded document. */
export const documentQuery = z.object({
  name: fileName(),
});

/** Largest supporting document (docs/sharing.md: 20 MiB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
