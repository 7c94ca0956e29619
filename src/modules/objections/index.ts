// The objection loop's public door (数据异议/纠错, docs/objections.md).
export { createObjections, objectionsAccuracy, type Objections, type ObjectionsJob } from './objections.js';
export { objectionsRoutes } from './objections.routes.js';
export { objectionsMigrations } from './migrations/index.js';
export {
  DEFAULT_OBJECTION_SETTINGS,
  type ObjectionSettings,
  type ObjectionsDeps,
} from './objections.deps.js';
export { OBJECTIONS_JOB, OBJECTIONS_SCHEDULE } from './objections.sweep.js';
