import { z } from 'zod';
import { text } from '../../kernel/index.js';
import { masking } from '../catalogue/index.js';

// The demand list's HTTP edge (docs/sharing.md "Demand list").

/** A consumer's demand. */
export const demandCreateSchema = z.strictObject({
  title: text(200),
  purpose: text(1000),
  description: text(4000).optional(),
  suggestedOrgId: z.uuid('must be an organisation id').optional(),
});

/** The bureau routes a demand to a provider. */
export const demandRouteSchema = z.strictObject({
  providerOrgId: z.uuid('must be an organisation id'),
  comment: text(2000).optional(),
});

const comment = text(2000).optional();

/** The provider's answer: will publish (by a date), exists (as a resource), or cannot (why). */
export const demandAnswerSchema = z.discriminatedUnion('answer', [
  z.strictObject({ answer: z.literal('will_publish'), expectedDate: masking.isoDateSchema, comment }),
  z.strictObject({ answer: z.literal('exists'), resourceId: z.uuid('must be a resource id'), comment }),
  z.strictObject({ answer: z.literal('cannot'), reason: text(2000), comment }),
]);
export type DemandAnswer = z.infer<typeof demandAnswerSchema>;

/** Closing always says why. */
export const demandCloseSchema = z.strictObject({ reason: text(2000) });

/** `GET /demands` query: `consumer` = posted by my organisation, `provider` = routed to it. */
export const demandListQuery = z.object({
  box: z.enum(['consumer', 'provider', 'all']).default('all'),
  status: z.enum(['open', 'routed', 'answered', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** `:id` of a demand. */
export const demandParams = z.object({ id: z.uuid('must be a demand id') });
