// The console's receipt verifier (web/src/evidence/receipt-verify.ts: note parsing, WebCrypto Ed25519, JCS,
// RFC 9162) reaches the same verdict, check by check, as the platform's `orderly verify` verifier on genuine
// and tampered receipts; it verifies the worked example of docs/evidence-formats.md (an SM3 log) too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, type KeyPairInfo } from '../../src/kernel/index.js';
import {
  addSignatureLines as serverAddLines,
  cosign,
  formatCheckpoint,
  leafHashOf,
  logOrigin,
  MemorySubtreeStore,
  noteSigner,
  signNote,
  treeHasher,
  verifierKey,
  verifyReceipt as serverVerify,
  type LogHashAlg,
} from '../../src/modules/evidence/index.js';
import { utf8 } from '../../web/src/evidence/bytes.js';
import {
  addSignatureLines,
  NoteFormatError,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
} from '../../web/src/evidence/note.js';
import { checkNote } from '../../web/src/evidence/note-verify.js';
import { verifyReceipt, type ReceiptVerification } from '../../web/src/evidence/receipt-verify.js';

const NAME = 'orderly.example/log';
const T = 1_760_000_000;
const logKey = generateKeyPair('Ed25519');
const smKey = generateKeyPair('SM2');
const witnessKeys: KeyPairInfo[] = [1, 2].map(() => generateKeyPair('Ed25519'));
const witnessNames = ['court.example/w', 'dept.example/w'];
const witnesses = witnessKeys.map((k, i) => noteSigner(witnessNames[i]!, k, 'cosignature/v1'));
const witnessVkeys = witnessKeys.map((k, i) => verifierKey(witnessNames[i]!, 'cosignature/v1', k));

/** A notarisation receipt of leaf `at` of an n-leaf log, signed by the log and cosigned by `cosigners`. */
function makeReceipt(alg: LogHashAlg, n: number, at: number, cosigners: number, file: Buffer) {
  const h = treeHasher(alg);
  const origin = logOrigin(NAME, alg);
  const digest = { alg, value: h(file).toString('hex') };
  const leaves = Array.from({ length: n }, (_, i) =>
    i === at
      ? {
          v: 1,
          index: i,
          action: 'evidence.notarise',
          digest,
          title: '关于数据共享的批复',
          details: { sizeBytes: file.length },
        }
      : { v: 1, index: i, action: 'test.event', subject: { type: 'test', id: `s${i}` }, change: null },
  );
  const store = new MemorySubtreeStore(h);
  for (const l of leaves) store.append(leafHashOf(h, l));
  const signers = [noteSigner(origin, logKey), ...(alg === 'sm3' ? [noteSigner(origin, smKey)] : [])];
  const signed = signNote(formatCheckpoint({ origin, size: n, rootHash: store.root() }), signers);
  const body = signed.slice(0, signed.lastIndexOf('\n\n') + 1);
  const lines = witnesses.slice(0, cosigners).map((w) => cosign(body, w, T));
  const receipt = {
    id: 'n-1',
    leaf: leaves[at],
    leafIndex: at,
    leafHash: leafHashOf(h, leaves[at]).toString('base64'),
    digest,
    time: '2026-03-02T02:00:00.000Z',
    checkpoint: lines.length > 0 ? serverAddLines(signed, lines) : signed,
    cosignatures: lines,
    inclusionProof: store.inclusionProof(at).map((p) => p.toString('base64')),
    final: cosigners > 0,
  };
  const logKeys = [
    verifierKey(origin, 'ed25519', logKey),
    ...(alg === 'sm3' ? [verifierKey(origin, 'sm2', smKey)] : []),
  ];
  return { receipt: JSON.parse(JSON.stringify(receipt)) as Record<string, unknown>, logKeys, origin };
}

const failed = (v: { checks: { name: string; ok: boolean }[] }) =>
  v.checks.filter((c) => !c.ok).map((c) => c.name);
const summary = (v: { ok: boolean; final: boolean; checks: { name: string; ok: boolean }[] }) => ({
  ok: v.ok,
  final: v.final,
  checks: v.checks.map((c) => [c.name, c.ok]),
});

