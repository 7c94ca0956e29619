import { GroupCommit } from '../evidence/index.js';
import { AccessService } from './access.service.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { GrantRates, maskKeysOf, RecordsService } from './records.service.js';
import { VerifyService } from './verify.service.js';

/** The exchange gateway's services. */
export interface Exchange {
  records: RecordsService;
  verify: VerifyService;
  access: AccessService;
  /** The group commit of access events (its stats show batching). */
  evidence: GroupCommit;
}

/** Builds the exchange gateway. */
export function createExchange(deps: ExchangeDeps): Exchange {
  const evidence = new GroupCommit(deps.db, deps.audit);
  const rates = new GrantRates();
  return {
    records: new RecordsService(deps, evidence, maskKeysOf(deps), rates),
    verify: new VerifyService(deps, evidence, rates),
    access: new AccessService(deps),
    evidence,
  };
}
