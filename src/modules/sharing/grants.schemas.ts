import { z } from 'zod';
import { text, type FieldIssue } from '../../kernel/index.js';
import { masking } from '../catalogue/index.js';
import type { ScopeInput } from './domain/scope.js';

// The grants' HTTP edge and the shape of a proposed scope. Shape problems of a scope are reported like rule
// problems (422 with violations named `scope.items[1].mask`), because the approver fixes both in one form.

const code = z.string().trim().min(1).max(100);
const positive = z.number().int().positive().max(1_000_000_000).nullable().default(null);

/** The shape of a proposed scope (rules are checked by domain/scope.ts). */
export const scopeInputSchema: z.ZodType<ScopeInput, unknown> = z.strictObject({
  items: z.array(z.strictObject({ code, mask: z.unknown().optional() })).max(1000),
  loosenReasons: z.record(code, text(2000)).default({}),
  rowFilter: z.unknown().optional(),
  methods: z.array(z.string().min(1).max(40)).max(20).optional(),
  rateLimitPerMinute: positive,
  dailyRowQuota: positive,
  // Verification answers may name the mismatching items (e.g. "the name differs"), which tells more than yes/no.
  verifyDetail: z.boolean().optional(),
  validFrom: masking.isoDateSchema.optional(),
  validUntil: masking.isoDateSchema.optional(),
  clientIds: z.array(z.uuid('must be a client id')).max(100).optional(),
  ipRanges: z.array(z.string().max(100)).max(100).default([]),
  purpose: text(500).optional(),
});

/** Zod issues as scope violations: `scope.items[1].mask` (indices in brackets, as the console names fields). */
export function scopeShapeViolations(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    field: i.path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`),
      'scope',
    ),
    code: i.code.toUpperCase(),
    message: i.message,
  }));
}

/** `GET /grants` query. */
export const grantListQuery = z.object({
  box: z.enum(['consumer', 'provider', 'all']).default('all'),
  status: z.enum(['active', 'suspended', 'revoked', 'expired']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type GrantListQuery = z.infer<typeof grantListQuery>;

/** Body of suspend, resume and revoke: people always say why. */
export const grantReasonSchema = z.strictObject({ reason: text(2000) });

/** `:id` of a grant. */
export const grantParams = z.object({ id: z.uuid('must be a grant id') });
