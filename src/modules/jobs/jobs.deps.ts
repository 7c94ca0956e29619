import type { AuditPort, Clock, Db } from '../../kernel/index.js';

/** Dependencies of the job runner. */
export interface JobsDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
}
