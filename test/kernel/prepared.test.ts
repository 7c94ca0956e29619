import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedOnPostgres } from '../../src/kernel/index.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// Texts marked with preparedOnPostgres run as named prepared statements on PostgreSQL (seen in the session's
// pg_prepared_statements), with the same results as unmarked ones; everything else passes through unnamed.

const engines = await testEngines();

// A text of this test only, so no other test's statement can be the one found.
const MARKED = preparedOnPostgres('select $1::integer + 1 as n /* prepared.test marked */');
const UNMARKED = 'select $1::integer + 2 as n /* prepared.test unmarked */';

describe.each(engines.filter((e) => e === 'postgres'))('prepared statements on %s', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('postgres');
  });
  afterAll(async () => t.drop());

  it('names a marked text on its connection and answers as an unnamed query would', async () => {
    await t.db.kysely.transaction().execute(async (tx) => {
      // One transaction is one connection, so the session view shows what this connection prepared.
      const a = await tx.executeQuery<{ n: number }>(CompiledQuery.raw(MARKED, [41]));
      const again = await tx.executeQuery<{ n: number }>(CompiledQuery.raw(MARKED, [1]));
      const b = await tx.executeQuery<{ n: number }>(CompiledQuery.raw(UNMARKED, [40]));
      expect([a.rows[0]!.n, again.rows[0]!.n, b.rows[0]!.n]).toEqual([42, 2, 42]);
      const seen = await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(tx);
      const marked = seen.rows.filter((r) => r.statement === MARKED);
      expect(marked).toHaveLength(1);
      expect(marked[0]!.name).toMatch(/^orderly_[0-9a-f]{24}$/);
      expect(seen.rows.some((r) => r.statement === UNMARKED)).toBe(false);
    });
  });

  it('reports a marked statement’s errors like any query’s, and the connection stays usable', async () => {
    await expect(t.db.kysely.executeQuery(CompiledQuery.raw(MARKED, ['not a number']))).rejects.toThrow(
      /invalid input syntax/,
    );
    const r = await t.db.kysely.executeQuery<{ n: number }>(CompiledQuery.raw(MARKED, [9]));
    expect(r.rows[0]!.n).toBe(10);
  });
});
