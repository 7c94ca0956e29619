import type { RouteDef } from '../../kernel/index.js';
import type { GrantsService } from './grants.service.js';

/** HTTP routes of the grants (docs/sharing.md "HTTP API"). */
export function grantsRoutes(_s: GrantsService): RouteDef[] {
  return [];
}
