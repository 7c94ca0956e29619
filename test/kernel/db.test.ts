import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bigintType,
  bytesType,
  createAuditPort,
  kernelMigrations,
  migrateToLatest,
  newId,
  queryAuditEvents,
  systemContext,
  tsType,
  type EngineMigration,
} from '../../src/kernel/index.js';
import { createTestDb, testEngines, type TestDb } from '../support/engines.js';

// The kernel's decisions about values crossing the boundary (docs/adr/0002) hold on both engines.

const engines = await testEngines();

interface Probe {
  probe: { id: string; at: string; day: string; big: number; flag: number; bytes: Buffer; doc: string };
}

const probeMigration: EngineMigration = {
  name: '20261129_9999_test_probe',
  async up(db, engine) {
    await db.schema
      .createTable('probe')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', tsType(engine), (c) => c.notNull())
      .addColumn('day', engine === 'postgres' ? 'date' : 'text', (c) => c.notNull())
      .addColumn('big', bigintType(engine), (c) => c.notNull())
      .addColumn('flag', 'integer', (c) => c.notNull())
      .addColumn('bytes', bytesType(engine) as 'blob', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .execute();
  },
};

describe.each(engines)('kernel db on %s', (engine) => {
  let t: TestDb;
  let db: Kysely<Probe>;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await migrateToLatest(t.db, [...kernelMigrations, probeMigration]);
    db = t.db.kysely as unknown as Kysely<Probe>;
  });
  afterAll(async () => t.drop());

  it('migrations are idempotent', async () => {
    expect(await migrateToLatest(t.db, [...kernelMigrations, probeMigration])).toEqual([]);
  });

  it('returns timestamps, dates, bigints, flags, bytes and JSON text identically', async () => {
    const row = {
      id: newId(),
      at: '2026-12-31T16:30:00.123Z',
      day: '2026-02-28',
      big: 2 ** 53 - 1,
      flag: 1,
      bytes: Buffer.from([0, 1, 255]),
      doc: JSON.stringify({ 名称: '人口基本信息' }),
    };
    await db.insertInto('probe').values(row).execute();
    const back = await db.selectFrom('probe').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(back).toEqual(row);
    expect(Buffer.isBuffer(back.bytes)).toBe(true);
    // Timestamps compare as instants on both engines (ISO text sorts chronologically on SQLite).
    const later = await db
      .selectFrom('probe')
      .select('id')
      .where('at', '>', '2026-12-31T16:29:59.999Z')
      .execute();
    expect(later.map((r) => r.id)).toContain(row.id);
  });

  it('refuses a bigint beyond 2^53 instead of rounding it (PostgreSQL) and keeps it exact on SQLite', async () => {
    if (engine === 'postgres') {
      await expect(sql`select 9007199254740993::bigint as n`.execute(t.db.kysely)).rejects.toThrow(
        /safe integer/,
      );
    } else {
      const r = await sql<{ n: number }>`select 9007199254740991 as n`.execute(t.db.kysely);
      expect(r.rows[0]!.n).toBe(9007199254740991);
    }
  });

  it('uses WAL and synchronous=FULL on SQLite', async () => {
    if (engine !== 'sqlite') return;
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(t.db.kysely);
    const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(t.db.kysely);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    expect(sync.rows[0]!.synchronous).toBe(2);
  });

  it('audit events are written in the transaction of the change and are append-only', async () => {
    const audit = createAuditPort('sha256');
    const ctx = systemContext('test', newId());
    // A rolled-back transaction leaves neither the change nor its event.
    await expect(
      t.db.kysely.transaction().execute(async (tx) => {
        await audit.record(tx, ctx, {
          action: 'test.rollback',
          subjectType: 'probe',
          subjectId: 'x',
          change: { a: 1 },
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await queryAuditEvents(t.db.kysely, { action: 'test.rollback', limit: 10 })).toHaveLength(0);
    const id = await t.db.kysely.transaction().execute((tx) =>
      audit.record(tx, ctx, {
        action: 'test.keep',
        subjectType: 'probe',
        subjectId: 'y',
        change: { phone: '18049531999' },
      }),
    );
    const [event] = await queryAuditEvents(t.db.kysely, { action: 'test.keep', limit: 10 });
    expect(event!.id).toBe(id);
    expect(event!.changeDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain('18049531999');
    await expect(
      sql`update audit_events set action = 'x' where id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = ${id}`.execute(t.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_salts where event_id = ${id}`.execute(t.db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_salts set salt = '00' where event_id = ${id}`.execute(t.db.kysely),
    ).rejects.toThrow(/append-only/);
  });
});
