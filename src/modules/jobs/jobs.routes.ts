import { z } from 'zod';
import { route, type RouteDef } from '../../kernel/index.js';
import { jobListQuery, type JobsService } from './jobs.service.js';

const idParams = z.object({ id: z.uuid('must be an id') });

/** Operator routes for jobs. */
export function jobsRoutes(jobs: JobsService): RouteDef[] {
  const T = ['jobs'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/jobs',
      summary: 'Background jobs, newest first (operators)',
      tags: T,
      auth: 'user',
      query: jobListQuery,
      handler: ({ ctx, query }) => jobs.list(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/jobs/overview',
      summary: 'Jobs by status and the recurring schedules',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => jobs.overview(ctx),
    }),
    route({
      method: 'GET',
      url: '/api/v1/jobs/:id',
      summary: 'One job',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => jobs.get(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/jobs/:id/retry',
      summary: 'Retry a dead or cancelled job',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => jobs.retry(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/jobs/:id/cancel',
      summary: 'Cancel a queued job',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => jobs.cancel(ctx, params.id),
    }),
  ];
}
