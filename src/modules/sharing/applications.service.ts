import type { GrantPort } from './grant-port.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';

/** Applications, pre-review, provider decisions, amendment, disputes and mediation. (Being built.) */
export class ApplicationsService {
  readonly jobs: SharingJob[] = [];

  constructor(
    private readonly deps: SharingDeps,
    private readonly grants: GrantPort,
  ) {
    void this.deps;
    void this.grants;
  }
}
