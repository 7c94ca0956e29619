import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import type { LedgerTables } from './tables.js';

// What the ledger's repositories share: the typed handle, the engine behind a handle, and the fixed-text read
// of the hottest queries.

/** The handle typed with the ledger's tables (the kernel hands out handles that know no tables). */
export function q(tx: AnyTx): Kysely<LedgerTables> {
  return tx as unknown as Kysely<LedgerTables>;
}

const engines = new WeakMap<AnyTx, Engine>();

/** The engine behind a transaction or handle (from its dialect's placeholders; no round trip). */
export function engineOf(tx: AnyTx): Engine {
  let engine = engines.get(tx);
  if (!engine) {
    engine = sql`${0}`.compile(tx).sql === '?' ? 'sqlite' : 'postgres';
    engines.set(tx, engine);
  }
  return engine;
}

/**
 * The first row of a fixed query written with `?` placeholders (numbered on PostgreSQL). For the hottest reads —
 * every proof, every sequencer tick — where building and compiling a query each time costs about as much as
 * the database's own work.
 */
export async function first<T>(tx: AnyTx, text: string, params: unknown[]): Promise<T | undefined> {
  let n = 0;
  const sqlText = engineOf(tx) === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return (await tx.executeQuery<T>(CompiledQuery.raw(sqlText, params))).rows[0];
}
