// The jobs module's public door: a database-backed queue with at-least-once runners.
export { JobsService, type EnqueueOptions, JOB_STATUSES } from './jobs.service.js';
export { JobRunner, backoffMs, type JobHandler, type JobContext, type RunnerOptions } from './job-runner.js';
export { jobsRoutes } from './jobs.routes.js';
export { jobsMigrations } from './migrations/index.js';
export type { JobsDeps } from './jobs.deps.js';
export type { Job } from './presenters.js';
