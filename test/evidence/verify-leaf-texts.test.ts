import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, newId, systemContext, type AuditEventInput } from '../../src/kernel/index.js';
import { ledgerAuditPort, verifyStoredLedger } from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers } from './ledger-helpers.js';

// Full verification in worker threads checks most leaves against a leaf text the database builds from the
// stored event (leafTextSql in leaf-reader.repository.ts); whatever does not match is checked again from the event. These
// tests count the leaves checked again: zero for every ordinary event, however awkward its strings, and exactly
// the rows that need it otherwise — with the same verdict as the single-threaded scan in every case.

const engines = await testEngines();

// Strings JSON escapes in every way it can: quotes, backslashes, the short escapes, other control characters,
// characters JSON leaves alone (DEL, U+2028, CJK, an astral emoji) and a lone surrogate (stored as U+FFFD).
const awkward = [
  'quote " backslash \\ slash /',
  'controls \b\f\n\r\t \u0001 \u001f end',
  'del \u007f sep \u2028 \u2029',
  '中文名称 and émoji 😀',
  'lone \ud800 surrogate',
];

function awkwardEvents(tag: string): AuditEventInput[] {
  return awkward.map((text, i) => ({
    action: `test.texts.${tag}`,
    subjectType: `type ${text}`,
    subjectId: text,
    ...(i % 2 === 0 && { orgId: `org ${text}` }),
    ...(i !== 1 && { change: { text } }),
    // Keys out of order, numbers in JSON's several forms: stored in RFC 8785 form.
    details: { z: text, a: i, é: 1e21, b: -0.5, c: null, d: true, 中: 0.1 + 0.2 },
  }));
}

describe.each(engines)('full verification from database-built leaf texts on %s', (engine) => {
  let t: TestPlatform;
  const db = () => t.platform.db.kysely;
  const port = () => t.platform.audit as ReturnType<typeof ledgerAuditPort>;
  const workerOpts = () => ({
    workers: 1,
    workerThreshold: 0,
    ...(t.testDb.url && { databaseUrl: t.testDb.url }),
  });
  const leafIndexOf = async (eventId: string) =>
    Number(
      (await sql<{ idx: number }>`select idx from ledger_leaves where event_id = ${eventId}`.execute(db()))
        .rows[0]!.idx,
    );
  const bothWays = async () => {
    const serial = await verifyStoredLedger(t.platform.db, t.platform.keyring, { workers: 0 });
    const parallel = await verifyStoredLedger(t.platform.db, t.platform.keyring, workerOpts());
    expect(serial.workers).toBe(0);
    expect(parallel.workers).toBe(1);
    expect({ ...parallel, seconds: 0, workers: 0, rechecked: 0 }).toEqual({
      ...serial,
      seconds: 0,
      workers: 0,
    });
    return parallel;
  };
  let ids: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    const ctx = systemContext('actor "quoted" \\ 中文', newId());
    const single = await db()
      .transaction()
      .execute(async (tx) => {
        const out: string[] = [];
        for (const e of awkwardEvents('one')) out.push(await port().record(tx, ctx, e));
        return out;
      });
    const many = await db()
      .transaction()
      .execute((tx) => port().recordMany(tx, ctx, awkwardEvents('many')));
    ids = [...single, ...many];
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  it('stores details in RFC 8785 form', async () => {
    const stored = await sql<{ details: string }>`select details from audit_events
      where id = ${ids[0]!}`.execute(db());
    const expected = canonicalJson(JSON.parse(JSON.stringify(awkwardEvents('one')[0]!.details)));
    expect(stored.rows[0]!.details).toBe(expected);
    expect(expected.startsWith('{"a":0,"b":-0.5,"c":null,"d":true,"z":')).toBe(true);
  });

  it('checks every ordinary leaf from the text the database built, with the verdict of the single thread', async () => {
    const v = await bothWays();
    expect(v.ok).toBe(true);
    expect(v.rechecked).toBe(0);
  });

  it('checks notarisations, legacy details and altered events again from their events', async () => {
    // A notarisation's leaf lifts its file digest to the top level: the database does not build it.
    await db()
      .transaction()
      .execute((tx) =>
        port().record(tx, systemContext('notary', newId()), {
          action: 'evidence.notarise',
          subjectType: 'notarisation',
          subjectId: newId(),
          details: { fileDigest: 'ab'.repeat(32), fileDigestAlg: 'sha256', title: '合同' },
        }),
      );
    await t.platform.ledger.flush();
    const withNotarisation = await bothWays();
    expect(withNotarisation.ok).toBe(true);
    expect(withNotarisation.rechecked).toBe(1);

    // An event stored before details were kept canonical (JSON.stringify's key order): same leaf, same verdict.
    await dropLedgerTriggers(t, engine);
    const legacy = JSON.stringify(awkwardEvents('one')[2]!.details);
    expect(legacy).not.toBe(canonicalJson(JSON.parse(legacy)));
    await sql`update audit_events set details = ${legacy} where id = ${ids[2]!}`.execute(db());
    const withLegacy = await bothWays();
    expect(withLegacy.ok).toBe(true);
    expect(withLegacy.rechecked).toBe(2);

    // Details altered in meaning, and details that are not one JSON value (text spliced across the leaf's
    // fields): both caught at their leaf's index, as the single-threaded scan catches them.
    const altered = await leafIndexOf(ids[7]!);
    await sql`update audit_events set details = ${'{"a":999}'} where id = ${ids[7]!}`.execute(db());
    const splice = await leafIndexOf(ids[8]!);
    await sql`update audit_events set details = ${'{"a":3},"id":"x"'} where id = ${ids[8]!}`.execute(db());
    const tampered = await bothWays();
    expect(tampered.ok).toBe(false);
    expect(tampered.firstBadIndex).toBe(altered);
    const spliced = tampered.problems.filter((p) => p.startsWith(`index ${splice}:`));
    expect(spliced).toHaveLength(1);
    expect(spliced[0]).toContain('gives no leaf');
    expect(tampered.rechecked).toBe(4);
  });
});
