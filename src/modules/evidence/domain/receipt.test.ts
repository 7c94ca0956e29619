// The offline receipt verifier: each link of the chain fails on its own, quorum decides `final`, and an
// operator who rewrites history and re-signs with the log key cannot produce a final receipt.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, sha256, type KeyPairInfo } from '../../../kernel/index.js';
import { formatCheckpoint, logOrigin } from './checkpoint.js';
import { cosign } from './cosignature.js';
import { NoteError } from './errors.js';
import { leafBytes, leafHashOf } from './leaf.js';
import { treeHasher, type LogHashAlg } from './merkle-hash.js';
import { verifyConsistency } from './merkle-verify.js';
import { noteSigner, verifierKey, type NoteSigner } from './note-keys.js';
import { addSignatureLines, signNote } from './note.js';
import { verifyReceipt, type Receipt, type ReceiptVerification } from './receipt.js';
import { MemorySubtreeStore } from './subtree-store.js';

const NAME = 'orderly.example/log';
const T = 1_760_000_000;

/** A log of decision events, one store per hash algorithm. */
function makeLog(alg: LogHashAlg, leaves: Record<string, unknown>[]) {
  const h = treeHasher(alg);
  const store = new MemorySubtreeStore(h);
  for (const leaf of leaves) store.append(leafHashOf(h, leaf));
  return { h, store, origin: logOrigin(NAME, alg) };
}

/** Event leaves: no personal data, only ids and digests, as the leaf schema requires. */
function events(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    type: 'sharing.decision',
    request: `req-${i}`,
    decision: i % 3 === 0 ? 'rejected' : 'approved',
    scopeDigest: sha256(`scope ${i}`).toString('hex'),
  }));
}

/** The signed checkpoint of the whole store. */
function checkpoint(log: ReturnType<typeof makeLog>, signers: NoteSigner[]): string {
  return signNote(
    formatCheckpoint({ origin: log.origin, size: log.store.size, rootHash: log.store.root() }),
    signers,
  );
}

/** Cosignature lines of witnesses over a signed checkpoint's body. */
function cosigned(signed: string, witnesses: NoteSigner[]): string {
  const body = signed.slice(0, signed.lastIndexOf('\n\n') + 1);
  return addSignatureLines(
    signed,
    witnesses.map((w) => cosign(body, w, T)),
  );
}

/** A receipt as the platform would serve it, round-tripped through JSON like a file handed to a court. */
function receipt(
  log: ReturnType<typeof makeLog>,
  leaf: Record<string, unknown>,
  index: number,
  signed: string,
): Receipt {
  const r = {
    id: 'n-1',
    leaf,
    leafIndex: index,
    leafHash: leafHashOf(log.h, leaf).toString('base64'),
    inclusionProof: log.store.inclusionProof(index).map((p) => p.toString('base64')),
    checkpoint: signed,
    final: true, // the platform's claim, which the verifier ignores
  };
  return JSON.parse(JSON.stringify(r)) as Receipt;
}

/** The failed check names of a verdict. */
const failed = (v: ReceiptVerification): string[] => v.checks.filter((c) => !c.ok).map((c) => c.name);

const logKey = generateKeyPair('Ed25519');
const witnessKeys: KeyPairInfo[] = [1, 2, 3].map(() => generateKeyPair('Ed25519'));
const witnessNames = ['court.example/w', 'dept.example/w', 'outside.example/w'];
const witnesses = witnessKeys.map((k, i) => noteSigner(witnessNames[i] as string, k, 'cosignature/v1'));
const witnessVkeys = witnessKeys.map((k, i) => verifierKey(witnessNames[i] as string, 'cosignature/v1', k));
const logVkey = verifierKey(NAME, 'ed25519', logKey);
const leaves = events(37);
const log = makeLog('sha256', leaves);
const signed = cosigned(checkpoint(log, [noteSigner(NAME, logKey)]), witnesses.slice(0, 2));
const trust = { logKeys: [logVkey], witnessKeys: witnessVkeys, quorum: 2 };

