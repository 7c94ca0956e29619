import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStoredLedger } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { recordEvents } from './ledger-helpers.js';

// Parallel writers and sequencers in separate processes on one database: no gap, no duplicate, every event
// exactly once, and the log still verifies.

const engines = await testEngines();
const CHILD = path.resolve(import.meta.dirname, 'writer.child.ts');

describe.each(engines)('ledger with writers in three processes on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  const child = (label: string, n: number) =>
    new Promise<string[]>((resolve, reject) => {
      const env = {
        ...process.env,
        ORDERLY_DATA_DIR: t.testDb.dataDir,
        ORDERLY_DATABASE_URL: t.testDb.url ?? '',
      };
      execFile(
        process.execPath,
        ['--import', 'tsx', CHILD, String(n), label],
        { env, timeout: 120_000 },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`${label}: ${err.message} ${stderr}`));
          else resolve(JSON.parse(stdout) as string[]);
        },
      );
    });

  it('sequences every event exactly once, without gaps', async () => {
    const before = Number(
      (await sql<{ n: number }>`select count(*) as n from ledger_leaves`.execute(t.platform.db.kysely))
        .rows[0]!.n,
    );
    const [a, b, mine] = await Promise.all([
      child('proc-a', 60),
      child('proc-b', 60),
      (async () => {
        const ids = await recordEvents(t, 40, 'test.process');
        for (let i = 0; i < 10; i++) await t.platform.ledger.tick();
        return ids;
      })(),
    ]);
    await t.platform.ledger.flush();
    const rows = (
      await sql<{
        idx: number;
        event_id: string;
      }>`select idx, event_id from ledger_leaves order by idx`.execute(t.platform.db.kysely)
    ).rows;
    expect(rows.map((r) => Number(r.idx))).toEqual(rows.map((_, i) => i));
    expect(rows.length).toBe(before + 160);
    const seen = new Set(rows.map((r) => r.event_id));
    expect(seen.size).toBe(rows.length);
    for (const id of [...a, ...b, ...mine]) expect(seen.has(id)).toBe(true);
    expect(await t.platform.ledger.pending()).toBe(0);
    const v = await verifyStoredLedger(t.platform.db, t.platform.keyring);
    expect(v.ok).toBe(true);
  });
});
