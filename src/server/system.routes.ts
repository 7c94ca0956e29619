import { sql } from 'kysely';
import { z } from 'zod';
import {
  listChildren,
  listProvinces,
  readAuditTrail,
  rawReply,
  REGION_SNAPSHOT,
  route,
  type RouteDef,
} from '../kernel/index.js';
import type { Platform } from './platform.js';

// Platform-wide routes that belong to no module: health, readiness, the audit trail (auditor only) and the
// reference data the console needs.

const auditQuery = z.object({
  action: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  orgId: z.string().max(100).optional(),
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Health, readiness, audit and reference routes. */
export function systemRoutes(p: Platform): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness',
      tags: ['system'],
      auth: 'public',
      handler: async () => ({ status: 'ok' }),
    }),
    route({
      method: 'GET',
      url: '/readyz',
      summary: 'Readiness: the database answers',
      tags: ['system'],
      auth: 'public',
      handler: async () => {
        try {
          await sql`select 1`.execute(p.db.kysely);
        } catch {
          return rawReply('application/json', JSON.stringify({ status: 'unavailable' }), 503);
        }
        return { status: 'ready', engine: p.db.engine, profile: p.config.cryptoProfile };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit/events',
      summary: 'The audit trail, newest first (auditor)',
      tags: ['audit'],
      auth: 'user',
      query: auditQuery,
      handler: async ({ ctx, query }) => readAuditTrail(ctx, p.db.kysely, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/reference/regions',
      summary: 'GB/T 2260 administrative divisions (provinces, or the children of a code)',
      tags: ['reference'],
      auth: 'public',
      query: z.object({
        parent: z
          .string()
          .regex(/^\d{6}$/)
          .optional(),
      }),
      handler: async ({ query }) => ({
        snapshot: REGION_SNAPSHOT,
        items: query.parent ? listChildren(query.parent) : listProvinces(),
      }),
    }),
  ];
}
