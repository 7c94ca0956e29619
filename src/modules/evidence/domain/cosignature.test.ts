// Witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1): a real checkpoint cosigned by public
// witnesses, and our own cosignatures checked byte by byte with @noble/curves.
import { createHash } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, rawPublicKey } from '../../../kernel/index.js';
import { parseCheckpoint } from './checkpoint.js';
import { cosign, cosignatureMessage, cosignatureTimestamp, verifyCosignature } from './cosignature.js';
import { NoteError } from './errors.js';
import { noteSigner, noteVerifier, parseVerifierKey } from './note-keys.js';
import { addSignatureLines, checkNote, openNote, parseSignatureLine, signNote } from './note.js';

// A checkpoint of the transparency-dev staging CT log "arche2025h1" with the log's Ed25519 note signature, an
// RFC 6962 signature (type 0x05, unknown to us) and cosignatures of four public witnesses, as published with
// their verifier keys. Produced by other implementations, so it pins our format to theirs.
const REAL_CHECKPOINT = `arche2025h1.staging.ct.transparency.dev
1432088532
U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=

— arche2025h1.staging.ct.transparency.dev zTM8sQAAAZ5W0WdjBAMARjBEAiBjW5IQf9pvsYLfQFX6hoGREPMHbdQ3urbllzalApkptQIgIpwtEroeW2BXaHAI4kJXFbon5Ch9MNL5zRNZ55lvGt0=
— arche2025h1.staging.ct.transparency.dev ui8GwCF1+kWqZrxGdhj4aX3gcw7XUlXQQabg/27lefwhUkzbC3NygNI75MdhL1bfTW9g8Ei59RA23oHP7Ry1k3ZFWwQ=
— transparency.dev/DEV:witness-little-garden 2AQqhwAAAABqEiEgzgFIqqhbUoDwjMWE6UP8nd8/KYTzwZ2rhIgcqoXHAwVkjZr4AscylP3v7sEodkRAErumC2q44vdgJY096st5BQ==
— witness1.smartit.nu/witness1 pIyCDwAAAABqEiEghIp82KWebrw7/oHQwlTAm3g2RKS4+eebl8eO0WH+/iEcxZ75W3u5hNI7TOQtmJbqmNWVuE0tgh0XwzdZsDsUAQ==
— remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==
— witness.stagemole.eu Z/euoAAAAABqEiEgw0i+7g2ENfDAWHmtRzCfKTHSDwYDJA2NmKeGi9Y8FtEyOUvVr+AJmIY/2TUFucgKi7lI7cUiOvKFYe/TmN9DAg==
`;
const LOG_KEY =
  'arche2025h1.staging.ct.transparency.dev+ba2f06c0+AU0vHmlGCS/PdN8b2OaGmKprLI8HKM+dJ472xgFYh15f';
const WITNESS_KEYS = [
  'transparency.dev/DEV:witness-little-garden+d8042a87+BCtusOxINQNUTN5Oj8HObRkh2yHf/MwYaGX4CPdiVEPM',
  'witness1.smartit.nu/witness1+a48c820f+BPSFWg9G6KPiO7QPryYO5Xq4oYJJ+kAvLKLSimDhoxMO',
  'remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2',
  'witness.stagemole.eu+67f7aea0+BEqSG3yu9YrmcM3BHvQYTxwFj3uSWakQepafafpUqklv',
];

