// The catalogue module's public door.
export { createCatalogue, type Catalogue } from './catalogue.js';
export { catalogueRoutes } from './catalogue.routes.js';
export { catalogueMigrations } from './migrations/index.js';
export type { CatalogueDeps, FileCipher } from './catalogue.deps.js';
export type { CatalogueListener, ResourceWithdrawn, VersionPublished } from './catalogue.events.js';
export type { Resource, ResourceSummary, VersionMeta } from './presenters.js';
export type { PolicyState } from './policy.service.js';
export * as masking from './domain/masking/index.js';
export {
  defaultPolicyTable,
  needsBureauReview,
  type Item,
  type PolicyTable,
  type ResourceDoc,
  type ResourceInput,
  type VersionDiff,
} from './domain/resource/index.js';
export { FORMAT_METHODS, METHODS, type Method, type NationalLevel } from './domain/resource/index.js';
