import { route, type RouteDef } from '../../kernel/index.js';
import {
  demandAnswerSchema,
  demandCloseSchema,
  demandCreateSchema,
  demandListQuery,
  demandParams,
  demandRouteSchema,
} from './demands.schemas.js';
import type { DemandsService } from './demands.service.js';

/** HTTP routes of the demands (docs/sharing.md "HTTP API"). */
export function demandsRoutes(s: DemandsService): RouteDef[] {
  const T = ['sharing'];
  const base = '/api/v1/sharing/demands';
  return [
    route({
      method: 'POST',
      url: base,
      summary: 'Post a demand for data the catalogue does not list (consumer)',
      tags: T,
      auth: 'user',
      status: 201,
      body: demandCreateSchema,
      handler: ({ ctx, body }) => s.create(ctx, body),
    }),
    route({
      method: 'GET',
      url: base,
      summary: 'Demands my organisation posted or answers (bureau and auditors: all)',
      tags: T,
      auth: 'user',
      query: demandListQuery,
      handler: ({ ctx, query }) => s.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: `${base}/:id`,
      summary: 'One demand with its history',
      tags: T,
      auth: 'user',
      params: demandParams,
      handler: ({ ctx, params }) => s.get(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: `${base}/:id/route`,
      summary: 'Route an open demand to a provider; its answer deadline starts (bureau)',
      tags: T,
      auth: 'user',
      params: demandParams,
      body: demandRouteSchema,
      handler: ({ ctx, params, body }) => s.route(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${base}/:id/answer`,
      summary: 'Answer a routed demand: will_publish, exists or cannot (provider approver)',
      tags: T,
      auth: 'user',
      params: demandParams,
      body: demandAnswerSchema,
      handler: ({ ctx, params, body }) => s.answer(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: `${base}/:id/close`,
      summary: 'Close an open or routed demand with a reason (consumer or bureau)',
      tags: T,
      auth: 'user',
      params: demandParams,
      body: demandCloseSchema,
      handler: ({ ctx, params, body }) => s.close(ctx, params.id, body),
    }),
  ];
}
