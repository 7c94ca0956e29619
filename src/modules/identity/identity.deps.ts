import type { AnyTx, AuditPort, Clock, Config, Db, PlatformKeyring } from '../../kernel/index.js';

// What the identity module needs from the composition root.

/** Dependencies of the identity services. */
export interface IdentityDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  keyring: PlatformKeyring;
  config: Pick<Config, 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds' | 'publicUrl' | 'cryptoProfile'>;
}

/** Runs fn in one transaction. */
export function inTx<T>(deps: IdentityDeps, fn: (tx: AnyTx) => Promise<T>): Promise<T> {
  return deps.db.kysely.transaction().execute(fn);
}
