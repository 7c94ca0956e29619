import type { AuditPort, Clock, Db } from '../../kernel/index.js';

/** Dependencies of the alerts module. */
export interface AlertsDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
}