describe.each<LogHashAlg>(['sha256', 'sm3'])('browser receipt verification (%s log)', (alg) => {
  const file = Buffer.from('低保审核批复 2026-03-02：同意民政局查询申请。\n', 'utf8');
  const { receipt, logKeys, origin } = makeReceipt(alg, 23, 13, 1, file);
  // Both verifiers trust both log keys of an SM3 log; the browser cannot check SM2 and reports that line as
  // unchecked, relying on the log's Ed25519 signature.
  const browserTrust = { logKeys, witnessKeys: witnessVkeys, quorum: 1, origin };
  const serverTrust = browserTrust;

  const both = async (r: unknown, file?: Buffer, quorum = 1): Promise<ReceiptVerification> => {
    const b = await verifyReceipt(r, {
      ...browserTrust,
      quorum,
      ...(file && { file: new Uint8Array(file) }),
    });
    const s = serverVerify(r, { ...serverTrust, quorum, ...(file && { file }) });
    expect(summary(b)).toEqual(summary(s));
    return b;
  };

  it('accepts the genuine receipt with its file as final, like the platform verifier', async () => {
    const v = await both(receipt, file);
    expect(failed(v)).toEqual([]);
    expect(v).toMatchObject({ ok: true, final: true });
    expect(v.witnesses).toEqual([{ name: witnessNames[0], timestamp: T }]);
    expect(v.checks.map((c) => c.name)).toEqual([
      'format',
      'checkpoint',
      'file',
      'digest',
      'leaf-hash',
      'inclusion',
      'log-signature',
      'witness-cosignatures',
      'quorum',
    ]);
    const log = v.checks.find((c) => c.name === 'log-signature')!;
    expect(log.detail.code).toBe(alg === 'sm3' ? 'logSigOkUnchecked' : 'logSigOk');
  });

  it('is valid but not final below the quorum', async () => {
    expect(await both(receipt, file, 2)).toMatchObject({ ok: true, final: false });
    const plain = makeReceipt(alg, 23, 13, 0, file);
    expect(await both(plain.receipt, file)).toMatchObject({ ok: true, final: false });
  });

  it('fails exactly the check a tampering breaks', async () => {
    expect(failed(await both(receipt, Buffer.from('another file')))).toEqual(['file']);
    const leaf = receipt.leaf as Record<string, unknown>;
    expect(failed(await both({ ...receipt, leaf: { ...leaf, title: '改过的标题' } }, file))).toEqual([
      'leaf-hash',
      'inclusion',
    ]);
    const other = { alg, value: '0'.repeat(64) };
    expect(failed(await both({ ...receipt, digest: other }))).toEqual(['digest']);
    expect(failed(await both({ ...receipt, leafIndex: 12 }, file))).toEqual(['inclusion']);
    const proof = [...(receipt.inclusionProof as string[])];
    proof[0] = Buffer.alloc(32, 1).toString('base64');
    expect(failed(await both({ ...receipt, inclusionProof: proof }, file))).toEqual(['inclusion']);
    const cp = receipt.checkpoint as string;
    const forged = cp.replace(
      /(— court\.example\/w \S{20})(\S)/,
      (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'),
    );
    expect(failed(await both({ ...receipt, checkpoint: forged, cosignatures: [] }, file))).toEqual([
      'witness-cosignatures',
      'quorum',
    ]);
    const logSig = cp.replace(
      new RegExp(`(— ${origin.replace(/\//g, '\\/')} \\S{20})(\\S)`),
      (_m, a: string, c: string) => a + (c === 'A' ? 'B' : 'A'),
    );
    expect(failed(await both({ ...receipt, checkpoint: logSig }, file))).toEqual(['log-signature']);
    expect(failed(await both({ ...receipt, checkpoint: 'garbage' }))).toEqual(['checkpoint']);
    expect(failed(await both({ ...receipt, leafIndex: -1 }))).toEqual(['format']);
    expect(failed(await both(null))).toEqual(['format']);
  });

  it('rejects a checkpoint of another origin', async () => {
    const v = await verifyReceipt(receipt, { ...browserTrust, origin: 'other.example/log' });
    expect(failed(v)).toEqual(['checkpoint']);
    expect(v.checks[1]?.detail.code).toBe('checkpointOrigin');
  });
});

describe('browser note parsing', () => {
  const { receipt, logKeys } = makeReceipt('sha256', 5, 2, 2, Buffer.from('x'));
  const signed = receipt.checkpoint as string;

  it('splits a signed note and parses its checkpoint and signature lines', async () => {
    const note = parseNote(signed);
    expect(note.signatures.map((s) => s.name)).toEqual([NAME, ...witnessNames]);
    expect(note.signatures.map((s) => s.signature.length)).toEqual([64, 72, 72]);
    const cp = parseCheckpoint(note.text);
    expect(cp).toMatchObject({ origin: NAME, size: 5, extensions: [] });
    const checked = await checkNote(signed, [
      await parseVerifierKey(logKeys[0]!),
      await parseVerifierKey(witnessVkeys[1]!),
    ]);
    expect(checked.signatures.map((s) => s.status)).toEqual(['verified', 'unknown', 'verified']);
    expect(checked.signatures[2]?.timestamp).toBe(T);
    // Adding a line that is already there changes nothing.
    expect(addSignatureLines(signed, [note.signatures[1]!.line])).toBe(signed);
  });

  it('reads verifier keys whose base64 holds "+", and refuses wrong key IDs and malformed keys', async () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../docs/evidence-formats.md'), 'utf8');
    const plus = /orderly\.example\/log\/sm3\+4558d08e\+[A-Za-z0-9+/=]+/.exec(docs)![0];
    expect(plus.split('+').length).toBeGreaterThan(3);
    expect(await parseVerifierKey(plus)).toMatchObject({
      name: 'orderly.example/log/sm3',
      type: 'ed25519',
      keyId: 0x4558d08e,
    });
    const code = async (s: string) =>
      parseVerifierKey(s).then(
        () => 'ok',
        (e: unknown) => (e instanceof NoteFormatError ? e.code : 'other'),
      );
    expect(await code(plus.replace('+4558d08e+', '+4558d08f+'))).toBe('keyId');
    expect(await code('no-plus-signs')).toBe('keySyntax');
    expect(await code('a b+4558d08e+AQ==')).toBe('keyName');
    expect(await code('x+4558d08e+AQ')).toBe('keyBase64');
    expect(await code('x+4558d08e+BwAAAA==')).toBe('keyType');
    expect(await code('x+4558d08e+AQAA')).toBe('keyLength');
  });

  it('is strict about the note syntax', () => {
    const cp = signed;
    const code = (s: string) => {
      try {
        parseNote(s);
        return 'ok';
      } catch (e) {
        return e instanceof NoteFormatError ? e.code : 'other';
      }
    };
    expect(code(cp)).toBe('ok');
    expect(code(cp.replace(/\n/g, '\r\n'))).toBe('noteText');
    expect(code(cp.slice(0, -1))).toBe('noteText');
    expect(code(cp.replace('\n\n', '\n'))).toBe('noteSplit');
    expect(code(cp.replace('\u2014', '-'))).toBe('signatureLine');
    expect(() => parseCheckpoint('origin\n01\nAAAA\n')).toThrow(NoteFormatError);
    expect(() => parseCheckpoint(`origin\n${2 ** 53}\n${Buffer.alloc(32).toString('base64')}\n`)).toThrow(
      NoteFormatError,
    );
  });
});

