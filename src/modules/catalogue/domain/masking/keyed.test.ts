import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getProfile } from '../../../../kernel/index.js';
import {
  applyMask,
  base32Crockford,
  compileMask,
  deriveHashKey,
  derivePseudonymKey,
  MaskError,
  type HmacFn,
  type MaskContext,
} from './index.js';

const PSEUDONYM = /^P-[0-9A-HJKMNP-TV-Z]{16}$/;
const secret = Buffer.alloc(32, 7);
const digestSecret = Buffer.alloc(32, 9);

describe.each(['intl', 'sm'] as const)('keyed masks under the %s profile', (name) => {
  const hmac: HmacFn = (k, d) => getProfile(name).hmac(k, d);
  const ctxFor = (grantId: string, item = 'id_number'): MaskContext => ({
    hmac,
    pseudonymKey: derivePseudonymKey(hmac, secret, grantId),
    hashKey: deriveHashKey(hmac, digestSecret, grantId, item),
  });

  it('pseudonyms are deterministic per grant, readable, and differ across grants', () => {
    const a = applyMask({ kind: 'pseudonym' }, '51343620000320711X', ctxFor('grant-1'));
    expect(a).toMatch(PSEUDONYM);
    expect(applyMask({ kind: 'pseudonym' }, '51343620000320711X', ctxFor('grant-1'))).toBe(a);
    expect(applyMask({ kind: 'pseudonym' }, '51343620000320711X', ctxFor('grant-2'))).not.toBe(a);
    // The same value in another item of the same grant gets the same pseudonym (linkable within the grant).
    expect(applyMask({ kind: 'pseudonym' }, '51343620000320711X', ctxFor('grant-1', 'other'))).toBe(a);
    expect(applyMask({ kind: 'pseudonym' }, '51343620000320711Y', ctxFor('grant-1'))).not.toBe(a);
  });

  it('pseudonyms read the value normalised: full-width and padded forms agree, numbers equal their text', () => {
    const ctx = ctxFor('g');
    expect(applyMask({ kind: 'pseudonym' }, ' １８０４９５３１９９９ ', ctx)).toBe(
      applyMask({ kind: 'pseudonym' }, '18049531999', ctx),
    );
    expect(applyMask({ kind: 'pseudonym' }, 18049531999, ctx)).toBe(
      applyMask({ kind: 'pseudonym' }, '18049531999', ctx),
    );
  });

  it('distinct values get distinct pseudonyms (no collisions among 2,000 values)', () => {
    const masker = compileMask({ kind: 'pseudonym' }, ctxFor('g'));
    const seen = new Set<unknown>();
    for (let i = 0; i < 2000; i++) seen.add(masker(`1804953${String(i).padStart(4, '0')}`));
    expect(seen.size).toBe(2000);
  });

  it('the keyed hash is keyed: another grant or item gives another output', () => {
    const h = applyMask({ kind: 'hash' }, 'duandazhi@126.com', ctxFor('grant-1'));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(applyMask({ kind: 'hash' }, 'duandazhi@126.com', ctxFor('grant-1'))).toBe(h);
    expect(applyMask({ kind: 'hash' }, 'duandazhi@126.com', ctxFor('grant-2'))).not.toBe(h);
    expect(applyMask({ kind: 'hash' }, 'duandazhi@126.com', ctxFor('grant-1', 'email2'))).not.toBe(h);
    const otherKey = { ...ctxFor('grant-1'), hashKey: Buffer.alloc(32, 1) };
    expect(applyMask({ kind: 'hash' }, 'duandazhi@126.com', otherKey)).not.toBe(h);
  });

  it('null stays null, empty stays empty', () => {
    for (const kind of ['pseudonym', 'hash'] as const) {
      expect(applyMask({ kind }, null, ctxFor('g'))).toBeNull();
      expect(applyMask({ kind }, '', ctxFor('g'))).toBe('');
      expect(applyMask({ kind }, '  ', ctxFor('g'))).toBe('');
    }
  });

  it('outputs never contain the value (property)', () => {
    const ctx = ctxFor('g');
    const p = compileMask({ kind: 'pseudonym' }, ctx);
    const h = compileMask({ kind: 'hash' }, ctx);
    fc.assert(
      fc.property(fc.string({ minLength: 4, unit: 'grapheme' }), (s) => {
        const text = s.trim();
        fc.pre(text.length >= 4 && !/^[0-9A-Za-z-]+$/.test(text));
        expect(String(p(s))).not.toContain(text);
        expect(String(h(s))).not.toContain(text);
      }),
    );
  });
});

describe('key derivation', () => {
  const hmac: HmacFn = (k, d) => createHmac('sha256', k).update(d).digest();

  it('follows the documented byte layout', () => {
    const expected = createHmac('sha256', secret).update('orderly-pseudonym\0grant-1').digest();
    expect(Buffer.from(derivePseudonymKey(hmac, secret, 'grant-1'))).toEqual(expected);
    const hashKey = createHmac('sha256', digestSecret)
      .update('orderly-mask-hash\0grant-1\0id_number')
      .digest();
    expect(Buffer.from(deriveHashKey(hmac, digestSecret, 'grant-1', 'id_number'))).toEqual(hashKey);
    const mac = createHmac('sha256', expected).update('orderly-mask/pseudonym\0段正淳').digest();
    expect(applyMask({ kind: 'pseudonym' }, '段正淳', { hmac, pseudonymKey: expected })).toBe(
      `P-${base32Crockford(mac.subarray(0, 10))}`,
    );
    const hmacOut = createHmac('sha256', hashKey).update('orderly-mask/hash\0段正淳').digest('hex');
    expect(applyMask({ kind: 'hash' }, '段正淳', { hmac, hashKey })).toBe(hmacOut);
  });

  it('refuses ambiguous ids and short secrets', () => {
    expect(() => derivePseudonymKey(hmac, secret, '')).toThrow(MaskError);
    expect(() => deriveHashKey(hmac, digestSecret, 'a\0b', 'c')).toThrow(MaskError);
    expect(() => derivePseudonymKey(hmac, Buffer.alloc(8), 'g')).toThrow(MaskError);
  });

  it('keyed masks without their key or hmac fail at compile time', () => {
    expect(() => compileMask({ kind: 'pseudonym' })).toThrow(MaskError);
    expect(() => compileMask({ kind: 'pseudonym' }, { hmac })).toThrow(/pseudonymKey/);
    expect(() => compileMask({ kind: 'hash' }, { hmac, pseudonymKey: secret })).toThrow(/hashKey/);
    expect(() => compileMask({ kind: 'hash' }, { hmac, hashKey: Buffer.alloc(4) })).toThrow(MaskError);
  });
});

describe('base32Crockford', () => {
  it('encodes RFC 4648 test vectors in the Crockford alphabet', () => {
    // RFC 4648 §10 "foobar" → MZXW6YTBOI; the same bits in Crockford's alphabet.
    expect(base32Crockford(Buffer.from('foobar'))).toBe('CSQPYRK1E8');
    expect(base32Crockford(Buffer.from(''))).toBe('');
    expect(base32Crockford(Buffer.alloc(10, 0xff))).toBe('ZZZZZZZZZZZZZZZZ');
  });
});
