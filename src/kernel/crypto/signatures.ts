// Algorithm-dispatching signatures. Verification accepts keys of both profiles, so a platform that switches
// profile (or federates with one using the other) can still check everything it has already signed.
import { sign, verify } from 'node:crypto';
import { toBytes } from './encoding.js';
import { CryptoError } from './errors.js';
import { keyObject } from './keys.js';
import { sm2SignRaw, sm2Verify } from './sm2.js';
import { sm2PrivatePemToHex, sm2PublicPemToHex } from './sm2-keys.js';
import type { KeyPairInfo, PublicKeyInfo } from './types.js';

/** Signs with the key's own algorithm: Ed25519 (64 bytes) or SM2 raw r ‖ s (64 bytes, default ID). */
export function signWith(key: KeyPairInfo, data: Uint8Array | string): Buffer {
  const bytes = toBytes(data);
  switch (key.alg) {
    case 'Ed25519':
      try {
        return sign(null, bytes, keyObject(key.privatePem, 'private'));
      } catch (err) {
        throw new CryptoError('Ed25519 signing failed (bad private key?)', { cause: err });
      }
    case 'SM2': {
      const privateHex = key.privateHex ?? sm2PrivatePemToHex(key.privatePem).privateHex;
      const publicHex = key.publicHex ?? sm2PublicPemToHex(key.publicPem);
      return sm2SignRaw(privateHex, bytes, { publicHex });
    }
    default:
      throw new CryptoError(`${String(key.alg)} keys cannot sign`);
  }
}

/** Verification accepts both profiles: dispatch on the key's alg. False for any malformed input; never throws. */
export function verifySignature(
  key: PublicKeyInfo,
  data: Uint8Array | string,
  signature: Uint8Array,
): boolean {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  try {
    switch (key.alg) {
      case 'Ed25519':
        return verify(null, toBytes(data), keyObject(key.publicPem, 'public'), signature);
      case 'SM2':
        return sm2Verify(key.publicHex ?? sm2PublicPemToHex(key.publicPem), data, signature);
      default:
        return false;
    }
  } catch {
    return false;
  }
}
