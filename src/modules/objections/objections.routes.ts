import { route, type RouteDef } from '../../kernel/index.js';
import type { Objections } from './objections.js';
import {
  objectionAcceptSchema,
  objectionListQuery,
  objectionParams,
  objectionRaiseSchema,
  objectionRateSchema,
  objectionReasonSchema,
  objectionResolveSchema,
} from './objections.schemas.js';

/** HTTP routes of the objection loop (docs/objections.md "HTTP API"). */
export function objectionsRoutes(m: Objections): RouteDef[] {
  const T = ['objections'];
  const base = '/api/v1/objections';
  const step = (verb: string, summary: string, body: RouteDef['body'], run: Step) =>
    route({
      method: 'POST',
      url: `${base}/:id/${verb}`,
      summary,
      tags: T,
      auth: 'user',
      params: objectionParams,
      body,
      handler: ({ ctx, params, body: b }) => run(ctx, params.id, b),
    });
  return [
    route({
      method: 'POST',
      url: base,
      summary: 'Raise an objection on records of a resource (consumer through its grant, or the bureau)',
      tags: T,
      auth: 'user',
      status: 201,
      body: objectionRaiseSchema,
      handler: ({ ctx, body }) => m.raise.raise(ctx, body),
    }),
    route({
      method: 'GET',
      url: base,
      summary: 'Objections my organisation raised or answers (bureau and auditors: all)',
      tags: T,
      auth: 'user',
      query: objectionListQuery,
      handler: ({ ctx, query }) => m.objections.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${base}/:id`,
      summary: 'One objection with its records and history',
      tags: T,
      auth: 'user',
      params: objectionParams,
      handler: ({ ctx, params }) => m.objections.get(ctx, params.id),
    }),
    step(
      'accept',
      'Accept: the records become disputed for every consumer (provider)',
      objectionAcceptSchema,
      (c, id, b) => m.objections.accept(c, id, b),
    ),
    step('reject', 'Reject a raised objection with a reason (provider)', objectionReasonSchema, (c, id, b) =>
      m.objections.reject(c, id, b),
    ),
    step(
      'resolve',
      'Resolve an accepted objection: corrected (new record versions) or dismissed with a reason (provider)',
      objectionResolveSchema,
      (c, id, b) => m.resolve.resolve(c, id, b),
    ),
    step(
      'rate',
      'Rate the handling, 1–5 and solved or not; archives it (raiser)',
      objectionRateSchema,
      (c, id, b) => m.objections.rate(c, id, b),
    ),
  ];
}

type Step = (
  ctx: Parameters<Objections['objections']['accept']>[0],
  id: string,
  body: unknown,
) => Promise<unknown>;
