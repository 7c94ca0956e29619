// Checkpoint bodies (c2sp.org/tlog-checkpoint) and the origin convention that names the tree hash.
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../kernel/index.js';
import {
  checkpointHashAlg,
  formatCheckpoint,
  logOrigin,
  openCheckpoint,
  parseCheckpoint,
} from './checkpoint.js';
import { NoteError } from './errors.js';
import { noteSigner, noteVerifier } from './note-keys.js';
import { signNote } from './note.js';

const ROOT = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoint text', () => {
  it('parses the example of the specification', () => {
    const cp = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(cp).toEqual({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      rootHash: ROOT,
      extensions: [],
    });
  });

  it('formats origin, decimal size and base64 root, one per line, and round-trips extensions', () => {
    const text = formatCheckpoint({
      origin: 'orderly.example/log',
      size: 0,
      rootHash: ROOT,
      extensions: ['x y'],
    });
    expect(text).toBe('orderly.example/log\n0\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\nx y\n');
    expect(parseCheckpoint(text).extensions).toEqual(['x y']);
  });

  it.each([
    ['two lines', 'o\n1\n'],
    ['a leading zero', 'o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a negative size', 'o\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a size above 2^53-1', 'o\n9007199254740992\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a 31-byte root', `o\n1\n${Buffer.alloc(31).toString('base64')}\n`],
    ['unpadded base64', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n'],
    ['an empty extension line', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\nx\n'],
    ['no final newline', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='],
  ])('rejects %s', (_what, text) => {
    expect(() => parseCheckpoint(text)).toThrow(NoteError);
  });

  it('refuses to format what it could not parse back', () => {
    expect(() => formatCheckpoint({ origin: 'a b', size: 1, rootHash: ROOT })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash: ROOT })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: Buffer.alloc(20) })).toThrow(NoteError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: ROOT, extensions: ['a\nb'] })).toThrow();
  });
});

describe('origin names the tree hash', () => {
  it('appends /sm3 for SM3 logs and reads it back', () => {
    expect(logOrigin('orderly.example/log', 'sha256')).toBe('orderly.example/log');
    expect(logOrigin('orderly.example/log', 'sm3')).toBe('orderly.example/log/sm3');
    expect(checkpointHashAlg('orderly.example/log/sm3')).toBe('sm3');
    expect(checkpointHashAlg('orderly.example/log')).toBe('sha256');
    expect(checkpointHashAlg('example.com/sm3-archive')).toBe('sha256');
    expect(() => logOrigin('orderly.example/sm3', 'sha256')).toThrow(/must not end/);
    expect(() => logOrigin('orderly example', 'sm3')).toThrow(NoteError);
  });
});

describe('openCheckpoint', () => {
  it('verifies the signature before parsing the body', () => {
    const key = generateKeyPair('Ed25519');
    const origin = 'orderly.example/log';
    const signed = signNote(formatCheckpoint({ origin, size: 3, rootHash: ROOT }), [noteSigner(origin, key)]);
    const { checkpoint, verified } = openCheckpoint(signed, [noteVerifier(origin, 'ed25519', key)]);
    expect(checkpoint.size).toBe(3);
    expect(verified).toHaveLength(1);
    expect(() =>
      openCheckpoint(signed.replace('\n3\n', '\n4\n'), [noteVerifier(origin, 'ed25519', key)]),
    ).toThrow(/does not verify/);
  });
});
