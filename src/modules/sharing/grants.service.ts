import type { AnyTx, RequestContext } from '../../kernel/index.js';
import type { CatalogueListener } from '../catalogue/index.js';
import type { GrantPort, GrantScope, PartRequest } from './grant-port.js';
import type { SharingJob } from './sharing.js';
import type { SharingDeps } from './sharing.deps.js';

/** Grants: scope checks, issue, status changes, access checks. (Being built: docs/sharing.md "Grants".) */
export class GrantsService implements GrantPort {
  readonly jobs: SharingJob[] = [];
  readonly catalogueListener: CatalogueListener = {};

  constructor(private readonly deps: SharingDeps) {}

  /** See GrantPort. */
  async checkScope(_tx: AnyTx, _req: PartRequest, _proposed: unknown): Promise<GrantScope> {
    void this.deps;
    throw new Error('GrantsService.checkScope is not built yet');
  }

  /** See GrantPort. */
  async issue(
    _tx: AnyTx,
    _ctx: RequestContext,
    _req: PartRequest,
    _scope: GrantScope,
  ): Promise<{ grantId: string }> {
    throw new Error('GrantsService.issue is not built yet');
  }

  /** See GrantPort. */
  async forApplication(_tx: AnyTx, _applicationId: string) {
    return [];
  }
}