describe('the worked example of docs/evidence-formats.md (SM3 log, Ed25519 + SM2 log keys, one witness)', () => {
  const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/evidence-formats.md'), 'utf8');
  const block = (marker: string) =>
    /```[a-z]*\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf(`<!-- ${marker} -->`)))![1]!;
  const keys = Object.fromEntries(
    block('example-keys')
      .split('\n')
      .filter((l) => l.includes('+'))
      .map((l) => [l.split(/\s{2,}/)[0], l.split(/\s+/).pop() ?? '']),
  );

  it('verifies as final with the file, checking the Ed25519 signature and leaving the SM2 one to orderly verify', async () => {
    const v = await verifyReceipt(JSON.parse(block('example-receipt')), {
      logKeys: [keys['log (Ed25519)']!, keys['log (SM2)']!],
      witnessKeys: [keys.witness!],
      quorum: 1,
      file: utf8('hello, court\n'),
    });
    expect(failed(v)).toEqual([]);
    expect(v).toMatchObject({ ok: true, final: true });
    expect(v.witnesses).toEqual([{ name: 'witness.example/court', timestamp: 1767225600 }]);
    expect(v.checks.find((c) => c.name === 'log-signature')?.detail).toEqual({
      code: 'logSigOkUnchecked',
      vars: { names: 'orderly.example/log/sm3 (ed25519)', unchecked: 'orderly.example/log/sm3 (sm2)' },
    });
  });

  it('does not call an SM2-only trust verified', async () => {
    const v = await verifyReceipt(JSON.parse(block('example-receipt')), {
      logKeys: [keys['log (SM2)']!],
      witnessKeys: [keys.witness!],
      quorum: 1,
    });
    expect(failed(v)).toEqual(['log-signature']);
    expect(v.checks.find((c) => c.name === 'log-signature')?.detail.code).toBe('logSigOnlyUnchecked');
  });
});