describe('verifyReceipt', () => {
  it('accepts a receipt with a log-signed, quorum-cosigned checkpoint as final', () => {
    const v = verifyReceipt(receipt(log, leaves[12] ?? {}, 12, signed), trust);
    expect(failed(v)).toEqual([]);
    expect(v).toMatchObject({ ok: true, final: true });
    expect(v.witnesses.map((w) => w.name)).toEqual(witnessNames.slice(0, 2));
    expect(v.checks.map((c) => c.name)).toEqual([
      'format',
      'checkpoint',
      'leaf-hash',
      'inclusion',
      'log-signature',
      'witness-cosignatures',
      'quorum',
    ]);
  });

  it('is ok but not final below the quorum, and reads cosignatures given separately', () => {
    const plain = checkpoint(log, [noteSigner(NAME, logKey)]);
    const r = receipt(log, leaves[0] ?? {}, 0, plain);
    expect(verifyReceipt(r, trust)).toMatchObject({ ok: true, final: false });
    const body = plain.slice(0, plain.lastIndexOf('\n\n') + 1);
    r.cosignatures = witnesses.map((w) => cosign(body, w, T));
    expect(verifyReceipt(r, { ...trust, quorum: 3 })).toMatchObject({ ok: true, final: true });
  });

  it('fails the leaf hash and inclusion for a changed leaf, and inclusion for a changed proof or index', () => {
    const r = receipt(log, leaves[5] ?? {}, 5, signed);
    expect(failed(verifyReceipt({ ...r, leaf: { ...r.leaf, decision: 'approved!' } }, trust))).toEqual([
      'leaf-hash',
      'inclusion',
    ]);
    const proof = [...r.inclusionProof];
    proof[1] = Buffer.alloc(32, 1).toString('base64');
    expect(failed(verifyReceipt({ ...r, inclusionProof: proof }, trust))).toEqual(['inclusion']);
    expect(failed(verifyReceipt({ ...r, leafIndex: 6 }, trust))).toEqual(['inclusion']);
    expect(verifyReceipt({ ...r, leafIndex: 6 }, trust)).toMatchObject({ ok: false, final: false });
  });

  it('fails the log signature for another log key and a witness check for a forged cosignature', () => {
    const r = receipt(log, leaves[1] ?? {}, 1, signed);
    const other = verifierKey(NAME, 'ed25519', generateKeyPair('Ed25519'));
    expect(failed(verifyReceipt(r, { ...trust, logKeys: [other] }))).toEqual(['log-signature']);
    const forged = signed.replace(
      /(— court\.example\/w \S{20})(\S)/,
      (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'),
    );
    const v = verifyReceipt({ ...r, checkpoint: forged }, trust);
    expect(failed(v)).toEqual(['witness-cosignatures', 'quorum']);
    expect(v.ok).toBe(false);
  });

  it('counts one witness key once, whatever names its lines carry', () => {
    // cosignature/v1 does not sign the witness name, so a copied line under an alias verifies too.
    const alias = noteSigner('alias.example/w', witnessKeys[0] as KeyPairInfo, 'cosignature/v1');
    const body = signed.slice(0, signed.lastIndexOf('\n\n') + 1);
    const copied = addSignatureLines(signed, [cosign(body, alias, T)]);
    const aliasVkey = verifierKey('alias.example/w', 'cosignature/v1', witnessKeys[0] as KeyPairInfo);
    const v = verifyReceipt(receipt(log, leaves[2] ?? {}, 2, copied), {
      logKeys: [logVkey],
      witnessKeys: [witnessVkeys[0] as string, aliasVkey],
      quorum: 1,
    });
    expect(v.witnesses).toHaveLength(1);
    expect(() =>
      verifyReceipt(
        {},
        { logKeys: [logVkey], witnessKeys: [witnessVkeys[0] as string, aliasVkey], quorum: 2 },
      ),
    ).toThrow(/distinct witness keys \(1\)/);
  });

  it('checks a notarised file against the digest the leaf records', () => {
    const file = Buffer.from('contract v1');
    const digest = { alg: 'sm3' as const, value: treeHasher('sm3')(file).toString('hex') };
    const notarised = [...leaves, { type: 'notarisation', digest, title: 'contract' }];
    const nlog = makeLog('sha256', notarised);
    const nsigned = checkpoint(nlog, [noteSigner(NAME, logKey)]);
    const r = { ...receipt(nlog, notarised[37] ?? {}, 37, nsigned), digest };
    const t0 = { logKeys: [logVkey], quorum: 0 };
    expect(verifyReceipt(r, { ...t0, file })).toMatchObject({ ok: true, final: true });
    expect(failed(verifyReceipt(r, { ...t0, file: Buffer.from('contract v2') }))).toEqual(['file']);
    const other = { alg: 'sm3' as const, value: '0'.repeat(64) };
    expect(failed(verifyReceipt({ ...r, digest: other }, t0))).toEqual(['digest']);
    expect(failed(verifyReceipt({ ...r, digest: undefined }, { ...t0, file }))).toEqual(['file']);
  });

  it('verifies an SM3 log signed with Ed25519 and SM2, trusting only the SM2 key', () => {
    const smKey = generateKeyPair('SM2');
    const slog = makeLog('sm3', leaves);
    const origin = slog.origin;
    const s = checkpoint(slog, [noteSigner(origin, logKey), noteSigner(origin, smKey)]);
    const v = verifyReceipt(receipt(slog, leaves[30] ?? {}, 30, s), {
      logKeys: [verifierKey(origin, 'sm2', smKey)],
      quorum: 0,
    });
    expect(v).toMatchObject({ ok: true, final: true });
    expect(v.checks.find((c) => c.name === 'checkpoint')?.detail).toContain('SM3');
    // The SHA-256 tree of the same leaves has another root: the hash cannot be swapped silently.
    expect(slog.store.root().equals(log.store.root())).toBe(false);
  });

  it('reports malformed receipts and checkpoints as failed checks, and bad trust inputs as errors', () => {
    expect(verifyReceipt(null, trust)).toMatchObject({ ok: false, final: false });
    expect(failed(verifyReceipt({ leaf: {}, leafIndex: -1 }, trust))).toEqual(['format']);
    const r = receipt(log, leaves[3] ?? {}, 3, signed);
    expect(failed(verifyReceipt({ ...r, digest: { alg: 'md5', value: 'x' } }, trust))).toEqual(['format']);
    expect(failed(verifyReceipt({ ...r, checkpoint: 'garbage' }, trust))).toEqual(['checkpoint']);
    expect(failed(verifyReceipt(r, { ...trust, origin: 'other.example/log' }))).toEqual(['checkpoint']);
    expect(() => verifyReceipt(r, { ...trust, logKeys: ['nonsense'] })).toThrow(NoteError);
    expect(() => verifyReceipt(r, { ...trust, logKeys: [] })).toThrow(NoteError);
    expect(() => verifyReceipt(r, { ...trust, witnessKeys: [logVkey] })).toThrow(/cosignature\/v1/);
    expect(() => verifyReceipt(r, { ...trust, quorum: 4 })).toThrow(/quorum/);
  });
});

// The required scenario at the domain level: the operator rewrites an old leaf, recomputes the tree
// and signs a fresh checkpoint with the platform key. Witnesses check consistency and refuse to cosign.
describe('an operator rewriting history', () => {
  it('cannot get witnesses to cosign, so no receipt for the altered entry becomes final', () => {
    const honest = makeLog('sha256', leaves);
    const cosignedOld = cosigned(checkpoint(honest, [noteSigner(NAME, logKey)]), witnesses.slice(0, 2));
    const oldReceipt = receipt(honest, leaves[5] ?? {}, 5, cosignedOld);

    const rewritten = leaves.map((l, i) => (i === 5 ? { ...l, decision: 'rejected' } : l));
    expect(leaves[5]?.decision).toBe('approved');
    rewritten.push(...events(1).map((e) => ({ ...e, request: 'req-new' })));
    const evil = makeLog('sha256', rewritten);
    const evilSigned = checkpoint(evil, [noteSigner(NAME, logKey)]);

    // What a witness checks before cosigning: consistency from the size it last cosigned.
    const consistent = verifyConsistency(
      evil.h,
      honest.store.size,
      evil.store.size,
      honest.store.root(),
      evil.store.root(),
      evil.store.consistencyProof(honest.store.size),
    );
    expect(consistent).toBe(false);

    const evilReceipt = receipt(evil, rewritten[5] ?? {}, 5, evilSigned);
    expect(verifyReceipt(evilReceipt, trust)).toMatchObject({ ok: true, final: false });
    expect(failed(verifyReceipt({ ...evilReceipt, checkpoint: cosignedOld }, trust))).toEqual(['inclusion']);
    expect(verifyReceipt(oldReceipt, trust)).toMatchObject({ ok: true, final: true });
  });
});

describe('leafBytes', () => {
  it('is the UTF-8 of the JCS form: sorted keys, no whitespace, objects only', () => {
    expect(leafBytes({ b: 1, a: '中', c: [true, null] }).toString('utf8')).toBe(
      '{"a":"中","b":1,"c":[true,null]}',
    );
    expect(() => leafBytes([1])).toThrow(TypeError);
    expect(() => leafBytes({ x: Number.NaN })).toThrow(TypeError);
  });
});
