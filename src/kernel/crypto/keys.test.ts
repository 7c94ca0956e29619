// Key parsing, canonical encodings, fingerprints and small helpers.
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derElement, derToPem } from './encoding.js';
import {
  CryptoError,
  getProfile,
  keyFingerprint,
  keyPairFromPrivateRaw,
  parseKeyPair,
  parsePublicKey,
  publicInfo,
  randomSecret,
  rawPublicKey,
  timingSafeEqualHex,
} from './index.js';

const sm = getProfile('sm');
const intl = getProfile('intl');

describe('parsePublicKey', () => {
  it('accepts Ed25519, X25519 and SM2 PEMs and returns canonical info', () => {
    const ed = intl.generateSigningKeyPair();
    expect(parsePublicKey({ pem: ed.publicPem })).toEqual({ alg: 'Ed25519', publicPem: ed.publicPem });
    const x = intl.generateEncryptionKeyPair();
    expect(parsePublicKey({ pem: x.publicPem.replace(/\n/g, '\r\n'), alg: 'X25519' })).toEqual(publicInfo(x));
    const s = sm.generateSigningKeyPair();
    expect(parsePublicKey({ pem: s.publicPem })).toEqual(publicInfo(s));
  });

  it('accepts SM2 hex in 04‖x‖y, bare x‖y and compressed form, and with a matching PEM', () => {
    const s = sm.generateSigningKeyPair();
    const hex = s.publicHex ?? '';
    const y = BigInt(`0x${hex.slice(66)}`);
    const compressed = `${y & 1n ? '03' : '02'}${hex.slice(2, 66)}`;
    for (const form of [hex, hex.toUpperCase(), hex.slice(2), compressed]) {
      expect(parsePublicKey({ hex: form })).toEqual(publicInfo(s));
    }
    expect(parsePublicKey({ alg: 'SM2', hex, pem: s.publicPem })).toEqual(publicInfo(s));
  });

  it('accepts SM2 SPKI with a compressed point or the SM2 OID as algorithm, canonicalising it', () => {
    const s = sm.generateSigningKeyPair();
    const hex = s.publicHex ?? '';
    const compressed = Buffer.from(
      `${BigInt(`0x${hex.slice(66)}`) & 1n ? '03' : '02'}${hex.slice(2, 66)}`,
      'hex',
    );
    const ecAlg = Buffer.from('301306072a8648ce3d020106082a811ccf5501822d', 'hex');
    const sm2Alg = Buffer.from('300a06082a811ccf5501822d', 'hex');
    for (const [alg, point] of [
      [ecAlg, compressed],
      [sm2Alg, Buffer.from(hex, 'hex')],
    ] as const) {
      const spki = derElement(
        0x30,
        Buffer.concat([alg, derElement(0x03, Buffer.concat([Buffer.alloc(1), point]))]),
      );
      expect(parsePublicKey({ pem: derToPem(spki, 'PUBLIC KEY') })).toEqual(publicInfo(s));
    }
  });

  it('rejects garbage with a clear CryptoError', () => {
    const s = sm.generateSigningKeyPair();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const offCurve = `04${'11'.repeat(64)}`;
    const cases: [unknown, RegExp][] = [
      [{}, /PEM or \(for SM2\) hex/],
      [null, /must be an object/],
      [{ pem: 'hello' }, /not a PEM block/],
      [{ pem: '' }, /not a PEM block/],
      [{ pem: 42 }, /must be a string/],
      [{ pem: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n' }, /invalid public key PEM/],
      [{ pem: '-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n' }, /invalid public key PEM/],
      [{ pem: s.privatePem }, /private key: register only the public key/],
      [{ pem: s.publicPem.replace(/PUBLIC KEY/g, 'CERTIFICATE') }, /expected "BEGIN PUBLIC KEY"/],
      [{ pem: rsa }, /unsupported public key: algorithm 1\.2\.840\.113549\.1\.1\.1/],
      [{ pem: p256 }, /EC key on curve 1\.2\.840\.10045\.3\.1\.7/],
      [{ pem: s.publicPem, alg: 'Ed25519' }, /key is SM2, expected Ed25519/],
      [{ alg: 'RSA', pem: s.publicPem }, /unknown key algorithm/],
      [{ hex: offCurve }, /not a point on curve/],
      [{ hex: '04abcd' }, /must be 130 chars/],
      [{ hex: `04${'zz'.repeat(64)}` }, /hexadecimal/],
      [{ hex: s.publicHex, alg: 'Ed25519' }, /raw hex is accepted only for SM2/],
      [{ hex: sm.generateSigningKeyPair().publicHex, pem: s.publicPem }, /different keys/],
    ];
    for (const [input, message] of cases) {
      expect(() => parsePublicKey(input as never), JSON.stringify(input)).toThrow(CryptoError);
      expect(() => parsePublicKey(input as never), JSON.stringify(input)).toThrow(message);
    }
  });
});

describe('keys', () => {
  it('keyFingerprint is SHA-256 of the SPKI DER, the same for PEM and hex forms', () => {
    for (const key of [
      intl.generateSigningKeyPair(),
      intl.generateEncryptionKeyPair(),
      sm.generateSigningKeyPair(),
    ]) {
      const der = createPublicKey(key.publicPem).export({ type: 'spki', format: 'der' });
      expect(keyFingerprint(key)).toBe(createHash('sha256').update(der).digest('hex'));
      expect(keyFingerprint(publicInfo(key))).toBe(keyFingerprint(key));
    }
    const s = sm.generateSigningKeyPair();
    expect(keyFingerprint(parsePublicKey({ hex: s.publicHex }))).toBe(keyFingerprint(s));
    expect(keyFingerprint(s)).not.toBe(keyFingerprint(sm.generateSigningKeyPair()));
  });

  it('publicInfo strips every private field', () => {
    for (const key of [intl.generateSigningKeyPair(), sm.generateSigningKeyPair()]) {
      const pub = publicInfo(key);
      expect(Object.keys(pub).sort()).toEqual(
        key.alg === 'SM2' ? ['alg', 'publicHex', 'publicPem'] : ['alg', 'publicPem'],
      );
      expect(JSON.stringify(pub)).not.toMatch(/PRIVATE/);
    }
  });

  it('X25519 raw keys follow RFC 7748 §6.1', () => {
    const alice = keyPairFromPrivateRaw(
      'X25519',
      Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex'),
    );
    expect(rawPublicKey(alice).toString('hex')).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
  });

  it('parseKeyPair accepts consistent pairs and rejects mixed-up ones', () => {
    for (const p of [intl, sm]) {
      const a = p.generateSigningKeyPair();
      const b = p.generateSigningKeyPair();
      expect(parseKeyPair(a)).toEqual(a);
      expect(() => parseKeyPair({ ...a, publicPem: b.publicPem })).toThrow(/does not match/);
    }
    const s = sm.generateSigningKeyPair();
    const t = sm.generateSigningKeyPair();
    expect(() => parseKeyPair({ ...s, privateHex: t.privateHex })).toThrow(/differ/);
    expect(() => parseKeyPair({ ...s, privateHex: '00'.repeat(32), privatePem: '' })).toThrow(/out of range/);
    const x = intl.generateEncryptionKeyPair();
    expect(() => parseKeyPair({ ...x, alg: 'Ed25519' })).toThrow(CryptoError);
  });
});

describe('helpers', () => {
  it('randomSecret returns fresh bytes of the asked length', () => {
    expect(randomSecret()).toHaveLength(32);
    expect(randomSecret(16)).toHaveLength(16);
    expect(randomSecret()).not.toEqual(randomSecret());
    expect(() => randomSecret(0)).toThrow(CryptoError);
  });

  it('timingSafeEqualHex compares case-insensitively and handles length differences', () => {
    expect(timingSafeEqualHex('abcdef', 'ABCDEF')).toBe(true);
    expect(timingSafeEqualHex('abcdef', 'abcdee')).toBe(false);
    expect(timingSafeEqualHex('abcdef', 'abcd')).toBe(false);
    expect(timingSafeEqualHex('', '')).toBe(true);
  });
});
