import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublicKey } from '../../src/kernel/index.js';
import {
  openCheckpoint,
  parseNote,
  parseVerifierKey,
  treeHasher,
  verifyInclusion,
} from '../../src/modules/evidence/index.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { recordEvents } from './ledger-helpers.js';

// A log created under the 国密 profile: SM3 tree hashing, said so in the origin line, and an SM2 signature line
// beside the Ed25519 one — checked with sm-crypto-v2, an implementation we did not sign with.

const engines = await testEngines();

describe.each(engines)('the ledger under the sm profile on %s', (engine) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform(engine, { profile: 'sm', env: { ORDERLY_CHECKPOINT_INTERVAL_MS: '0' } });
    await recordEvents(t, 5);
    await t.platform.ledger.flush();
  });
  afterAll(async () => t.close());

  it('signs SM3 checkpoints with Ed25519 and SM2 lines that independent code verifies', async () => {
    const text = (await send(t, 'GET', '/api/v1/ledger/checkpoint')).body;
    const note = parseNote(text);
    expect(note.text.split('\n')[0]).toBe('localhost:8080/ledger/sm3');
    expect(note.signatures).toHaveLength(2);
    const keys = (await send(t, 'GET', '/api/v1/ledger/keys')).json();
    expect(keys.hashAlg).toBe('sm3');
    const smKey = keys.keys.find((k: { alg: string }) => k.alg === 'SM2');
    const verifier = parseVerifierKey(smKey.verifierKey);
    const line = note.signatures.find((s) => s.keyId === verifier.keyId)!;
    const pubHex = parsePublicKey({ pem: smKey.publicKeyPem }).publicHex!;
    expect(
      sm2.doVerifySignature(Buffer.from(note.text, 'utf8'), line.signature.toString('hex'), pubHex, {
        hash: true,
      }),
    ).toBe(true);
    expect(
      sm2.doVerifySignature(Buffer.from(note.text + 'x', 'utf8'), line.signature.toString('hex'), pubHex, {
        hash: true,
      }),
    ).toBe(false);
    const opened = openCheckpoint(
      text,
      keys.keys.map((k: { verifierKey: string }) => parseVerifierKey(k.verifierKey)),
    );
    expect(opened.checkpoint.size).toBeGreaterThanOrEqual(5);
  });

  it('serves SM3 inclusion proofs', async () => {
    const size = Number((await send(t, 'GET', '/api/v1/ledger/checkpoint')).body.split('\n')[1]);
    const p = (await send(t, 'GET', `/api/v1/ledger/proof/inclusion?index=2&treeSize=${size}`)).json();
    const b = (x: string) => Buffer.from(x, 'base64');
    expect(verifyInclusion(treeHasher('sm3'), 2, size, b(p.leafHash), p.proof.map(b), b(p.rootHash))).toBe(
      true,
    );
    expect(verifyInclusion(treeHasher('sha256'), 2, size, b(p.leafHash), p.proof.map(b), b(p.rootHash))).toBe(
      false,
    );
  });
});
