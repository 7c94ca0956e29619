import type { Clock, Db, PlatformKeyring, ProfileName } from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import type { DatastoreService } from '../datastore/index.js';
import type { LedgerAuditPort } from '../evidence/index.js';
import type { Catalogue } from '../catalogue/index.js';
import type { Sharing } from '../sharing/index.js';
import type { NotificationsService } from '../notifications/index.js';
import type { Identity } from '../identity/index.js';
import type { JobsService } from '../jobs/index.js';

/** Dependencies of the exchange gateway. */
export interface ExchangeDeps {
  db: Db;
  audit: LedgerAuditPort;
  clock: Clock;
  keyring: PlatformKeyring;
  cryptoProfile: ProfileName;
  datastore: DatastoreService;
  /** The grant check (compiled grants, cached, revoke-aware) and the consumer-filter check. */
  grants: Pick<Sharing['grants'], 'authorizeAccess' | 'checkConsumerFilter' | 'everIssued'>;
  alerts: AlertsService;
  /** Package builds run as jobs. */
  jobs: JobsService;
  /** Consumer organisations' encryption keys (packages are sealed to them) and names (a trace names them). */
  directory: Pick<Identity['directory'], 'encryptionKey' | 'organisations'>;
  /** Published resources (their format) and the files of file resources (internal reads; the grant authorizes). */
  catalogue: {
    browse: Pick<Catalogue['browse'], 'published'>;
    files: Pick<Catalogue['files'], 'list' | 'read'>;
  };
  /** Where built packages are kept (`<dataDir>/packages`). */
  dataDir: string;
  /** The notifications outbox that change subscriptions push through (endpoints, deliveries). */
  outbox: Pick<NotificationsService, 'createEndpoint' | 'disableEndpoint' | 'enqueueDelivery'>;
  /** Days a consumer may still read changes (default 30: DEFAULT_CHANGE_RETENTION_DAYS). */
  changeRetentionDays?: number;
}
