import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';

/** The demand list (需求清单). (Being built: docs/sharing.md "Demand list".) */
export class DemandsService {
  readonly jobs: SharingJob[] = [];

  constructor(private readonly deps: SharingDeps) {
    void this.deps;
  }
}
