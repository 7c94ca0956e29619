// Keyed masks. Both are HMACs under keys the caller derives from the platform keyring (this file stays pure:
// the HMAC function comes from the caller's crypto profile, HMAC-SHA256 or HMAC-SM3). Derivations are fixed
// here so every caller, and docs/masking.md, agree byte for byte.

/** An HMAC function: the crypto profile's `hmac` (HMAC-SHA256 or HMAC-SM3). */
export type HmacFn = (key: Uint8Array, data: Uint8Array | string) => Uint8Array;

/** Thrown when a mask cannot be applied because the caller left out something it needs (a key, asOf). */
export class MaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaskError';
  }
}

/** Label of the per-grant pseudonym key: key = HMAC(pseudonym secret, label ‖ grantId). */
export const PSEUDONYM_KEY_LABEL = 'orderly-pseudonym\0';
/** Label of the per-grant, per-item hash key: key = HMAC(digest secret, label ‖ grantId ‖ 0x00 ‖ itemCode). */
export const HASH_KEY_LABEL = 'orderly-mask-hash\0';
/** Domain-separation prefixes of the MAC inputs, so a key used by mistake for both masks gives unrelated outputs. */
export const PSEUDONYM_INPUT_LABEL = 'orderly-mask/pseudonym\0';
export const HASH_INPUT_LABEL = 'orderly-mask/hash\0';
/** Keys shorter than this are refused (secrets and derived keys are 32 bytes). */
export const MIN_KEY_BYTES = 16;
/** Bytes of the MAC a pseudonym keeps: 80 bits, 16 base32 characters. */
export const PSEUDONYM_BYTES = 10;
/** Prefix that marks a pseudonym. */
export const PSEUDONYM_PREFIX = 'P-';

function part(name: string, s: string): string {
  if (s.length === 0 || s.includes('\0')) throw new MaskError(`${name} must be non-empty and contain no NUL`);
  return s;
}

function checkKey(what: string, key: Uint8Array): Uint8Array {
  if (key.length < MIN_KEY_BYTES) throw new MaskError(`${what} must be at least ${MIN_KEY_BYTES} bytes`);
  return key;
}

/** The pseudonym key of one grant, from the keyring's `pseudonym` secret. */
export function derivePseudonymKey(hmac: HmacFn, pseudonymSecret: Uint8Array, grantId: string): Uint8Array {
  checkKey('pseudonym secret', pseudonymSecret);
  return hmac(pseudonymSecret, PSEUDONYM_KEY_LABEL + part('grantId', grantId));
}

/** The hash key of one item under one grant, from the keyring's `digest` secret. */
export function deriveHashKey(
  hmac: HmacFn,
  digestSecret: Uint8Array,
  grantId: string,
  itemCode: string,
): Uint8Array {
  checkKey('digest secret', digestSecret);
  return hmac(digestSecret, `${HASH_KEY_LABEL}${part('grantId', grantId)}\0${part('itemCode', itemCode)}`);
}

// Crockford's base32: no I, L, O or U, so a pseudonym read aloud or copied by hand is not misread.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Crockford base32 of the bytes, most significant bit first, no padding. */
export function base32Crockford(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32.charAt((buffer >>> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/** "P-" + base32 of the first 10 bytes of HMAC(key, label ‖ text): same text and key, same pseudonym. */
export function pseudonymOf(hmac: HmacFn, key: Uint8Array, text: string): string {
  const mac = hmac(checkKey('pseudonym key', key), PSEUDONYM_INPUT_LABEL + text);
  return PSEUDONYM_PREFIX + base32Crockford(mac.subarray(0, PSEUDONYM_BYTES));
}

/** Lowercase hex of the full HMAC(key, label ‖ text). */
export function keyedHashOf(hmac: HmacFn, key: Uint8Array, text: string): string {
  return Buffer.from(hmac(checkKey('hash key', key), HASH_INPUT_LABEL + text)).toString('hex');
}
