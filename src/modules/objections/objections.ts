import type { ObjectionsDeps } from './objections.deps.js';
import { objectionsRepo } from './objections.repository.js';
import { ObjectionsService } from './objections.service.js';
import { ObjectionSweep } from './objections.sweep.js';
import { RaiseService } from './raise.service.js';
import { ResolveService } from './resolve.service.js';

/** A periodic job of the module: the platform registers the handler and defines the schedule. */
export interface ObjectionsJob {
  type: string;
  schedule: string;
  intervalSeconds: number;
  handler: () => Promise<unknown>;
}

/** The objection loop's services. */
export interface Objections {
  raise: RaiseService;
  objections: ObjectionsService;
  resolve: ResolveService;
  sweep: ObjectionSweep;
  jobs: ObjectionsJob[];
}

/** Builds the objection loop. */
export function createObjections(deps: ObjectionsDeps): Objections {
  const sweep = new ObjectionSweep(deps);
  return {
    raise: new RaiseService(deps),
    objections: new ObjectionsService(deps),
    resolve: new ResolveService(deps),
    sweep,
    jobs: [sweep.job],
  };
}

/**
 * The quality module's accuracy port (docs/objections.md "Accuracy"): records of the resource corrected
 * through an objection resolved within the window. Built from the database alone, so the platform can hand it
 * to the quality module before this module exists.
 */
export function objectionsAccuracy(
  deps: Pick<ObjectionsDeps, 'db' | 'clock'>,
  windowDays: number,
): { confirmedErrors(resourceId: string): Promise<number> } {
  return {
    confirmedErrors: (resourceId) => {
      const since = new Date(deps.clock.now().getTime() - windowDays * 86_400_000).toISOString();
      return objectionsRepo.correctedRecords(deps.db.kysely, resourceId, since);
    },
  };
}
