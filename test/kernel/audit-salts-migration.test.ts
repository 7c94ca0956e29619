import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuditPort,
  kernelMigrations,
  migrateToLatest,
  newId,
  systemContext,
} from '../../src/kernel/index.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// Migration 20261130_1500_kernel_audit_salts_without_rowid on salts written before it: on SQLite the table
// becomes one b-tree keyed by the event id (WITHOUT ROWID) with every salt kept and still append-only;
// PostgreSQL's table is left as it is.

const engines = await testEngines();
const MIGRATION = '20261130_1500_kernel_audit_salts_without_rowid';

describe.each(engines)('audit salts without rowid on %s', (engine) => {
  let t: TestDb;
  const before: { id: string; salt: string }[] = [];
  const port = createAuditPort('sha256');
  const record = (i: number) =>
    t.db.kysely.transaction().execute((tx) =>
      port.record(tx, systemContext('test', newId()), {
        action: 'test.salt',
        subjectType: 'probe',
        subjectId: `s-${i}`,
        change: { i },
      }),
    );

  beforeAll(async () => {
    t = await createTestDb(engine);
    const older = kernelMigrations.filter((m) => m.name < MIGRATION);
    expect(older.length).toBe(kernelMigrations.length - 1);
    await migrateToLatest(t.db, older);
    for (let i = 0; i < 25; i++) await record(i);
    before.push(
      ...(
        await sql<{
          id: string;
          salt: string;
        }>`select event_id as id, salt from audit_salts order by event_id`.execute(t.db.kysely)
      ).rows,
    );
    expect(await migrateToLatest(t.db, kernelMigrations)).toEqual([MIGRATION]);
  });
  afterAll(async () => t.drop());

  it('keeps every salt', async () => {
    const after = await sql<{ id: string; salt: string }>`select event_id as id, salt from audit_salts
      order by event_id`.execute(t.db.kysely);
    expect(before).toHaveLength(25);
    expect(after.rows).toEqual(before);
  });

  it('stores salts in one b-tree on SQLite', async () => {
    if (engine !== 'sqlite') return;
    const table = await sql<{ wr: number }>`select wr from pragma_table_list('audit_salts')`.execute(
      t.db.kysely,
    );
    expect(table.rows[0]?.wr).toBe(1);
    // A rowid table keyed by text would have its primary key's index beside it.
    const indexes = await sql<{ name: string }>`select name from sqlite_master
      where type = 'index' and tbl_name = 'audit_salts'`.execute(t.db.kysely);
    expect(indexes.rows.map((r) => r.name)).toEqual([]);
  });

  it('takes new salts, refuses a second salt for an event, and stays append-only', async () => {
    const id = await record(99);
    const row = await sql<{ salt: string }>`select salt from audit_salts where event_id = ${id}`.execute(
      t.db.kysely,
    );
    expect(row.rows[0]?.salt).toMatch(/^[0-9a-f]{32}$/);
    await expect(
      sql`insert into audit_salts (event_id, salt) values (${id}, ${'00'})`.execute(t.db.kysely),
    ).rejects.toThrow();
    await expect(sql`delete from audit_salts where event_id = ${id}`.execute(t.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_salts set salt = '00' where event_id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
  });
});
