import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import type { Exchange } from './exchange.js';
import { verifyBody } from './exchange.schemas.js';

const grantParams = z.object({ grantId: z.uuid('must be a grant id') });

/** The exchange API (docs/exchange.md): thin — the services decide, sign and record. */
export function exchangeRoutes(x: Exchange): RouteDef[] {
  const T = ['exchange'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/exchange/access',
      summary:
        "Who accessed what, when, for which case: box=provider (accesses to my resources), consumer (my organisation's), all (bureau, auditors)",
      tags: T,
      auth: 'user',
      handler: ({ ctx, query }) => x.access.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/grants/:grantId/records',
      summary:
        'Records of a grant for a bound API client (or a consumer user of the consumer organisation: "my data"): fields, filter, cursor, limit ≤ 1000; masked, signed (detached JWS in X-Orderly-Signature) and recorded (X-Orderly-Evidence-Id)',
      tags: T,
      auth: 'any',
      params: grantParams,
      handler: async ({ ctx, params, query, headers }) => {
        const r = await x.records.records(ctx, params.grantId, query, headers);
        return rawReply('application/json; charset=utf-8', r.body, 200, r.headers);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/exchange/grants/:grantId/verify',
      summary:
        'Verification (核验): does a record inside the grant equal all the given item values? One subject ({values}) or up to 1,000 ({subjects}); never returns data; signed and recorded',
      tags: T,
      auth: 'any',
      params: grantParams,
      body: verifyBody,
      handler: async ({ ctx, params, body, headers }) => {
        const r = await x.verify.verify(ctx, params.grantId, body, headers);
        return rawReply('application/json; charset=utf-8', r.body, 200, r.headers);
      },
    }),
  ];
}
