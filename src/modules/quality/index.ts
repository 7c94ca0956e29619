// The quality module's public door: ingestion (uploads, jobs, quarantine) and, later, quality scores.
export { createQuality, type Quality } from './quality.js';
export { qualityRoutes } from './quality.routes.js';
export { qualityMigrations } from './migrations/index.js';
export { INGEST_JOB } from './ingest.service.js';
export { SCORE_JOB, SCORE_SCHEDULE } from './scores.service.js';
export type { IngestJob } from './presenters.js';
export type { AccuracyPort, QualityDeps } from './quality.deps.js';
// File readers, for other modules that read a user's file the way ingestion does (the exchange's leak trace).
export {
  csvFileSource,
  ndjsonFileSource,
  jsonArrayFileSource,
  xlsxFileSource,
  isSourceError,
  type RecordSource,
} from './sources/index.js';
