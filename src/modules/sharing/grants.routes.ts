import { route, type RouteDef } from '../../kernel/index.js';
import { grantListQuery, grantParams, grantReasonSchema } from './grants.schemas.js';
import type { GrantsService } from './grants.service.js';

/** HTTP routes of the grants (docs/sharing.md "HTTP API"). */
export function grantsRoutes(s: GrantsService): RouteDef[] {
  const T = ['sharing'];
  const base = '/api/v1/sharing/grants';
  return [
    route({
      method: 'GET',
      url: base,
      summary: 'Grants my organisation is party to (bureau and auditors: all)',
      tags: T,
      auth: 'user',
      query: grantListQuery,
      handler: ({ ctx, query }) => s.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${base}/:id`,
      summary: 'One grant: scope, status, history',
      tags: T,
      auth: 'user',
      params: grantParams,
      handler: ({ ctx, params }) => s.get(ctx, params.id),
    }),
    ...(['suspend', 'resume', 'revoke'] as const).map((verb) =>
      route({
        method: 'POST',
        url: `${base}/:id/${verb}`,
        summary: `${verb[0]!.toUpperCase()}${verb.slice(1)} a grant, with a reason (provider approver or bureau)`,
        tags: T,
        auth: 'user',
        params: grantParams,
        body: grantReasonSchema,
        handler: ({ ctx, params, body }) => s[verb](ctx, params.id, body),
      }),
    ),
  ];
}
