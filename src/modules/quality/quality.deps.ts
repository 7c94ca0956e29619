import type { AuditPort, Clock, Db, PlatformKeyring, ProfileName } from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import type { Catalogue } from '../catalogue/index.js';
import type { DatastoreService } from '../datastore/index.js';
import type { JobsService } from '../jobs/index.js';
import type { NotificationsService } from '../notifications/index.js';

/** Where the accuracy dimension learns of confirmed errors (the objection loop, docs/objections.md). */
export interface AccuracyPort {
  /** Records of the resource with an upheld (corrected) objection in the accuracy window. */
  confirmedErrors(resourceId: string): Promise<number>;
}

/** Dependencies of the quality module. */
export interface QualityDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  jobs: JobsService;
  catalogue: Catalogue;
  datastore: DatastoreService;
  notifications: NotificationsService;
  alerts: AlertsService;
  /** Uploads live under `<dataDir>/uploads`. */
  dataDir: string;
  keyring: PlatformKeyring;
  cryptoProfile: ProfileName;
  /** Hosts, IPs or CIDRs sources may reach even if loopback or private. */
  sourceAllowList: string[];
  /** Confirmed errors for the accuracy score; absent: none (accuracy 1). */
  accuracy?: AccuracyPort;
  /** Source records per committed batch (default 2,000). */
  batchSize?: number;
}
