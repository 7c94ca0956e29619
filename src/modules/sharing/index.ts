// The sharing module's public door: demands, applications and reviews, grants (docs/sharing.md).
export { createSharing, type Sharing, type SharingJob } from './sharing.js';
export { sharingRoutes } from './sharing.routes.js';
export { sharingMigrations } from './migrations/index.js';
export { DEFAULT_SHARING_SETTINGS, type SharingDeps, type SharingSettings } from './sharing.deps.js';
export type { GrantScope, PartRequest } from './grant-port.js';
export type { AccessCaller, CompiledGrant } from './grant-access.js';
