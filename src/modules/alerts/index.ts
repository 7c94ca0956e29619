// The alerts module's public door.
export { AlertsService, SEVERITIES, type Alert, type RaiseAlert } from './alerts.service.js';
export { alertsRoutes } from './alerts.routes.js';
export { alertsMigrations } from './migrations/index.js';
export type { AlertsDeps } from './alerts.deps.js';
