// Known-answer tests from the standards: SM3 (GB/T 32905), SM4 (GB/T 32907), Ed25519 (RFC 8032 §7.1).
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getProfile, keyPairFromPrivateRaw, rawPublicKey, signWith, sm3, verifySignature } from './index.js';

describe('SM3 (GB/T 32905)', () => {
  it('hashes "abc"', () => {
    expect(sm3('abc').toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
  it('hashes "abcd" × 16', () => {
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
  it('is the sm profile hash', () => {
    expect(getProfile('sm').hash('abc')).toEqual(sm3('abc'));
  });
});

describe('SM4 ECB (GB/T 32907)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');

  /** One reusable ECB cipher without padding: every update() encrypts exactly one 16-byte block. */
  function ecb() {
    const cipher = createCipheriv('sm4-ecb', key, null);
    cipher.setAutoPadding(false);
    return cipher;
  }

  it('encrypts the standard block once', () => {
    expect(ecb().update(key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('encrypts the standard block 1,000,000 times', () => {
    const cipher = ecb();
    let block = Buffer.from(key);
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

// RFC 8032 §7.1: secret key (seed), public key, message, signature.
const ED25519_VECTORS = [
  {
    name: 'TEST 1 (empty message)',
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (1 byte)',
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (2 bytes)',
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc) (64 bytes)',
    seed: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    pub: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    msg: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    sig: 'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

describe('Ed25519 (RFC 8032 §7.1)', () => {
  for (const v of ED25519_VECTORS) {
    it(v.name, () => {
      const key = keyPairFromPrivateRaw('Ed25519', Buffer.from(v.seed, 'hex'));
      const msg = Buffer.from(v.msg, 'hex');
      expect(rawPublicKey(key).toString('hex')).toBe(v.pub);
      const sig = getProfile('intl').sign(key, msg);
      expect(sig.toString('hex')).toBe(v.sig);
      expect(signWith(key, msg)).toEqual(sig);
      expect(
        verifySignature({ alg: 'Ed25519', publicPem: key.publicPem }, msg, Buffer.from(v.sig, 'hex')),
      ).toBe(true);
      const bad = Buffer.from(v.sig, 'hex');
      bad[0] = (bad[0] ?? 0) ^ 1;
      expect(verifySignature(key, msg, bad)).toBe(false);
    });
  }
});
