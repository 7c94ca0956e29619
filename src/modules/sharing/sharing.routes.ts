import type { RouteDef } from '../../kernel/index.js';
import { applicationsRoutes } from './applications.routes.js';
import { demandsRoutes } from './demands.routes.js';
import { grantsRoutes } from './grants.routes.js';
import type { Sharing } from './sharing.js';

/** Every route of the sharing module. */
export function sharingRoutes(s: Sharing): RouteDef[] {
  return [...applicationsRoutes(s.applications), ...grantsRoutes(s.grants), ...demandsRoutes(s.demands)];
}
