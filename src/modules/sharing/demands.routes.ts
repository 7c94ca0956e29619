import type { RouteDef } from '../../kernel/index.js';
import type { DemandsService } from './demands.service.js';

/** HTTP routes of the demands (docs/sharing.md "HTTP API"). */
export function demandsRoutes(_s: DemandsService): RouteDef[] {
  return [];
}
