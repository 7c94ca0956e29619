import { z } from 'zod';

const count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const b64hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a base64 SHA-256/SM3 hash');

export const inclusionQuery = z
  .object({
    index: count.optional(),
    leafHash: b64hash.optional(),
    treeSize: count.refine((n) => n >= 1, 'must be at least 1'),
  })
  .refine((q) => (q.index === undefined) !== (q.leafHash === undefined), {
    message: 'give index or leafHash',
    path: ['index'],
  });

export const consistencyQuery = z.object({
  first: count.refine(
    (n) => n >= 1,
    'a consistency proof from size 0 is undefined (RFC 9162): must be at least 1',
  ),
  second: count,
});

export const checkpointsQuery = z.object({
  from: count.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const entriesQuery = z.object({
  start: count.default(0),
  end: count.optional(),
  action: z.string().max(100).optional(),
  orgId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const witnessSchema = z.strictObject({
  verifierKey: z.string().min(10).max(500),
  description: z.string().trim().max(200).optional(),
});

export const quorumSchema = z.strictObject({ quorum: z.number().int().min(1).max(100) });

export const cosignatureSchema = z.strictObject({
  /** The checkpoint body the witness cosigned (origin, size, root lines). */
  checkpoint: z.string().min(10).max(2000),
  /** The witness's cosignature line (`— <name> <base64>`). */
  cosignature: z.string().min(10).max(1000),
});

export const witnessReportSchema = z.strictObject({
  witness: z.string().min(1).max(200),
  kind: z.enum(['consistency-failure', 'split-view', 'bad-signature']),
  detail: z.string().max(4000),
  size: z.number().int().min(0).optional(),
  time: z.number().int().min(0),
  /** base64 Ed25519 signature of the witness key over the JCS of the other fields. */
  signature: z.string().max(200),
});
