import { z } from 'zod';
import { route, type RequestContext, type RouteDef } from '../../kernel/index.js';
import type { DatastoreService } from './datastore.service.js';

const refParams = z.object({ ref: z.string().min(1).max(100) });
const idParams = z.object({ id: z.uuid('must be a resource id') });

/** Data-store routes; `resolve` finds a resource the caller may see (id and provider) by id or code. */
export function datastoreRoutes(
  ds: DatastoreService,
  resolve: (ctx: RequestContext, ref: string) => Promise<{ id: string; orgId: string }>,
): RouteDef[] {
  const T = ['datastore'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/datastore/resources/:ref',
      summary:
        "A resource's data table: generation, rows, encrypted items (provider stewards, reviewers, secadmin)",
      tags: T,
      auth: 'user',
      params: refParams,
      handler: async ({ ctx, params }) => {
        const r = await resolve(ctx, params.ref);
        return ds.status(ctx, r.id, r.orgId);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/datastore/keys/rewrap',
      summary: 'Re-wrap every data key under the current master secret (secadmin, after a master rotation)',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => ds.rewrapKeys(ctx),
    }),
    route({
      method: 'POST',
      url: '/api/v1/datastore/resources/:id/rotate-key',
      summary: "A new data key version for a resource's future writes (secadmin)",
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => ds.rotateDataKey(ctx, params.id),
    }),
  ];
}
