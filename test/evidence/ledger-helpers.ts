import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { newId, systemContext, type Engine } from '../../src/kernel/index.js';
import type { TestPlatform } from '../support/platform.js';

// Shared steps of the ledger suites: record events, serve the platform on a real port (witnesses use HTTP),
// and the operator's own moves (bypassing the append-only triggers, as a database owner can).

/** Records n audit events through the platform's audit port (each in its own transaction). */
export async function recordEvents(t: TestPlatform, n: number, action = 'test.event'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await t.platform.db.kysely.transaction().execute((tx) =>
        t.platform.audit.record(tx, systemContext('test', newId()), {
          action,
          subjectType: 'test',
          subjectId: `s${i}`,
          change: { i },
        }),
      ),
    );
  }
  return ids;
}

/** Serves the platform's app on 127.0.0.1; returns its base URL. */
export async function serve(t: TestPlatform): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

/** Turns off the append-only triggers of the ledger tables (what an operator with database rights can do). */
export async function dropLedgerTriggers(t: TestPlatform, engine: Engine): Promise<void> {
  const db = t.platform.db.kysely;
  for (const table of ['ledger_leaves', 'ledger_nodes', 'audit_events']) {
    if (engine === 'postgres') await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(db);
    else {
      for (const suffix of ['no_update', 'no_delete'])
        await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${table}_${suffix}`)}`.execute(db);
    }
  }
}
