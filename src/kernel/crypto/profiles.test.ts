// Both profiles: symmetric and sealed round trips, tamper detection, profile/key mismatches and a property test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CryptoError,
  getProfile,
  publicInfo,
  randomSecret,
  signWith,
  verifySignature,
  type ProfileName,
} from './index.js';

const PROFILES: ProfileName[] = ['intl', 'sm'];

/** Copy of `buf` with one bit flipped. */
function flip(buf: Uint8Array, bit: number): Buffer {
  const out = Buffer.from(buf);
  const i = Math.floor(bit / 8) % out.length;
  out[i] = (out[i] ?? 0) ^ (1 << (bit % 8));
  return out;
}

describe.each(PROFILES)('profile %s', (name) => {
  const p = getProfile(name);

  it('has the expected algorithm names', () => {
    expect(p.name).toBe(name);
    expect([p.hashName, p.signingAlg, p.jwsAlg]).toEqual(
      name === 'intl' ? ['sha256', 'Ed25519', 'EdDSA'] : ['sm3', 'SM2', 'SM2SM3'],
    );
    expect(p.hash('x')).toHaveLength(32);
    expect(p.hmac(Buffer.alloc(32, 1), 'x')).toHaveLength(32);
    expect(p.hmac(Buffer.alloc(32, 1), 'x')).not.toEqual(p.hmac(Buffer.alloc(32, 2), 'x'));
  });

  it('encrypt/decrypt round-trips with and without aad, in the documented layout', () => {
    const key = randomSecret();
    const pt = Buffer.from('个人信息 personal data');
    const aad = Buffer.from('table=person;id=42');
    const ct = p.encrypt(key, pt, aad);
    const overhead = name === 'intl' ? 12 + 16 : 16 + 32;
    expect(ct).toHaveLength(pt.length + overhead);
    expect(p.decrypt(key, ct, aad)).toEqual(pt);
    expect(p.decrypt(key, p.encrypt(key, pt))).toEqual(pt);
    expect(p.decrypt(key, p.encrypt(key, Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
    expect(p.encrypt(key, pt)).not.toEqual(p.encrypt(key, pt)); // fresh nonce each time
  });

  it('decrypt throws CryptoError on every single-bit flip, wrong key, wrong aad or truncation', () => {
    const key = randomSecret();
    const aad = Buffer.from('aad');
    const ct = p.encrypt(key, Buffer.from('tamper me'), aad);
    for (let bit = 0; bit < ct.length * 8; bit++) {
      expect(() => p.decrypt(key, flip(ct, bit), aad)).toThrow(CryptoError);
    }
    expect(() => p.decrypt(randomSecret(), ct, aad)).toThrow(CryptoError);
    expect(() => p.decrypt(key, ct, Buffer.from('aae'))).toThrow(CryptoError);
    expect(() => p.decrypt(key, ct)).toThrow(CryptoError);
    expect(() => p.decrypt(key, ct.subarray(0, ct.length - 1), aad)).toThrow(CryptoError);
    expect(() => p.decrypt(key, ct.subarray(0, 10), aad)).toThrow(CryptoError);
    expect(() => p.encrypt(Buffer.alloc(16), Buffer.from('x'))).toThrow(CryptoError);
  });

  it('sealTo/openSealed round-trips and binds info', () => {
    const recipient = p.generateEncryptionKeyPair();
    const pt = Buffer.from('sealed for one recipient');
    const info = Buffer.from('orderly/test');
    const sealed = p.sealTo(publicInfo(recipient), pt, info);
    expect(sealed).toHaveLength(pt.length + (name === 'intl' ? 32 + 12 + 16 : 129 + 16 + 32));
    expect(p.openSealed(recipient, sealed, info)).toEqual(pt);
    expect(p.openSealed(recipient, p.sealTo(recipient, Buffer.alloc(0)))).toEqual(Buffer.alloc(0));
    expect(() => p.openSealed(recipient, sealed)).toThrow(CryptoError);
    expect(() => p.openSealed(recipient, sealed, Buffer.from('orderly/tesT'))).toThrow(CryptoError);
    expect(() => p.openSealed(p.generateEncryptionKeyPair(), sealed, info)).toThrow(CryptoError);
  });

  it('openSealed throws CryptoError on a bit flip anywhere', () => {
    const recipient = p.generateEncryptionKeyPair();
    const sealed = p.sealTo(recipient, Buffer.from('x'));
    // Every bit for intl; every third bit for sm (each attempt is an SM2 decryption), covering every byte.
    for (let bit = 0; bit < sealed.length * 8; bit += name === 'sm' ? 3 : 1) {
      expect(() => p.openSealed(recipient, flip(sealed, bit))).toThrow(CryptoError);
    }
    expect(() => p.openSealed(recipient, sealed.subarray(0, 40))).toThrow(CryptoError);
  });

  it('refuses keys of the other profile', () => {
    const other = getProfile(name === 'intl' ? 'sm' : 'intl');
    expect(() => p.sign(other.generateSigningKeyPair(), 'x')).toThrow(CryptoError);
    expect(() => p.sealTo(other.generateEncryptionKeyPair(), Buffer.from('x'))).toThrow(CryptoError);
    if (name === 'intl')
      expect(() => p.sealTo(p.generateSigningKeyPair(), Buffer.from('x'))).toThrow(CryptoError);
    const garbage = { alg: p.generateEncryptionKeyPair().alg, publicPem: 'garbage' };
    expect(() => p.sealTo(garbage, Buffer.from('x'))).toThrow(CryptoError);
  });

  it('property: sign/verify round-trips and any flipped bit fails', () => {
    const key = p.generateSigningKeyPair();
    const pub = publicInfo(key);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.nat(), fc.boolean(), (msg, bit, flipSig) => {
        const sig = p.sign(key, msg);
        expect(sig).toHaveLength(64);
        expect(verifySignature(pub, msg, sig)).toBe(true);
        if (flipSig) return !verifySignature(pub, msg, flip(sig, bit % 512));
        if (msg.length === 0) return !verifySignature(pub, Buffer.from([0]), sig);
        return !verifySignature(pub, flip(msg, bit % (msg.length * 8)), sig);
      }),
      { numRuns: name === 'sm' ? 60 : 200 },
    );
  });
});

describe('cross-profile verification', () => {
  it('verifySignature dispatches on the key alg; signWith too', () => {
    for (const name of PROFILES) {
      const key = getProfile(name).generateSigningKeyPair();
      const sig = signWith(key, 'hello');
      expect(verifySignature(publicInfo(key), 'hello', sig)).toBe(true);
      expect(verifySignature(publicInfo(key), Buffer.from('hello'), sig)).toBe(true);
    }
  });

  it('never throws on garbage', () => {
    const key = getProfile('sm').generateSigningKeyPair();
    expect(verifySignature({ alg: 'SM2', publicPem: 'garbage' }, 'x', Buffer.alloc(64, 1))).toBe(false);
    expect(verifySignature({ alg: 'Ed25519', publicPem: 'garbage' }, 'x', Buffer.alloc(64, 1))).toBe(false);
    expect(verifySignature({ alg: 'Ed25519', publicPem: key.publicPem }, 'x', Buffer.alloc(64, 1))).toBe(
      false,
    );
    expect(verifySignature(key, 'x', Buffer.alloc(3))).toBe(false);
    expect(verifySignature(getProfile('intl').generateEncryptionKeyPair(), 'x', Buffer.alloc(64))).toBe(
      false,
    );
    expect(() => signWith(getProfile('intl').generateEncryptionKeyPair(), 'x')).toThrow(CryptoError);
  });

  it('getProfile rejects unknown names', () => {
    expect(() => getProfile('rsa' as ProfileName)).toThrow(CryptoError);
  });
});
