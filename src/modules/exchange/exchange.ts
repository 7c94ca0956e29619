import { GroupCommit } from '../evidence/index.js';
import { PackageBuilder } from './package-builder.js';
import { FilesPackageBuilder } from './files-package-builder.js';
import { PackagesService } from './packages.service.js';
import { AccessService } from './access.service.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { GrantRates, maskKeysOf, RecordsService } from './records.service.js';
import { VerifyService } from './verify.service.js';
import { ChangeFeed } from './changes.feed.js';
import { ChangesService } from './changes.service.js';
import { GrantMaskers } from './row-masker.js';
import { SubscriptionPush } from './subscription-push.js';
import { SubscriptionsService } from './subscriptions.service.js';
import { TraceService } from './trace.service.js';

/** The exchange gateway's services. */
export interface Exchange {
  records: RecordsService;
  verify: VerifyService;
  access: AccessService;
  /** Pulling a grant's changes (docs/subscriptions.md). */
  changes: ChangesService;
  /** Push subscriptions to a grant's changes. */
  subscriptions: SubscriptionsService;
  /** The push job and the outbox's body builder for pushed changes (wired by the platform). */
  push: SubscriptionPush;
  /** Packages: sealed, signed bulk exports (docs/packages.md). */
  packages: PackagesService;
  /** The package build job (wired by the platform under PACKAGE_JOB). */
  packageBuilder: PackageBuilder;
  /** The build job of file resources' packages (wired by the platform under FILES_PACKAGE_JOB). */
  filesPackageBuilder: FilesPackageBuilder;
  /** Leak tracing: which grant received a leaked file's rows (docs/watermarks.md). */
  trace: TraceService;
  /** The group commit of access events (its stats show batching). */
  evidence: GroupCommit;
}

/** Builds the exchange gateway. */
export function createExchange(deps: ExchangeDeps): Exchange {
  const evidence = new GroupCommit(deps.db, deps.audit);
  const rates = new GrantRates();
  const maskers = new GrantMaskers(maskKeysOf(deps));
  const feed = new ChangeFeed(deps, maskers);
  return {
    records: new RecordsService(deps, evidence, maskers, rates),
    verify: new VerifyService(deps, evidence, rates),
    access: new AccessService(deps),
    changes: new ChangesService(deps, evidence, feed, rates),
    subscriptions: new SubscriptionsService(deps, feed),
    push: new SubscriptionPush(deps, feed, maskers),
    packages: new PackagesService(deps),
    packageBuilder: new PackageBuilder(deps, maskers),
    filesPackageBuilder: new FilesPackageBuilder(deps),
    trace: new TraceService(deps, maskers),
    evidence,
  };
}
