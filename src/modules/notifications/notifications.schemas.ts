import { z } from 'zod';

export const inboxQuery = z.object({
  // Accepts the query-string text and the parsed boolean, so a second parse in the service is harmless.
  unread: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .transform((v) => v === true),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const eventPattern = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?)$/, "an event type, 'prefix.*' or '*'");

export const createWebhookSchema = z.strictObject({
  url: z.string().max(2000),
  events: z.array(eventPattern).min(1).max(50),
  description: z.string().trim().max(200).optional(),
});

export const updateWebhookSchema = z
  .strictObject({
    url: z.string().max(2000),
    events: z.array(eventPattern).min(1).max(50),
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .refine((o) => Object.keys(o).length > 0, { message: 'nothing to change' });
