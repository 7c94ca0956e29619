import { z } from 'zod';
import { route, type RouteDef } from '../../kernel/index.js';
import { alertQuery, resolveSchema, type AlertsService } from './alerts.service.js';

const idParams = z.object({ id: z.uuid('must be an id') });

/** Alert routes. */
export function alertsRoutes(a: AlertsService): RouteDef[] {
  const T = ['alerts'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/alerts',
      summary: 'Alerts for my roles, newest first',
      tags: T,
      auth: 'user',
      query: alertQuery,
      handler: ({ ctx, query }) => a.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/alerts/:id',
      summary: 'One alert',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => a.get(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/alerts/:id/acknowledge',
      summary: 'Acknowledge (responsible role)',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => a.acknowledge(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/alerts/:id/resolve',
      summary: 'Resolve with a note (responsible role)',
      tags: T,
      auth: 'user',
      params: idParams,
      body: resolveSchema,
      handler: ({ ctx, params, body }) => a.resolve(ctx, params.id, body),
    }),
  ];
}
