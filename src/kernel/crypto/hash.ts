// Hashes, HMACs and HKDF. node:crypto (OpenSSL) implements SM3 correctly, so both profiles use it directly.
import { createHmac, hash, hkdfSync } from 'node:crypto';
import { toBytes } from './encoding.js';

/** Hash names accepted by the HMAC/HKDF helpers. */
export type HashName = 'sha256' | 'sm3';

/** SHA-256 of the bytes (strings are UTF-8). */
export function sha256(data: Uint8Array | string): Buffer {
  return hash('sha256', toBytes(data), 'buffer');
}

/** SM3 (GB/T 32905) of the bytes (strings are UTF-8). */
export function sm3(data: Uint8Array | string): Buffer {
  return hash('sm3', toBytes(data), 'buffer');
}

/** HMAC with the named hash (HMAC-SHA256 or HMAC-SM3). */
export function hmacWith(name: HashName, key: Uint8Array, data: Uint8Array | string): Buffer {
  return createHmac(name, key).update(toBytes(data)).digest();
}

/** HKDF (RFC 5869) with the named hash; SM3 works because OpenSSL's HKDF accepts any digest. */
export function hkdfWith(
  name: HashName,
  ikm: Uint8Array,
  salt: Uint8Array,
  info: Uint8Array,
  length: number,
): Buffer {
  return Buffer.from(hkdfSync(name, ikm, salt, info, length));
}
