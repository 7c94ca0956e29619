// Signed notes and verifier keys: the Go sumdb/note reference vector, Ed25519 and SM2 signatures checked by
// independent implementations (@noble/curves, sm-crypto-v2), key IDs recomputed with node:crypto, and the
// strict parsing rules of c2sp.org/signed-note.
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyPairFromPrivateRaw, rawPublicKey } from '../../../kernel/index.js';
import { NoteError } from './errors.js';
import {
  noteKeyId,
  noteSigner,
  noteVerifier,
  parseVerifierKey,
  verifierKey,
  type NoteVerifier,
} from './note-keys.js';
import { addSignatureLines, checkNote, openNote, parseNote, signNote } from './note.js';

/** SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4] computed here, independently of note-keys.ts. */
function expectedKeyId(name: string, type: string, key: Uint8Array): number {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from(type, 'hex'), key]))
    .digest()
    .readUInt32BE(0);
}

/** The bytes of a signature line after the key ID. */
function signatureBytes(signed: string, index = 0): { keyId: number; sig: Buffer } {
  const { signatures } = parseNote(signed);
  const s = signatures[index];
  if (!s) throw new Error('no such signature');
  return { keyId: s.keyId, sig: s.signature };
}

// golang.org/x/mod/sumdb/note's documented example (PeterNeumann): Ed25519 is deterministic, so our signer
// must reproduce Go's note byte for byte.
describe('Go sumdb/note reference vector', () => {
  const skey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
  const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
  const text =
    'If you think cryptography is the answer to your problem,\n' +
    "then you don't know what your problem is.\n";
  const signed =
    text +
    '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
  const seed = Buffer.from(skey.split('+').slice(4).join('+'), 'base64').subarray(1);
  const key = keyPairFromPrivateRaw('Ed25519', seed);

  it('derives the same verifier key and reproduces the signed note', () => {
    expect(verifierKey('PeterNeumann', 'ed25519', key)).toBe(vkey);
    expect(signNote(text, [noteSigner('PeterNeumann', key)])).toBe(signed);
  });

  it('opens the note with the parsed verifier key and rejects an altered text', () => {
    const v = parseVerifierKey(vkey);
    expect(openNote(signed, [v]).text).toBe(text);
    expect(() => openNote(signed.replace('cryptography', 'cryptographY'), [v])).toThrow(/does not verify/);
  });
});

describe('Ed25519 note signatures', () => {
  const key = generateKeyPair('Ed25519');
  const name = 'orderly.example/log';
  const text = 'orderly.example/log\n42\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';

  it('verify with @noble/curves over the exact note text, under the spec key ID', () => {
    const signed = signNote(text, [noteSigner(name, key)]);
    const { keyId, sig } = signatureBytes(signed);
    const pub = rawPublicKey(key);
    expect(keyId).toBe(expectedKeyId(name, '01', pub));
    expect(ed25519.verify(sig, Buffer.from(text, 'utf8'), pub)).toBe(true);
    expect(signed).toBe(
      `${text}\n— ${name} ${Buffer.concat([Buffer.from(keyId.toString(16).padStart(8, '0'), 'hex'), sig]).toString('base64')}\n`,
    );
  });
});

