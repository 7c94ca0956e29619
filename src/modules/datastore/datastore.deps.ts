import type { AuditPort, Clock, Db } from '../../kernel/index.js';
import type { DataKeys } from './data-keys.js';

/** Dependencies of the data store. */
export interface DatastoreDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  keys: DataKeys;
}
