import { z } from 'zod';

const itemCode = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/** The largest page of the records API. */
export const MAX_PAGE = 1000;

/** Query of `GET …/records`. */
export const recordsQuery = z.object({
  fields: z
    .string()
    .max(5000)
    .transform((s) => s.split(',').map((f) => f.trim()))
    .refine((a) => a.length > 0 && a.every((f) => itemCode.test(f)), 'must be item codes separated by commas')
    .refine((a) => new Set(a).size === a.length, 'must not repeat an item')
    .optional(),
  // The filter language, as JSON text (docs/filter-language.md).
  filter: z.string().max(100_000).optional(),
  // Item codes, each optionally prefixed with '-' for descending; at most three (MAX_SORT).
  sort: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((f) => f.trim()))
    .refine(
      (a) => a.length <= 3 && a.every((f) => /^-?[A-Za-z][A-Za-z0-9_]{0,49}$/.test(f)),
      'must be up to three item codes separated by commas, each optionally prefixed with -',
    )
    .refine((a) => new Set(a.map((f) => f.replace(/^-/, ''))).size === a.length, 'must not repeat an item')
    .optional(),
  cursor: z
    .string()
    .regex(/^(s\.)?[A-Za-z0-9_-]{1,4000}$/, 'must be a cursor the previous page returned')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});

// Business references travel in headers: printable ASCII only, so they can be logged and recorded safely.
const reference = z
  .string()
  .regex(/^[\x21-\x7e][\x20-\x7e]{0,99}$/, 'must be 1 to 100 printable ASCII characters')
  .optional();

/** The optional reference headers of an exchange call. */
export const referenceHeaders = z.object({
  'x-orderly-case-id': reference,
  'x-orderly-user-id': reference,
});

/** Body of `POST …/verify`: one subject, or a batch of up to 1,000. */
export const verifyBody = z.union([
  z.strictObject({
    values: z.record(z.string().regex(itemCode), z.union([z.string(), z.number(), z.boolean()])),
  }),
  z.strictObject({
    subjects: z
      .array(z.record(z.string().regex(itemCode), z.union([z.string(), z.number(), z.boolean()])))
      .min(1)
      .max(1000),
  }),
]);

const fieldList = z
  .string()
  .max(5000)
  .transform((s) => s.split(',').map((f) => f.trim()))
  .refine((a) => a.length > 0 && a.every((f) => itemCode.test(f)), 'must be item codes separated by commas')
  .refine((a) => new Set(a).size === a.length, 'must not repeat an item');

const changeCursor = z.string().regex(/^c\.\d{1,15}$/, 'must be a cursor the changes API returned');

/** Query of `GET …/changes`. */
export const changesQuery = z.object({
  fields: fieldList.optional(),
  cursor: changeCursor.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});

/** Body of `POST …/subscriptions`: where to push, which fields, and from where (default: activation). */
export const subscriptionBody = z.strictObject({
  url: z.string().min(1).max(2000),
  fields: z
    .array(z.string().regex(itemCode))
    .min(1)
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'must not repeat an item')
    .optional(),
  cursor: changeCursor.optional(),
  description: z.string().max(200).optional(),
});
