import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { IdentityTables } from './tables.js';

// The identity epoch: one row that every change to an API client or an organisation bumps in its own
// transaction, so the per-process client-token caches of every server process notice the change.

function q(tx: AnyTx): Kysely<IdentityTables> {
  return tx as unknown as Kysely<IdentityTables>;
}

/** Identity epoch SQL. */
export const identityEpoch = {
  /** The current epoch (one indexed single-row read). */
  async read(tx: AnyTx): Promise<number> {
    const r = await q(tx)
      .selectFrom('identity_epoch')
      .select('epoch')
      .where('id', '=', 'clients')
      .executeTakeFirst();
    return Number(r?.epoch ?? 0);
  },
  /** Bumps the epoch inside the caller's transaction, so readers see it exactly when the change commits. */
  async bump(tx: AnyTx): Promise<void> {
    await q(tx)
      .updateTable('identity_epoch')
      .set((eb) => ({ epoch: eb('epoch', '+', 1) }))
      .where('id', '=', 'clients')
      .execute();
  },
};
