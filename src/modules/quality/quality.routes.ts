import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import { createJobSchema, jobsQuery, uploadQuery } from './ingest.schemas.js';
import type { Quality } from './quality.js';

const resourceParams = z.object({ id: z.uuid('must be a resource id') });
const refParams = z.object({ ref: z.string().min(1).max(100) });
const jobParams = z.object({ id: z.uuid('must be a job id') });
const issuesQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  rows: z.coerce.number().int().min(1).max(10_000).default(1000),
});

/** Largest upload over HTTP (the CLI streams larger files from disk). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Ingestion routes. */
export function qualityRoutes(q: Quality): RouteDef[] {
  const T = ['quality'];
  return [
    route({
      method: 'POST',
      url: '/api/v1/quality/resources/:id/uploads',
      summary: 'Upload a source file (CSV in UTF-8 or GBK, JSON, NDJSON, XLSX; steward of the provider)',
      tags: T,
      auth: 'user',
      params: resourceParams,
      query: uploadQuery,
      rawBody: { contentType: 'application/octet-stream', maxBytes: MAX_UPLOAD_BYTES },
      consumes: ['application/octet-stream'],
      status: 201,
      handler: ({ ctx, params, body, query }) =>
        q.ingest.upload(ctx, params.id, body as unknown as Buffer, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/quality/resources/:id/jobs',
      summary: 'Start an ingestion job from an upload (upsert, append or full replace)',
      tags: T,
      auth: 'user',
      params: resourceParams,
      body: createJobSchema,
      status: 201,
      handler: ({ ctx, params, body }) => q.ingest.createJob(ctx, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/resources/:id/jobs',
      summary: "A resource's ingestion jobs, newest first",
      tags: T,
      auth: 'user',
      params: resourceParams,
      query: jobsQuery,
      handler: ({ ctx, params, query }) => q.ingest.list(ctx, params.id, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/jobs/:id',
      summary: 'One ingestion job with its counts (read = accepted + rejected)',
      tags: T,
      auth: 'user',
      params: jobParams,
      handler: ({ ctx, params }) => q.ingest.get(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/quality/jobs/:id/cancel',
      summary: 'Cancel a queued or running job (a full replace leaves the data as it was)',
      tags: T,
      auth: 'user',
      params: jobParams,
      handler: ({ ctx, params }) => q.ingest.cancel(ctx, params.id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/jobs/:id/issues',
      summary: 'Rejected rows and warnings of rows after+1 … after+rows (values masked if personal)',
      tags: T,
      auth: 'user',
      params: jobParams,
      query: issuesQuery,
      handler: ({ ctx, params, query }) => q.ingest.issues(ctx, params.id, query.after, query.rows),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/jobs/:id/issues.csv',
      summary: 'The error report as CSV',
      tags: T,
      auth: 'user',
      params: jobParams,
      handler: async ({ ctx, params }) =>
        rawReply('text/csv; charset=utf-8', await q.ingest.issuesCsv(ctx, params.id), 200, {
          'content-disposition': `attachment; filename="ingest-${params.id}-errors.csv"`,
        }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/resources/:ref/scorecard',
      summary: 'The latest quality scorecard (six dimensions, per item) and the score history',
      tags: T,
      auth: 'user',
      params: refParams,
      handler: ({ ctx, params }) => q.scores.scorecard(ctx, params.ref),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/resources/:ref/rules',
      summary: 'The validation rules: generated from the items, and the steward’s own',
      tags: T,
      auth: 'user',
      params: refParams,
      handler: ({ ctx, params }) => q.scores.rules(ctx, params.ref),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/quality/resources/:id/rules',
      summary: 'Replace the steward’s own validation rules (steward of the provider)',
      tags: T,
      auth: 'user',
      params: resourceParams,
      body: z.record(z.string(), z.unknown()),
      handler: ({ ctx, params, body }) => q.scores.putRules(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/quality/sources',
      summary: 'Register a PostgreSQL or HTTP JSON source (secadmin; credentials sealed, never shown again)',
      tags: T,
      auth: 'user',
      body: z.record(z.string(), z.unknown()),
      status: 201,
      handler: ({ ctx, body }) => q.sources.register(ctx, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/quality/sources',
      summary: 'Registered active sources (secadmin, stewards; no secrets)',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => q.sources.list(ctx),
    }),
    route({
      method: 'POST',
      url: '/api/v1/quality/sources/:id/disable',
      summary: 'Disable a source (secadmin)',
      tags: T,
      auth: 'user',
      params: z.object({ id: z.uuid('must be a source id') }),
      handler: ({ ctx, params }) => q.sources.disable(ctx, params.id),
    }),
  ];
}
