import { z } from 'zod';
import { text } from '../../kernel/index.js';
import {
  FORMATS,
  NATIONAL_LEVELS,
  OPEN_TYPES,
  SHARE_TYPES,
  UPDATE_CYCLES,
  CATEGORIES,
} from './domain/resource/index.js';

/** A create request: the document, plus the provider organisation (defaults to the caller's). */
export const createSchema = z.looseObject({ orgId: z.uuid('must be an organisation id').optional() });

/** The bureau's decision on a submitted version; a return always says why. */
export const reviewSchema = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    comment: z.string().trim().min(1).max(4000).optional(),
  })
  .refine((b) => b.decision === 'approve' || !!b.comment, {
    path: ['comment'],
    message: 'a return needs comments for the steward',
  });

export const withdrawSchema = z.strictObject({ reason: text(2000) });

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)).max(values.length),
  );

/** Catalogue search and browsing. */
export const searchQuery = z.object({
  q: z.string().max(200).optional(),
  /** published: the shared catalogue; mine: my organisation's, any state; review: waiting for the bureau. */
  scope: z.enum(['published', 'mine', 'review']).default('published'),
  provider: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.uuid()).max(50))
    .optional(),
  category: list(Object.keys(CATEGORIES) as [string, ...string[]]).optional(),
  shareType: list(SHARE_TYPES).optional(),
  openType: list(OPEN_TYPES).optional(),
  level: list(NATIONAL_LEVELS).optional(),
  format: list(FORMATS).optional(),
  updateCycle: list(UPDATE_CYCLES).optional(),
  sort: z.enum(['relevance', 'name', 'published', 'code']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type SearchQuery = z.output<typeof searchQuery>;

export const diffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
