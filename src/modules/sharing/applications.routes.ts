import type { RouteDef } from '../../kernel/index.js';
import type { ApplicationsService } from './applications.service.js';

/** HTTP routes of the applications (docs/sharing.md "HTTP API"). */
export function applicationsRoutes(_s: ApplicationsService): RouteDef[] {
  return [];
}
