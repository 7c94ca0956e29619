import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchCmac, type CmacCipher } from './cmac.js';
import { CryptoError } from './errors.js';

// Known answers: NIST SP 800-38B appendix D.3 (AES-256, examples 5–7) and, for SM4, tags computed with OpenSSL 3's
// own CMAC (`openssl mac -cipher SM4-CBC -macopt hexkey:… CMAC`). Random batches are checked against the
// definition computed another way: CBC encryption (Node's CBC mode, zero IV) of the padded message with its last
// block masked by the subkey, whose last block is the tag.

const hex = (s: string) => Buffer.from(s, 'hex');
const AES_KEY = hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const SM4_KEY = hex('0123456789abcdeffedcba9876543210');
const M40 = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411');

function viaCbc(cipher: CmacCipher, key: Buffer, m: Uint8Array): string {
  const ecb = createCipheriv(`${cipher}-ecb`, key, null);
  const l = ecb.update(Buffer.alloc(16));
  const dbl = (b: Buffer) => {
    const v = (BigInt(`0x${b.toString('hex')}`) << 1n) & ((1n << 128n) - 1n);
    return Buffer.from((b[0]! & 0x80 ? v ^ 0x87n : v).toString(16).padStart(32, '0'), 'hex');
  };
  const k1 = dbl(l);
  const k2 = dbl(k1);
  const complete = m.length > 0 && m.length % 16 === 0;
  const padded = complete
    ? Buffer.from(m)
    : Buffer.concat([m, Buffer.from([0x80]), Buffer.alloc(15 - (m.length % 16))]);
  const last = padded.length - 16;
  for (let i = 0; i < 16; i++) padded[last + i]! ^= (complete ? k1 : k2)[i]!;
  const cbc = createCipheriv(`${cipher}-cbc`, key, Buffer.alloc(16));
  cbc.setAutoPadding(false);
  return cbc.update(padded).subarray(-16).toString('hex');
}

describe('BatchCmac', () => {
  it('gives the SP 800-38B AES-256 examples and OpenSSL’s SM4-CMAC, alone and in one batch', () => {
    const aes = new BatchCmac('aes-256', AES_KEY);
    const batch = aes.tags([hex(''), M40.subarray(0, 16), M40]).toString('hex');
    expect(batch).toBe(
      '028962f61b7bf89efc6b551f4667d983' +
        '28a7023f452e8f82bd4bf28d8c37c35c' +
        'aaf3d8f1de5640c232f5b169b9c911e6',
    );
    expect(aes.tags([M40]).toString('hex')).toBe('aaf3d8f1de5640c232f5b169b9c911e6');
    const sm4 = new BatchCmac('sm4', SM4_KEY);
    expect(sm4.tags([hex(''), M40]).toString('hex')).toBe(
      '29e154322e5c7bd8ee6a25ba549b24bc' + '67a8e59526f59125b5d91e626d23a37a',
    );
    expect(aes.tags([]).length).toBe(0);
  });

  it.each<CmacCipher>(['aes-256', 'sm4'])(
    'tags any batch of messages as the definition does (%s)',
    (cipher) => {
      const key = randomBytes(cipher === 'sm4' ? 16 : 32);
      const mac = new BatchCmac(cipher, key);
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 30 }), (msgs) => {
          const tags = mac.tags(msgs);
          expect(msgs.map((_, i) => tags.subarray(i * 16, i * 16 + 16).toString('hex'))).toEqual(
            msgs.map((m) => viaCbc(cipher, key, m)),
          );
        }),
        { numRuns: 100 },
      );
    },
  );

  it('refuses keys of the wrong size', () => {
    expect(() => new BatchCmac('aes-256', Buffer.alloc(16))).toThrow(CryptoError);
    expect(() => new BatchCmac('sm4', Buffer.alloc(32))).toThrow(CryptoError);
  });
});
