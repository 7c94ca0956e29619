import { ed25519 } from '@noble/curves/ed25519.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, systemContext } from '../../src/kernel/index.js';
import {
  decodeBase64,
  encodeBase64,
  leafHashOf,
  parseNote,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
} from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { recordEvents } from './ledger-helpers.js';

const engines = await testEngines();

describe.each(engines)('evidence log on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    w = await buildWorld(t);
    await send(t, 'POST', '/api/v1/users', {
      token: w.tokens.sysadmin,
      payload: {
        orgId: w.orgA,
        username: 'pii.person',
        displayName: '段正淳',
        password: 'Test-Passw0rd!',
        phone: '18049531999',
        email: 'duanzc@example.gov.cn',
      },
    });
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  it('makes every audit event a leaf: gapless, once each, without personal data in clear', async () => {
    const db = t.platform.db.kysely;
    const events = await sql<{ n: number }>`select count(*) as n from audit_events`.execute(db);
    const leaves = await sql<{
      n: number;
      lo: number;
      hi: number;
    }>`select count(*) as n, min(idx) as lo, max(idx) as hi from ledger_leaves`.execute(db);
    const n = Number(events.rows[0]!.n);
    expect(n).toBeGreaterThan(20);
    expect(Number(leaves.rows[0]!.n)).toBe(n);
    expect(Number(leaves.rows[0]!.lo)).toBe(0);
    expect(Number(leaves.rows[0]!.hi)).toBe(n - 1);
    // Every leaf as served to an auditor (derived from its audit event) hashes to the stored leaf hash.
    const served = (
      await send(t, 'GET', '/api/v1/ledger/entries?start=0&limit=1000', { token: w.tokens.auditor })
    ).json() as { index: number; leafHash: string; leaf: Record<string, unknown> }[];
    expect(served).toHaveLength(n);
    const h = treeHasher('sha256');
    for (const e of served) expect(encodeBase64(leafHashOf(h, e.leaf))).toBe(e.leafHash);
    const text = served.map((e) => JSON.stringify(e.leaf)).join('\n');
    for (const secret of ['18049531999', 'duanzc@example.gov.cn', '段正淳', 'Test-Passw0rd!'])
      expect(text).not.toContain(secret);
    expect(text).toContain('identity.user.create');
  });

  it('serves a C2SP checkpoint whose signature an independent Ed25519 implementation accepts', async () => {
    const res = await send(t, 'GET', '/api/v1/ledger/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const note = parseNote(res.body);
    const [origin, size, root] = note.text.split('\n');
    expect(origin).toBe('localhost:8080/ledger');
    expect(Number(size)).toBeGreaterThan(20);
    expect(decodeBase64(root!)!.length).toBe(32);
    const keys = (await send(t, 'GET', '/api/v1/ledger/keys')).json();
    const vkey = keys.keys.find((k: { current: boolean }) => k.current).verifierKey as string;
    // The base64 part may itself contain '+': split at the first two only.
    const material = Buffer.from(vkey.slice(vkey.indexOf('+', vkey.indexOf('+') + 1) + 1), 'base64');
    expect(material[0]).toBe(0x01);
    const sig = note.signatures[0]!.signature;
    expect(ed25519.verify(sig, Buffer.from(note.text, 'utf8'), material.subarray(1))).toBe(true);
    expect(
      ed25519.verify(sig, Buffer.from(note.text.replace(/\n\d+\n/, '\n1\n'), 'utf8'), material.subarray(1)),
    ).toBe(false);
  });

  it('proves inclusion and consistency, and refuses bad proof requests with 400', async () => {
    const h = treeHasher('sha256');
    for (let i = 0; i < 2; i++) {
      await recordEvents(t, 3);
      await t.platform.ledger.flush();
    }
    const cps = (await send(t, 'GET', '/api/v1/ledger/checkpoints?from=0&limit=1000')).json() as {
      size: number;
      rootHash: string;
    }[];
    const big = cps.at(-1)!;
    const small = cps.find((c) => c.size >= 3 && c.size < big.size)!;
    for (const index of [0, 1, small.size - 1, big.size - 1]) {
      const p = (
        await send(t, 'GET', `/api/v1/ledger/proof/inclusion?index=${index}&treeSize=${big.size}`)
      ).json();
      expect(p.rootHash).toBe(big.rootHash);
      const ok = verifyInclusion(
        h,
        index,
        big.size,
        Buffer.from(p.leafHash, 'base64'),
        p.proof.map((x: string) => Buffer.from(x, 'base64')),
        Buffer.from(big.rootHash, 'base64'),
      );
      expect(ok).toBe(true);
      const byHash = (
        await send(
          t,
          'GET',
          `/api/v1/ledger/proof/inclusion?leafHash=${encodeURIComponent(p.leafHash)}&treeSize=${big.size}`,
        )
      ).json();
      expect(byHash.leafIndex).toBe(index);
    }
    const c = (
      await send(t, 'GET', `/api/v1/ledger/proof/consistency?first=${small.size}&second=${big.size}`)
    ).json();
    expect(c.firstRoot).toBe(small.rootHash);
    const b64 = (x: string) => Buffer.from(x, 'base64');
    expect(
      verifyConsistency(h, small.size, big.size, b64(small.rootHash), b64(big.rootHash), c.proof.map(b64)),
    ).toBe(true);
    const zero = await send(t, 'GET', `/api/v1/ledger/proof/consistency?first=0&second=${big.size}`);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.details.fields[0].field).toBe('first');
    expect((await send(t, 'GET', `/api/v1/ledger/proof/consistency?first=5&second=3`)).statusCode).toBe(400);
    expect(
      (await send(t, 'GET', `/api/v1/ledger/proof/inclusion?index=0&treeSize=${big.size + 100}`)).statusCode,
    ).toBe(400);
    expect((await send(t, 'GET', `/api/v1/ledger/proof/inclusion?treeSize=3`)).statusCode).toBe(400);
  });

  it('shows leaf bodies to auditors and only hashes to everyone else', async () => {
    const anon = (await send(t, 'GET', '/api/v1/ledger/entries?start=0&limit=5')).json();
    expect(anon).toHaveLength(5);
    expect(anon[0].leaf).toBeUndefined();
    const consumer = (
      await send(t, 'GET', '/api/v1/ledger/entries?start=0&limit=5', { token: w.tokens.consumer })
    ).json();
    expect(consumer[0].leaf).toBeUndefined();
    const auditor = (
      await send(t, 'GET', '/api/v1/ledger/entries?start=0&limit=500&action=identity.org.create', {
        token: w.tokens.auditor,
      })
    ).json();
    expect(auditor.length).toBeGreaterThanOrEqual(3);
    expect(
      auditor.every(
        (e: { leaf: { action: string; index: number }; index: number }) =>
          e.leaf.action === 'identity.org.create' && e.leaf.index === e.index,
      ),
    ).toBe(true);
  });

  it('keeps commit order and loses or repeats nothing with parallel writers and two sequencers', async () => {
    const before = (await t.platform.db.kysely
      .selectFrom('ledger_state' as never)
      .select('size' as never)
      .executeTakeFirst()) as unknown as { size: number };
    // Sequential: A commits before B begins, across many pairs → A's index is lower.
    const pairs: [string, string][] = [];
    for (let i = 0; i < 5; i++) {
      const [a] = await recordEvents(t, 1, 'test.order.a');
      const [b] = await recordEvents(t, 1, 'test.order.b');
      pairs.push([a!, b!]);
    }
    // Parallel writers while two sequencing loops run.
    const writers = Array.from({ length: 4 }, () => recordEvents(t, 25, 'test.parallel'));
    const sequencers = Array.from({ length: 2 }, async () => {
      for (let i = 0; i < 20; i++) await t.platform.ledger.tick();
    });
    await Promise.all([...writers, ...sequencers]);
    await t.platform.ledger.flush();
    const rows = await sql<{
      idx: number;
      event_id: string;
    }>`select idx, event_id from ledger_leaves where idx >= ${before.size} order by idx`.execute(
      t.platform.db.kysely,
    );
    const idxs = rows.rows.map((r) => Number(r.idx));
    expect(idxs).toEqual(Array.from({ length: idxs.length }, (_, i) => before.size + i));
    expect(new Set(rows.rows.map((r) => r.event_id)).size).toBe(rows.rows.length);
    expect(rows.rows.length).toBe(110);
    const at = new Map(rows.rows.map((r) => [r.event_id, Number(r.idx)]));
    for (const [a, b] of pairs) expect(at.get(a)!).toBeLessThan(at.get(b)!);
    void systemContext;
    void newId;
  });
});
