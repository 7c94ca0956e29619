import type { JobHandler } from '../jobs/index.js';
import { ApplicationsService } from './applications.service.js';
import { DemandsService } from './demands.service.js';
import { GrantsService } from './grants.service.js';
import type { SharingDeps } from './sharing.deps.js';

/** A periodic job of the module: the platform registers the handler and defines the schedule. */
export interface SharingJob {
  type: string;
  schedule: string;
  intervalSeconds: number;
  handler: JobHandler;
}

/** The sharing module's services. */
export interface Sharing {
  applications: ApplicationsService;
  grants: GrantsService;
  demands: DemandsService;
  /** Deadline sweeps, expiry and reminders. */
  jobs: SharingJob[];
}

/** Builds the sharing module and subscribes it to catalogue changes. */
export function createSharing(deps: SharingDeps): Sharing {
  const grants = new GrantsService(deps);
  const applications = new ApplicationsService(deps, grants);
  const demands = new DemandsService(deps);
  deps.catalogue.events.on(grants.catalogueListener);
  return { applications, grants, demands, jobs: [...applications.jobs, ...grants.jobs, ...demands.jobs] };
}
