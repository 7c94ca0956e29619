import { CompiledQuery, type Kysely } from 'kysely';
import { engineOf, preparedOnPostgres, type AnyTx } from '../../kernel/index.js';
import type { LedgerTables } from './tables.js';

// What the ledger's repositories share: the typed handle, the engine behind a handle, and the fixed-text read
// of the hottest queries.

/** The handle typed with the ledger's tables (the kernel hands out handles that know no tables). */
export function q(tx: AnyTx): Kysely<LedgerTables> {
  return tx as unknown as Kysely<LedgerTables>;
}

/** The engine behind a transaction or handle: the kernel's, re-exported for the ledger's repositories. */
export { engineOf };

/** Fixed texts marked `prepared`, in their PostgreSQL form. */
const preparedTexts = new Map<string, string>();

/**
 * The first row of a fixed query written with `?` placeholders (numbered on PostgreSQL). For the hottest reads —
 * every proof, every sequencer tick — where building and compiling a query each time costs about as much as
 * the database's own work. `prepared`: on PostgreSQL a named prepared statement (the kernel's
 * preparedOnPostgres: the text must be fixed and name its columns).
 */
export async function first<T>(
  tx: AnyTx,
  text: string,
  params: unknown[],
  prepared = false,
): Promise<T | undefined> {
  let sqlText = text;
  if (engineOf(tx) === 'postgres') {
    const known = prepared ? preparedTexts.get(text) : undefined;
    if (known !== undefined) sqlText = known;
    else {
      let n = 0;
      sqlText = text.replace(/\?/g, () => `$${++n}`);
      if (prepared) preparedTexts.set(text, preparedOnPostgres(sqlText));
    }
  }
  return (await tx.executeQuery<T>(CompiledQuery.raw(sqlText, params))).rows[0];
}
