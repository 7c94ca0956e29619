// The quality module's public door: ingestion (uploads, jobs, quarantine) and, later, quality scores.
export { createQuality, type Quality } from './quality.js';
export { qualityRoutes } from './quality.routes.js';
export { qualityMigrations } from './migrations/index.js';
export { INGEST_JOB } from './ingest.service.js';
export { SCORE_JOB, SCORE_SCHEDULE } from './scores.service.js';
export type { IngestJob } from './presenters.js';
export type { AccuracyPort, QualityDeps } from './quality.deps.js';
