import { IngestRunner } from './ingest.runner.js';
import { IngestService } from './ingest.service.js';
import type { QualityDeps } from './quality.deps.js';
import { ScoresService } from './scores.service.js';
import { SourcesService } from './sources.service.js';

/** The quality module's services. */
export interface Quality {
  ingest: IngestService;
  runner: IngestRunner;
  scores: ScoresService;
  sources: SourcesService;
}

/** Builds the quality module; `afterBatch` is a test hook called after each committed batch. */
export function createQuality(
  deps: QualityDeps,
  afterBatch?: (jobId: string, committed: number) => void,
): Quality {
  const ingest = new IngestService(deps);
  const scores = new ScoresService(deps);
  const sources = new SourcesService(deps);
  const runner = new IngestRunner(deps, (id) => ingest.pathOf(id), scores, sources, afterBatch);
  return { ingest, runner, scores, sources };
}
