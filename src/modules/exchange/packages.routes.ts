import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import type { Exchange } from './exchange.js';
import { createPackageBody, listPackagesQuery } from './packages.schemas.js';

const grantParams = z.object({ grantId: z.uuid('must be a grant id') });
const packageParams = z.object({ id: z.uuid('must be a package id') });

/** The package routes (docs/packages.md): thin — the service checks the grant and records. */
export function packageRoutes(x: Exchange): RouteDef[] {
  const T = ['exchange'];
  return [
    route({
      method: 'POST',
      url: '/api/v1/exchange/grants/:grantId/packages',
      summary:
        'Asks for a package of a grant (format csv|ndjson, fields, filter): built by a job, sealed to the consumer organisation, signed; 202',
      tags: T,
      auth: 'any',
      params: grantParams,
      body: createPackageBody,
      status: 202,
      handler: ({ ctx, params, body }) => x.packages.create(ctx, params.grantId, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/packages',
      summary: "The caller's organisation's packages, newest first (grantId= to narrow)",
      tags: T,
      auth: 'any',
      query: listPackagesQuery,
      handler: ({ ctx, query }) => x.packages.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/packages/:id',
      summary: 'One package: status, rows, bytes, file digest (ETag) and manifest',
      tags: T,
      auth: 'any',
      params: packageParams,
      handler: ({ ctx, params }) => x.packages.get(ctx, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/packages/:id/content',
      summary:
        'Downloads a ready package (application/octet-stream); resumable with Range (one range) and If-Range; the grant must still allow packages',
      tags: T,
      auth: 'any',
      params: packageParams,
      handler: async ({ ctx, params, headers }) => {
        const c = await x.packages.content(ctx, params.id, headers);
        return rawReply('application/octet-stream', c.body, c.status, c.headers);
      },
    }),
  ];
}
