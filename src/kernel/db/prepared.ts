import { createHash } from 'node:crypto';

// Named (server-side) prepared statements on PostgreSQL for a few fixed, hot queries. node-postgres sends every
// unnamed query as Parse + Bind + Execute, and the server parses and plans it each time; for the ledger's proof
// reads that was about a third of a proof's latency (0.67–0.83 → 0.46–0.53 ms for the two reads of an inclusion
// proof at 200,000 leaves, measured through the pool). A named statement is parsed once per connection, and after
// five runs the server may keep a generic plan. Kysely sends SQL text only, so the pool's clients recognise the
// marked texts and name them. Marking is opt-in, for texts that are fixed (not built per call: each marked text
// stays prepared on every connection) and that name their columns: a prepared `select *` fails ("cached plan
// must not change result type") once a migration changes the table. SQLite needs none of this: its driver keeps
// prepared statements by text for every query (database.ts).

const names = new Map<string, string>();

/**
 * Marks fixed PostgreSQL SQL text (with $n placeholders) to run as a named prepared statement, and returns it.
 * Call once per text, where the text is defined.
 */
export function preparedOnPostgres(text: string): string {
  if (!names.has(text)) {
    names.set(text, `orderly_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
  }
  return text;
}

/** The prepared statement's name of a marked text, or undefined (the pool's client, pg-client.ts, asks). */
export function preparedName(text: string): string | undefined {
  return names.get(text);
}
