import type { AnyTx, RequestContext } from '../../kernel/index.js';
import { BrowseService } from './browse.service.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import { CatalogueEvents } from './catalogue.events.js';
import { detectSample } from './detect.service.js';
import { ExportService } from './export.service.js';
import { FilesService } from './files.service.js';
import { PolicyService } from './policy.service.js';
import { ResourcesService } from './resources.service.js';

/** The catalogue module's services. */
export interface Catalogue {
  browse: BrowseService;
  resources: ResourcesService;
  policy: PolicyService;
  files: FilesService;
  /** Subscribe to publications and withdrawals (the data store and the sharing workflow do). */
  events: CatalogueEvents;
  exports: ExportService;
  /** Suggestions for a new resource from a CSV sample. */
  detect: typeof detectSample;
}

/** Builds the catalogue module. */
export function createCatalogue(deps: CatalogueDeps): Catalogue {
  const browse = new BrowseService(deps);
  const policy = new PolicyService(deps);
  const events = new CatalogueEvents();
  const show = (ctx: RequestContext, tx: AnyTx, id: string) => browse.get(ctx, id, tx);
  return {
    browse,
    policy,
    events,
    resources: new ResourcesService(deps, policy, events, show),
    files: new FilesService(deps),
    detect: detectSample,
    exports: new ExportService(deps),
  };
}
