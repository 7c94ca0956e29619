import type { Clock, Db, PlatformKeyring, ProfileName } from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import type { DatastoreService } from '../datastore/index.js';
import type { LedgerAuditPort } from '../evidence/index.js';
import type { Sharing } from '../sharing/index.js';

/** Dependencies of the exchange gateway. */
export interface ExchangeDeps {
  db: Db;
  audit: LedgerAuditPort;
  clock: Clock;
  keyring: PlatformKeyring;
  cryptoProfile: ProfileName;
  datastore: DatastoreService;
  /** The grant check (compiled grants, cached, revoke-aware) and the consumer-filter check. */
  grants: Pick<Sharing['grants'], 'authorizeAccess' | 'checkConsumerFilter'>;
  alerts: AlertsService;
}
