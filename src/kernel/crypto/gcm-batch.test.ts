import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import { aesGcmDecryptMany, type SealedItem } from './gcm-batch.js';
import { aesGcmEncrypt } from './symmetric.js';

// The batch opener against the GCM specification's own AES-256 test cases (McGrew & Viega, "The Galois/Counter
// Mode of Operation", test cases 13, 14 and 16) and against OpenSSL's AES-GCM (aesGcmEncrypt) on random sizes:
// the same plaintexts, and a refusal for any flipped bit, a wrong key or other associated data.

const hex = (s: string) => Buffer.from(s, 'hex');
const sealedOf = (iv: string, c: string, t: string) => Buffer.concat([hex(iv), hex(c), hex(t)]);

describe('aesGcmDecryptMany', () => {
  it('opens the specification test cases 13, 14 and 16 (AES-256)', () => {
    const zero = Buffer.alloc(32);
    const k16 = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    expect(
      aesGcmDecryptMany(zero, [
        {
          sealed: sealedOf('000000000000000000000000', '', '530f8afbc74536b9a963b4f1c4cb738b'),
          aad: hex(''),
        },
        {
          sealed: sealedOf(
            '000000000000000000000000',
            'cea7403d4d606b6e074ec5d3baf39d18',
            'd0d1c8a799996bf0265b98b5d48ab919',
          ),
          aad: hex(''),
        },
      ]).map((b) => b.toString('hex')),
    ).toEqual(['', '00000000000000000000000000000000']);
    const [p16] = aesGcmDecryptMany(k16, [
      {
        sealed: sealedOf(
          'cafebabefacedbaddecaf888',
          '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
          '76fc6ece0f4e1768cddf8853bb2d551b',
        ),
        aad: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'),
      },
    ]);
    expect(p16!.toString('hex')).toBe(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
  });

  it('gives what OpenSSL sealed, for any sizes (the large ones take the one-by-one path)', () => {
    const key = randomBytes(32);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.oneof(
              fc.uint8Array({ maxLength: 100 }),
              fc.uint8Array({ minLength: 65_530, maxLength: 65_540 }),
            ),
            aad: fc.uint8Array({ maxLength: 200 }),
          }),
          { maxLength: 20 },
        ),
        (msgs) => {
          const items = msgs.map((m) => ({ sealed: aesGcmEncrypt(key, m.text, m.aad), aad: m.aad }));
          const opened = aesGcmDecryptMany(key, items);
          expect(opened.map((b) => Buffer.from(b).toString('hex'))).toEqual(
            msgs.map((m) => Buffer.from(m.text).toString('hex')),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses every flipped bit of nonce, text, tag or associated data, a wrong key, and short input', () => {
    const key = randomBytes(32);
    const good: SealedItem = {
      sealed: aesGcmEncrypt(key, Buffer.from('110105199001011234'), Buffer.from('r|id|k')),
      aad: Buffer.from('r|id|k'),
    };
    const other: SealedItem = {
      sealed: aesGcmEncrypt(key, Buffer.from('张三'), Buffer.from('a')),
      aad: Buffer.from('a'),
    };
    const refused = (items: SealedItem[], k = key) => {
      expect(() => aesGcmDecryptMany(k, items)).toThrow(CryptoError);
    };
    for (let byte = 0; byte < good.sealed.length; byte++)
      for (let bit = 0; bit < 8; bit++) {
        const sealed = Buffer.from(good.sealed);
        sealed[byte]! ^= 1 << bit;
        refused([other, { sealed, aad: good.aad }]);
      }
    for (let byte = 0; byte < good.aad.length; byte++) {
      const aad = Buffer.from(good.aad);
      aad[byte]! ^= 0x01;
      refused([{ sealed: good.sealed, aad }]);
    }
    refused([{ sealed: good.sealed, aad: Buffer.concat([good.aad, Buffer.from([0])]) }]);
    refused([good], randomBytes(32));
    refused([{ sealed: good.sealed.subarray(0, 27), aad: good.aad }]);
    expect(() => aesGcmDecryptMany(Buffer.alloc(16), [good])).toThrow(CryptoError);
    // The message names the position only.
    expect(() => aesGcmDecryptMany(key, [other, { sealed: good.sealed, aad: Buffer.from('x') }])).toThrow(
      /item 1 /,
    );
    expect(aesGcmDecryptMany(key, [good, other]).map((b) => b.toString('utf8'))).toEqual([
      '110105199001011234',
      '张三',
    ]);
    expect(aesGcmDecryptMany(key, [])).toEqual([]);
  });
});
