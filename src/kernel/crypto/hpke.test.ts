import { describe, expect, it } from 'vitest';
import { hpkeDeriveKeyPair, hpkeSetupRecipient, hpkeSetupSender } from './hpke.js';
import { generateKeyPair, rawPublicKey } from './keys.js';

// RFC 9180 Appendix A.1.1: mode base, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM. The vector fixes
// the ephemeral key (derived from ikmE), so encapsulation, the key schedule and the first seal are all known.
const A11 = {
  info: '4f6465206f6e2061204772656369616e2055726e',
  ikmE: '7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234',
  pkEm: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  ikmR: '6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037',
  pkRm: '3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d',
  enc: '37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431',
  key: '4531685d41d65f03dc48f6b8302c05b0',
  baseNonce: '56d890e5accaaf011cff4b7d',
  exporterSecret: '45ff1c2e220db587171952c0592d5f5ebe103f1561a2614e38f2ffd47e99e3f8',
  pt: '4265617574792069732074727574682c20747275746820626561757479',
  aad0: '436f756e742d30',
  ct0: 'f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a',
};
const hex = (s: string) => Buffer.from(s, 'hex');

describe('HPKE (RFC 9180) base mode', () => {
  it('reproduces the A.1.1 vector: derived keys, enc, key schedule and the first ciphertext', () => {
    const eph = hpkeDeriveKeyPair(hex(A11.ikmE));
    const rcpt = hpkeDeriveKeyPair(hex(A11.ikmR));
    expect(rawPublicKey(eph).toString('hex')).toBe(A11.pkEm);
    expect(rawPublicKey(rcpt).toString('hex')).toBe(A11.pkRm);
    const { enc, context } = hpkeSetupSender(rcpt, hex(A11.info), 'aes-128-gcm', eph);
    expect(enc.toString('hex')).toBe(A11.enc);
    expect(context.key.toString('hex')).toBe(A11.key);
    expect(context.baseNonce.toString('hex')).toBe(A11.baseNonce);
    expect(context.exporterSecret.toString('hex')).toBe(A11.exporterSecret);
    expect(context.seal(hex(A11.aad0), hex(A11.pt)).toString('hex')).toBe(A11.ct0);
    const r = hpkeSetupRecipient(rcpt, enc, hex(A11.info), 'aes-128-gcm');
    expect(r.open(hex(A11.aad0), hex(A11.ct0)).toString('hex')).toBe(A11.pt);
  });

  it('AES-256-GCM round trip; sequence, aad, info, key and every byte matter', () => {
    const rcpt = generateKeyPair('X25519');
    const info = Buffer.from('orderly/package/v1');
    const { enc, context } = hpkeSetupSender(rcpt, info);
    expect(context.key).toHaveLength(32);
    const c0 = context.seal(Buffer.from('a'), Buffer.from('第一条'));
    const c1 = context.seal(Buffer.from('b'), Buffer.from('第二条'));
    // In order it opens; out of order, with another aad or info, or another key, it does not.
    const r = hpkeSetupRecipient(rcpt, enc, info);
    expect(() => r.open(Buffer.from('b'), c1)).toThrow(/HPKE open failed/);
    expect(r.open(Buffer.from('a'), c0).toString()).toBe('第一条');
    expect(r.open(Buffer.from('b'), c1).toString()).toBe('第二条');
    const flipped = Buffer.from(c0);
    flipped[0] = flipped[0]! ^ 1;
    expect(() => hpkeSetupRecipient(rcpt, enc, info).open(Buffer.from('a'), flipped)).toThrow();
    expect(() => hpkeSetupRecipient(rcpt, enc, Buffer.from('other')).open(Buffer.from('a'), c0)).toThrow();
    expect(() =>
      hpkeSetupRecipient(generateKeyPair('X25519'), enc, info).open(Buffer.from('a'), c0),
    ).toThrow();
    // Two encapsulations to the same key never share an ephemeral key.
    expect(hpkeSetupSender(rcpt, info).enc.equals(enc)).toBe(false);
  });

  it('refuses non-X25519 keys and malformed encapsulations', () => {
    const rcpt = generateKeyPair('X25519');
    expect(() => hpkeSetupSender(generateKeyPair('Ed25519'), Buffer.alloc(0))).toThrow(/X25519/);
    expect(() => hpkeSetupRecipient(rcpt, Buffer.alloc(31), Buffer.alloc(0))).toThrow(/32 bytes/);
    // The all-zero point is of small order: the shared secret would be zero, so X25519 refuses it.
    expect(() => hpkeSetupRecipient(rcpt, Buffer.alloc(32), Buffer.alloc(0))).toThrow(/decapsulation/);
  });
});
