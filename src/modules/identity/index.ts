// The identity module's public door.
export {
  createIdentity,
  type DirectoryClient,
  type DirectoryOrg,
  type Identity,
  type IdentityOverview,
} from './identity.js';
export { identityRoutes } from './identity.routes.js';
export { identityMigrations } from './migrations/index.js';
export type { IdentityDeps } from './identity.deps.js';
export type { BootstrapInput, BootstrapResult } from './bootstrap.service.js';
export type { Organisation, OrgKey, User, ApiClient } from './presenters.js';
export type { SessionTokens } from './auth.service.js';
export { totpCode } from './domain/totp.js';
export { CLIENT_SCOPES, ORG_LEVELS } from './identity.schemas.js';
export { ipAllowed, ipEntryProblem } from './domain/ip-allow.js';
