// The exchange gateway's public door: the grant-enforcing data API (docs/exchange.md).
export { createExchange, type Exchange } from './exchange.js';
export { exchangeRoutes } from './exchange.routes.js';
export { exchangeMigrations } from './migrations/index.js';
export type { ExchangeDeps } from './exchange.deps.js';
export { CHANGE_EVENT, PUSH_JOB } from './subscription-push.js';
export { PACKAGE_JOB } from './package-builder.js';
export { FILES_PACKAGE_JOB } from './files-packages.js';
export { openPackage, PackageRefused } from './package-open.js';
export { openPackageTo, type OpenedPackage } from './package-open-to.js';
export type { PackageManifest } from './domain/package-manifest.js';
export type { AnyPackageManifest, FilesPackageManifest, PackageFileEntry } from './domain/package-files.js';
export type { TraceResult, TraceCandidate } from './trace.service.js';
