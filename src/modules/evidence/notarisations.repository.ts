import type { AnyTx } from '../../kernel/index.js';
import { q } from './ledger-sql.repository.js';
import type { NotarisationRow } from './tables.js';

// Notarisations: a document's digest recorded in the log, read again to build its receipt.

/** Notarisations (part of ledgerRepo). */
export const notarisationsRepo = {
  async insertNotarisation(tx: AnyTx, row: NotarisationRow): Promise<void> {
    await q(tx).insertInto('notarisations').values(row).execute();
  },
  async notarisation(tx: AnyTx, id: string): Promise<NotarisationRow | undefined> {
    return q(tx).selectFrom('notarisations').selectAll().where('id', '=', id).executeTakeFirst();
  },
};