describe('a real cosigned checkpoint', () => {
  const verifiers = [LOG_KEY, ...WITNESS_KEYS].map(parseVerifierKey);

  it('verifies the log signature and all four witness cosignatures with their timestamps', () => {
    const { text, verified } = openNote(REAL_CHECKPOINT, verifiers);
    expect(parseCheckpoint(text).size).toBe(1432088532);
    expect(verified.map((v) => [v.name, v.type])).toEqual([
      ['arche2025h1.staging.ct.transparency.dev', 'ed25519'],
      ['transparency.dev/DEV:witness-little-garden', 'cosignature/v1'],
      ['witness1.smartit.nu/witness1', 'cosignature/v1'],
      ['remora.n621.de', 'cosignature/v1'],
      ['witness.stagemole.eu', 'cosignature/v1'],
    ]);
    expect(verified[2]?.timestamp).toBe(0x6a122120);
    expect(checkNote(REAL_CHECKPOINT, verifiers).signatures[0]?.status).toBe('unknown');
  });

  it('rejects every signature once the tree size is changed', () => {
    const altered = REAL_CHECKPOINT.replace('1432088532', '1432088533');
    const statuses = checkNote(altered, verifiers).signatures.map((s) => s.status);
    expect(statuses).toEqual(['unknown', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
  });
});

describe('our cosignatures', () => {
  const witness = generateKeyPair('Ed25519');
  const name = 'court.example/witness';
  const signer = noteSigner(name, witness, 'cosignature/v1');
  const v = noteVerifier(name, 'cosignature/v1', witness);
  const body = 'orderly.example/log\n10\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const t = 1_760_000_000;

  it('lay out key ID (4) ‖ timestamp (8, big-endian) ‖ Ed25519 signature (64) over the v1 message', () => {
    const line = cosign(body, signer, t);
    const raw = Buffer.from(line.split(' ')[2]?.trim() ?? '', 'base64');
    expect(line.startsWith(`— ${name} `)).toBe(true);
    expect(raw).toHaveLength(76);
    const pub = rawPublicKey(witness);
    const keyId = createHash('sha256')
      .update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([0x04]), pub]))
      .digest()
      .subarray(0, 4);
    expect(raw.subarray(0, 4)).toEqual(keyId);
    expect(raw.readBigUInt64BE(4)).toBe(BigInt(t));
    const message = Buffer.from(`cosignature/v1\ntime ${t}\n${body}`, 'utf8');
    expect(cosignatureMessage(body, t)).toEqual(message);
    expect(ed25519.verify(raw.subarray(12), message, pub)).toBe(true);
    expect(ed25519.verify(raw.subarray(12), Buffer.from(body), pub)).toBe(false);
  });

  it('verify in a note next to the log signature, and fail for another body or a moved timestamp', () => {
    const log = generateKeyPair('Ed25519');
    const signed = signNote(body, [noteSigner('orderly.example/log', log)]);
    const withCosig = addSignatureLines(signed, [cosign(body, signer, t)]);
    const opened = openNote(withCosig, [v]);
    expect(opened.verified[0]).toMatchObject({ name, type: 'cosignature/v1', timestamp: t });

    const sig = parseSignatureLine(cosign(body, signer, t)).signature;
    expect(verifyCosignature(v, body, sig)).toBe(t);
    expect(verifyCosignature(v, body.replace('\n10\n', '\n11\n'), sig)).toBeNull();
    const moved = Buffer.from(sig);
    moved.writeBigUInt64BE(BigInt(t + 1), 0);
    expect(verifyCosignature(v, body, moved)).toBeNull();
    expect(verifyCosignature(noteVerifier(name, 'ed25519', witness), body, sig)).toBeNull();
  });

  it('refuse a note signer, a bad body or a bad timestamp', () => {
    expect(() => cosign(body, noteSigner(name, witness), t)).toThrow(/cosignature\/v1 key/);
    expect(() => cosign('no newline', signer, t)).toThrow(NoteError);
    expect(() => cosign(body, signer, -1)).toThrow(NoteError);
    expect(() => cosign(body, signer, 1.5)).toThrow(NoteError);
    const huge = Buffer.alloc(72);
    huge.writeBigUInt64BE(2n ** 63n, 0);
    expect(cosignatureTimestamp(huge)).toBeNull();
    expect(cosignatureTimestamp(Buffer.alloc(71))).toBeNull();
  });
});