describe('SM2 note signatures (type 0xff ‖ DER OID 1.2.156.10197.1.501)', () => {
  const key = generateKeyPair('SM2');
  const name = 'orderly.example/log/sm3';
  const text = 'orderly.example/log/sm3\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
  const SM2_TYPE = 'ff06082a811ccf55018375';

  it('verify with sm-crypto-v2 (SM3, Z_A over the default ID) under the documented key ID', () => {
    const signed = signNote(text, [noteSigner(name, key)]);
    const { keyId, sig } = signatureBytes(signed);
    const pubHex = key.publicHex ?? '';
    expect(pubHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(keyId).toBe(expectedKeyId(name, SM2_TYPE, Buffer.from(pubHex, 'hex')));
    expect(sig).toHaveLength(64);
    expect(sm2.doVerifySignature(text, sig.toString('hex'), pubHex, { hash: true })).toBe(true);
    expect(sm2.doVerifySignature(`${text}x`, sig.toString('hex'), pubHex, { hash: true })).toBe(false);
  });

  it('has a verifier key that round-trips and names the type bytes', () => {
    const vkey = verifierKey(name, 'sm2', key);
    const [, id, material] = /^(?:[^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(vkey) ?? [];
    expect(Buffer.from(material ?? '', 'base64').toString('hex')).toBe(`${SM2_TYPE}${key.publicHex}`);
    const v = parseVerifierKey(vkey);
    expect(v.type).toBe('sm2');
    expect(v.keyId.toString(16).padStart(8, '0')).toBe(id);
    expect(openNote(signNote(text, [noteSigner(name, key)]), [v]).verified[0]?.type).toBe('sm2');
  });

  it('signs one note with both Ed25519 and SM2; a verifier trusting either one opens it', () => {
    const ed = generateKeyPair('Ed25519');
    const signed = signNote(text, [noteSigner(name, ed), noteSigner(name, key)]);
    expect(parseNote(signed).signatures).toHaveLength(2);
    const onlySm2 = openNote(signed, [noteVerifier(name, 'sm2', key)]);
    expect(onlySm2.verified.map((s) => s.type)).toEqual(['sm2']);
    const both = openNote(signed, [noteVerifier(name, 'sm2', key), noteVerifier(name, 'ed25519', ed)]);
    expect(both.verified.map((s) => s.type)).toEqual(['ed25519', 'sm2']);
  });
});

describe('verification rules', () => {
  const a = generateKeyPair('Ed25519');
  const b = generateKeyPair('Ed25519');
  const text = 'hello\n';
  const va = noteVerifier('a.example', 'ed25519', a);
  const signed = signNote(text, [noteSigner('a.example', a), noteSigner('b.example', b)]);

  it('ignores unknown keys, including a known name with another key ID', () => {
    const impostor = noteVerifier('b.example', 'ed25519', generateKeyPair('Ed25519'));
    const checked = checkNote(signed, [va, impostor]);
    expect(checked.signatures.map((s) => s.status)).toEqual(['verified', 'unknown']);
    expect(openNote(signed, [va, impostor]).verified.map((s) => s.name)).toEqual(['a.example']);
  });

  it('treats a bad signature of a known key as an error, and no known signature as an error', () => {
    const bytes = Buffer.from(signed.split('\n— a.example ')[1]?.split('\n')[0] ?? '', 'base64');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    const forged = signed.replace(/— a\.example \S+/, `— a.example ${bytes.toString('base64')}`);
    expect(checkNote(forged, [va]).signatures[0]?.status).toBe('invalid');
    expect(() => openNote(forged, [va])).toThrow(/a\.example does not verify/);
    expect(() => openNote(signed, [noteVerifier('c.example', 'ed25519', b)])).toThrow(
      /not signed by any trusted key/,
    );
  });

  it('checks only the first line of a known key (later ones are duplicates)', () => {
    const line = signed.split('\n').find((l) => l.startsWith('— a.example')) ?? '';
    const twice = `${signed}${line}\n`;
    expect(checkNote(twice, [va]).signatures.map((s) => s.status)).toEqual([
      'verified',
      'unknown',
      'duplicate',
    ]);
    expect(addSignatureLines(signed, [line])).toBe(signed);
  });

  it('adds new signature lines after the existing ones', () => {
    const c = generateKeyPair('Ed25519');
    const extra = signNote(text, [noteSigner('c.example', c)]).split('\n\n')[1] ?? '';
    const merged = addSignatureLines(signed, [extra]);
    expect(parseNote(merged).signatures.map((s) => s.name)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(openNote(merged, [noteVerifier('c.example', 'ed25519', c)]).verified).toHaveLength(1);
  });

  it('refuses two different trusted keys sharing a name and key ID', () => {
    const clash: NoteVerifier = { ...va, publicKey: Buffer.alloc(32, 7) };
    expect(() => checkNote(signed, [va, clash])).toThrow(NoteError);
  });
});

describe('strict note syntax', () => {
  const key = generateKeyPair('Ed25519');
  const signed = signNote('body\n', [noteSigner('k', key)]);
  const line = signed.slice('body\n\n'.length);

  it.each([
    ['no final newline', signed.slice(0, -1)],
    ['no blank line', `body\n${line}`],
    ['no signature lines', 'body\n\n'],
    ['empty text', `\n${line}`],
    ['a carriage return', signed.replace('body\n', 'body\r\n')],
    ['a tab', signed.replace('body', 'bo\tdy')],
    ['a lone surrogate', signed.replace('body', 'bo\uD800dy')],
    ['a hyphen instead of an em dash', signed.replace('—', '-')],
    ['a name with a space', signed.replace('— k ', '— k x ')],
    ['base64 without padding', signed.replace(/=\n$/, '\n')],
    ['a signature shorter than 5 bytes', 'body\n\n— k AAAAAA==\n'],
    ['101 signatures', `body\n\n${line.repeat(101)}`],
  ])('rejects a note with %s', (_what, note) => {
    expect(() => parseNote(note)).toThrow(NoteError);
  });

  it('accepts 100 signatures and a note text with empty lines', () => {
    expect(parseNote(`body\n${line.repeat(100)}`.replace('body\n', 'body\n\n')).signatures).toHaveLength(100);
    const multi = signNote('a\n\nb\n', [noteSigner('k', key)]);
    expect(openNote(multi, [noteVerifier('k', 'ed25519', key)]).text).toBe('a\n\nb\n');
  });

  it('refuses to sign bad text, without signers, or with a cosignature key', () => {
    expect(() => signNote('no newline', [noteSigner('k', key)])).toThrow(/newline/);
    expect(() => signNote('x\n', [])).toThrow(/at least one/);
    expect(() => signNote('x\n', [noteSigner('k', key, 'cosignature/v1')])).toThrow(/cosign/);
  });
});

describe('verifier keys', () => {
  const key = generateKeyPair('Ed25519');
  const good = verifierKey('example.com/w', 'cosignature/v1', key);

  it('round-trip for every type and hash the name, type byte and key', () => {
    const v = parseVerifierKey(good);
    expect(v.type).toBe('cosignature/v1');
    expect(v.keyId).toBe(expectedKeyId('example.com/w', '04', rawPublicKey(key)));
    expect(v.keyId).toBe(noteKeyId('example.com/w', 'cosignature/v1', rawPublicKey(key)));
    expect(Buffer.from(good.split('+').slice(2).join('+'), 'base64')[0]).toBe(0x04);
  });

  it.each([
    ['no separators', 'example.com/w'],
    ['a wrong key ID', good.replace(/\+[0-9a-f]{8}\+/, '+00000000+')],
    // A letter forced in: an ID of digits only has no uppercase form.
    [
      'an uppercase key ID',
      good.replace(/\+([0-9a-f]{8})\+/, (_m, id: string) => `+A${id.slice(1).toUpperCase()}+`),
    ],
    ['a 7-digit key ID', good.replace(/\+([0-9a-f]{7})[0-9a-f]\+/, '+$1+')],
    ['bad base64', `${good}!`],
    ['an ECDSA (0x02) key', `a+00000000+${Buffer.from([2, 1, 2, 3]).toString('base64')}`],
    ['a type byte without a key', `a+00000000+${Buffer.from([1]).toString('base64')}`],
    ['a short Ed25519 key', verifierKeyOfBytes('a', [0x01], Buffer.alloc(31))],
    [
      'a compressed SM2 key',
      verifierKeyOfBytes('a', [0xff, 6, 8, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 1, 0x83, 0x75], Buffer.alloc(33, 2)),
    ],
    ['a name with a space', verifierKeyOfBytes('a b', [0x01], rawPublicKey(key))],
  ])('rejects %s', (_what, vkey) => {
    expect(() => parseVerifierKey(vkey)).toThrow(NoteError);
  });

  it('refuses a key whose algorithm does not fit the type', () => {
    expect(() => verifierKey('a', 'sm2', key)).toThrow(/must be SM2/);
    expect(() => noteSigner('a b', key)).toThrow(NoteError);
  });
});

/** A verifier key with a correctly derived key ID over arbitrary type and key bytes. */
function verifierKeyOfBytes(name: string, type: number[], key: Buffer): string {
  const material = Buffer.concat([Buffer.from(type), key]);
  const id = createHash('sha256')
    .update(Buffer.concat([Buffer.from(`${name}\n`), material]))
    .digest()
    .subarray(0, 4)
    .toString('hex');
  return `${name}+${id}+${material.toString('base64')}`;
}
