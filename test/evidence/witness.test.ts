import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, generateKeyPair, publicInfo } from '../../src/kernel/index.js';
import {
  formatCheckpoint,
  leafHash,
  MemorySubtreeStore,
  noteSigner,
  signNote,
  treeHasher,
  verifierKey,
  verifyReceipt,
  verifyStoredLedger,
  witnessOnce,
  type NotarisationReceipt,
  type WitnessState,
} from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { dropLedgerTriggers, recordEvents, serve } from './ledger-helpers.js';

const engines = await testEngines();

describe.each(engines)('witnesses, notarisation and an operator rewrite on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let url: string;
  let logKeys: string[];
  const witnesses = ['court.example/witness', 'audit-office.example/witness'].map((name) => ({
    name,
    key: generateKeyPair('Ed25519'),
  }));
  const states = new Map<string, WitnessState | null>();
  const cosignAll = async () => {
    const out = [];
    for (const wi of witnesses) {
      const r = await witnessOnce({ url, name: wi.name, key: wi.key, logKeys }, states.get(wi.name) ?? null);
      if (r.status === 'cosigned') states.set(wi.name, r.state);
      out.push(r);
    }
    return out;
  };
  const fileA = Buffer.from('低保审核批复 2026-03-02：同意民政局查询申请。', 'utf8');
  let receiptA: NotarisationReceipt;
  let witnessKeys: string[];

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    w = await buildWorld(t);
    url = await serve(t);
    await t.platform.ledger.flush();
    logKeys = (await send(t, 'GET', '/api/v1/ledger/keys'))
      .json()
      .keys.map((k: { verifierKey: string }) => k.verifierKey);
    witnessKeys = witnesses.map((wi) => verifierKey(wi.name, 'cosignature/v1', publicInfo(wi.key)));
  });
  afterAll(async () => t.close());

  it('registers witnesses (secadmin only) and sets the quorum', async () => {
    expect(
      (
        await send(t, 'POST', '/api/v1/ledger/witnesses', {
          token: w.tokens.sysadmin,
          payload: { verifierKey: witnessKeys[0] },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await send(t, 'POST', '/api/v1/ledger/witnesses', {
      token: w.tokens.secadmin,
      payload: { verifierKey: logKeys[0] },
    });
    expect(bad.statusCode).toBe(400);
    for (const k of witnessKeys) {
      expect(
        (
          await send(t, 'POST', '/api/v1/ledger/witnesses', {
            token: w.tokens.secadmin,
            payload: { verifierKey: k, description: '独立见证方' },
          })
        ).statusCode,
      ).toBe(201);
    }
    // The same key under another name would count twice towards the quorum: refused.
    const dup = await send(t, 'POST', '/api/v1/ledger/witnesses', {
      token: w.tokens.secadmin,
      payload: {
        verifierKey: verifierKey('alias.example/witness', 'cosignature/v1', publicInfo(witnesses[0]!.key)),
      },
    });
    expect(dup.statusCode).toBe(409);
    // A quorum above the number of witnesses could never be met.
    const tooHigh = await send(t, 'PUT', '/api/v1/ledger/quorum', {
      token: w.tokens.secadmin,
      payload: { quorum: 3 },
    });
    expect(tooHigh.statusCode).toBe(422);
    expect(
      (await send(t, 'PUT', '/api/v1/ledger/quorum', { token: w.tokens.secadmin, payload: { quorum: 2 } }))
        .statusCode,
    ).toBe(200);
  });

  it('notarises a digest: 201 with a receipt in a signed checkpoint, final only once the quorum cosigned', async () => {
    const digest = createHash('sha256').update(fileA).digest('hex');
    const res = await send(t, 'POST', '/api/v1/evidence/notarisations', {
      token: w.tokens.steward,
      payload: { digestAlg: 'sha256', digest, title: '低保审核批复' },
    });
    expect(res.statusCode).toBe(201);
    receiptA = res.json();
    expect(receiptA.final).toBe(false);
    expect(receiptA.leaf.digest).toEqual({ alg: 'sha256', value: digest });
    expect(JSON.stringify(receiptA.leaf)).not.toContain('低保审核批复');
    const notFinal = verifyReceipt(receiptA, { logKeys, witnessKeys, quorum: 2, file: fileA });
    expect(notFinal.ok).toBe(true);
    expect(notFinal.final).toBe(false);

    const runs = await cosignAll();
    expect(runs.map((r) => r.status)).toEqual(['cosigned', 'cosigned']);
    receiptA = (
      await send(t, 'GET', `/api/v1/evidence/notarisations/${receiptA.id}`, { token: w.tokens.steward })
    ).json();
    expect(receiptA.final).toBe(true);
    const v = verifyReceipt(receiptA, { logKeys, witnessKeys, quorum: 2, file: fileA });
    expect(v.ok && v.final).toBe(true);
    // A modified file is rejected; so is the receipt with too few trusted witnesses.
    expect(
      verifyReceipt(receiptA, {
        logKeys,
        witnessKeys,
        quorum: 2,
        file: Buffer.concat([fileA, Buffer.from(' ')]),
      }).ok,
    ).toBe(false);
    const stranger = verifierKey(
      'stranger.example/witness',
      'cosignature/v1',
      publicInfo(generateKeyPair('Ed25519')),
    );
    expect(
      verifyReceipt(receiptA, { logKeys, witnessKeys: [witnessKeys[0]!, stranger], quorum: 2 }).final,
    ).toBe(false);
    // Another organisation cannot read the receipt; the auditor can.
    expect(
      (await send(t, 'GET', `/api/v1/evidence/notarisations/${receiptA.id}`, { token: w.tokens.org_admin_b }))
        .statusCode,
    ).toBe(404);
    expect(
      (await send(t, 'GET', `/api/v1/evidence/notarisations/${receiptA.id}`, { token: w.tokens.auditor }))
        .statusCode,
    ).toBe(200);
  });

  it('notarises an uploaded file, keeping only its digest', async () => {
    const bytes = Buffer.from('%PDF-1.7 不动产登记证明 …', 'utf8');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence/notarisations/file?digestAlg=sm3&title=%E8%AF%81%E6%98%8E',
      headers: { authorization: `Bearer ${w.tokens.consumer}`, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(res.statusCode).toBe(201);
    const r = res.json() as NotarisationReceipt;
    expect(r.digest.alg).toBe('sm3');
    expect(verifyReceipt(r, { logKeys, quorum: 0, file: bytes }).ok).toBe(true);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evidence/notarisations/file',
      headers: { authorization: `Bearer ${w.tokens.consumer}`, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(0),
    });
    expect(empty.statusCode).toBe(400);
  });

  it('witnesses refuse a rewritten history; old receipts stay valid; the altered entry never reaches the quorum', async () => {
    await recordEvents(t, 3);
    await t.platform.ledger.flush();
    expect((await cosignAll()).map((r) => r.status)).toEqual(['cosigned', 'cosigned']);

    // The operator rewrites receipt A's entry (a different file digest in its audit event, so the leaf derived
    // from it differs), stores the new leaf hash, recomputes the whole tree and re-signs a fresh checkpoint with
    // the platform's own key.
    await dropLedgerTriggers(t, engine);
    const db = t.platform.db.kysely;
    const h = treeHasher('sha256');
    const fake = 'f'.repeat(64);
    const forged = {
      ...receiptA.leaf,
      details: { ...(receiptA.leaf.details as Record<string, unknown>), fileDigest: fake },
      digest: { alg: 'sha256', value: fake },
    };
    const forgedText = canonicalJson(forged);
    await sql`update audit_events set details = ${JSON.stringify(forged.details)} where id = ${receiptA.leaf.id as string}`.execute(
      db,
    );
    await sql`update ledger_leaves set leaf_hash = ${leafHash(h, Buffer.from(forgedText))} where idx = ${receiptA.leafIndex}`.execute(
      db,
    );
    // What the platform now serves for that entry is the forged leaf.
    const served = (
      await send(
        t,
        'GET',
        `/api/v1/ledger/entries?start=${receiptA.leafIndex}&end=${receiptA.leafIndex + 1}`,
        {
          token: w.tokens.auditor,
        },
      )
    ).json() as { leaf: unknown }[];
    expect(canonicalJson(served[0]!.leaf)).toBe(forgedText);
    const leaves = await sql<{ leaf_hash: Buffer }>`select leaf_hash from ledger_leaves order by idx`.execute(
      db,
    );
    const tree = new MemorySubtreeStore(h);
    for (const r of leaves.rows) tree.append(Buffer.from(r.leaf_hash));
    await sql`delete from ledger_nodes`.execute(db);
    const origin = 'localhost:8080/ledger';
    const note = signNote(formatCheckpoint({ origin, size: tree.size, rootHash: tree.root() }), [
      noteSigner(origin, t.platform.keyring.current('checkpoint')),
    ]);
    await sql`insert into ledger_checkpoints (id, size, root_hash, note, created_at) values (${'ffffffff-ffff-7fff-bfff-ffffffffffff'}, ${tree.size}, ${tree.root()}, ${note}, ${'2099-01-01T00:00:00.000Z'})`.execute(
      db,
    );
    // Recompute and store every complete-subtree node of the forged tree, as a careful operator would.
    const forgedNodes = new MemorySubtreeStore(h);
    for (const r of leaves.rows) {
      for (const n of forgedNodes.append(Buffer.from(r.leaf_hash))) {
        await sql`insert into ledger_nodes (level, idx, hash) values (${n.level}, ${n.index}, ${n.hash})`.execute(
          db,
        );
      }
    }

    // Same size, another root: a split view.
    let runs = await cosignAll();
    expect(runs.map((r) => r.status)).toEqual(['refused', 'refused']);
    expect(runs[0]!.reason).toMatch(/two roots/);
    // The operator carries on appending; the platform signs on top of the forged tree, but no consistency proof
    // can link it to what the witnesses cosigned.
    await recordEvents(t, 3);
    await t.platform.ledger.flush();
    runs = await cosignAll();
    expect(runs.map((r) => r.status)).toEqual(['refused', 'refused']);
    expect(runs[0]!.reason).toMatch(/not consistent/);
    const alerts = (
      await send(t, 'GET', '/api/v1/alerts?severity=critical', { token: w.tokens.secadmin })
    ).json();
    const types = alerts.map((a: { type: string }) => a.type);
    expect(types).toEqual(
      expect.arrayContaining(['evidence.witness.split-view', 'evidence.witness.consistency-failure']),
    );

    // Receipt A, issued before the rewrite, still verifies offline against its cosigned checkpoint.
    const old = verifyReceipt(receiptA, { logKeys, witnessKeys, quorum: 2, file: fileA });
    expect(old.ok && old.final).toBe(true);
    // A receipt for the altered entry, built on the forged checkpoint, cannot meet the quorum.
    const forgedReceipt = {
      ...receiptA,
      leaf: forged,
      leafHash: leafHash(h, Buffer.from(forgedText)).toString('base64'),
      digest: forged.digest,
      checkpoint: note,
      cosignatures: [],
      inclusionProof: tree.inclusionProof(receiptA.leafIndex).map((p) => p.toString('base64')),
    };
    const fv = verifyReceipt(forgedReceipt, { logKeys, witnessKeys, quorum: 2 });
    expect(fv.ok).toBe(true);
    expect(fv.final).toBe(false);
    // Nor by borrowing the real cosignatures: they sign the old root.
    const borrowed = verifyReceipt(
      { ...forgedReceipt, cosignatures: receiptA.cosignatures },
      { logKeys, witnessKeys, quorum: 2 },
    );
    expect(borrowed.final).toBe(false);
    // The platform's own verification places the altered entry. Every row is self-consistent (the event and the
    // leaf hash were both rewritten), so it is the signed checkpoints that place it: at or after the last one whose
    // root still matches, and before the first that covers receipt A's entry, whose signed root no longer does.
    const full = await verifyStoredLedger(t.platform.db, t.platform.keyring);
    expect(full.ok).toBe(false);
    const covering = (
      await sql<{
        n: number;
      }>`select min(size) as n from ledger_checkpoints where size > ${receiptA.leafIndex}`.execute(db)
    ).rows[0]!.n;
    const lastGood = (
      await sql<{
        n: number;
      }>`select max(size) as n from ledger_checkpoints where size <= ${receiptA.leafIndex}`.execute(db)
    ).rows[0]!.n;
    expect(full.firstBadIndex).toBe(Number(lastGood));
    expect(full.problems[0]).toContain(`checkpoint of size ${Number(covering)} signed root`);
  });
});
