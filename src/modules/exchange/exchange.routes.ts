import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import type { Exchange } from './exchange.js';
import { packageRoutes } from './packages.routes.js';
import { subscriptionBody, verifyBody } from './exchange.schemas.js';

const traceQuery = z.object({ resourceId: z.uuid('must be a resource id').optional() }).strict();
/** Largest leak uploaded over HTTP; `orderly trace` reads larger files from disk. */
const MAX_TRACE_UPLOAD = 100 * 1024 * 1024;
const grantParams = z.object({ grantId: z.uuid('must be a grant id') });
const subscriptionParams = grantParams.extend({ id: z.uuid('must be a subscription id') });

/** The exchange API (docs/exchange.md): thin — the services decide, sign and record. */
export function exchangeRoutes(x: Exchange): RouteDef[] {
  const T = ['exchange'];
  return [
    route({
      method: 'POST',
      url: '/api/v1/exchange/trace',
      summary:
        'Leak tracing (secadmin, auditor): upload a suspected leak (CSV, NDJSON, JSON or XLSX); names the grant and recipient whose watermark it carries, with a false-positive bound, or no match (docs/watermarks.md)',
      tags: T,
      auth: 'user',
      query: traceQuery,
      rawBody: { contentType: 'application/octet-stream', maxBytes: MAX_TRACE_UPLOAD },
      consumes: ['application/octet-stream'],
      handler: ({ ctx, body, query }) => x.trace.traceUpload(ctx, body as unknown as Buffer, query),
    }),
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
      serviceParsesBody: true,
      handler: async ({ ctx, params, body, headers }) => {
        const r = await x.verify.verify(ctx, params.grantId, body, headers);
        return rawReply('application/json; charset=utf-8', r.body, 200, r.headers);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/grants/:grantId/changes',
      summary:
        "A grant's changes (inserts, updates, deletes) after a cursor, from the grant's activation without one: row filter and masks as for records, signed and recorded; 410 when the cursor is older than the retention (docs/subscriptions.md)",
      tags: T,
      auth: 'any',
      params: grantParams,
      handler: async ({ ctx, params, query, headers }) => {
        const r = await x.changes.changes(ctx, params.grantId, query, headers);
        return rawReply('application/json; charset=utf-8', r.body, 200, r.headers);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/exchange/grants/:grantId/subscriptions',
      summary:
        "Pushes a grant's changes to an endpoint of the bound API client's organisation: signed webhooks through the outbox, at least once, idempotency key = change id",
      tags: T,
      auth: 'any',
      params: grantParams,
      body: subscriptionBody,
      status: 201,
      handler: ({ ctx, params, body }) => x.subscriptions.create(ctx, params.grantId, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/exchange/grants/:grantId/subscriptions',
      summary: "The grant's push subscriptions with their cursors",
      tags: T,
      auth: 'any',
      params: grantParams,
      handler: ({ ctx, params }) => x.subscriptions.list(ctx, params.grantId),
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/exchange/grants/:grantId/subscriptions/:id',
      summary: 'Ends a push subscription (queued deliveries are cancelled)',
      tags: T,
      auth: 'any',
      params: subscriptionParams,
      handler: ({ ctx, params }) => x.subscriptions.delete(ctx, params.grantId, params.id),
    }),
    ...packageRoutes(x),
  ];
}
