// Authenticated symmetric encryption under a 32-byte key, one construction per profile:
//   intl: AES-256-GCM                        → nonce (12) ‖ ciphertext ‖ tag (16)
//   sm:   SM4-CTR + HMAC-SM3 (encrypt-then-MAC) → iv (16) ‖ ciphertext ‖ tag (32)
// SM4-GCM is not offered by Node/OpenSSL 3.0, so the sm profile composes CTR and HMAC (a generic-composition
// AEAD); its two keys come from HKDF-SM3 so one stored 32-byte key serves both profiles' APIs.
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { u64be } from './encoding.js';
import { CryptoError } from './errors.js';
import { hkdfWith, hmacWith } from './hash.js';

const GCM_NONCE = 12;
const GCM_TAG = 16;
const SM4_IV = 16;
const SM3_TAG = 32;
const EMPTY = Buffer.alloc(0);

/** Rejects keys that are not exactly 32 bytes, before any library sees them. */
function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new CryptoError('symmetric key must be 32 bytes');
}

/** AES-256-GCM with a random 96-bit nonce; output nonce ‖ ciphertext ‖ tag. */
export function aesGcmEncrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = EMPTY): Buffer {
  checkKey(key);
  const nonce = randomBytes(GCM_NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, ct, cipher.getAuthTag()]);
}

/** Inverse of aesGcmEncrypt; throws CryptoError on a wrong key/aad or any modification. */
export function aesGcmDecrypt(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = EMPTY): Buffer {
  checkKey(key);
  if (sealed.length < GCM_NONCE + GCM_TAG) throw new CryptoError('AES-GCM ciphertext is too short');
  const nonce = sealed.subarray(0, GCM_NONCE);
  const tag = sealed.subarray(sealed.length - GCM_TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(sealed.subarray(GCM_NONCE, sealed.length - GCM_TAG)),
      decipher.final(),
    ]);
  } catch (err) {
    throw new CryptoError('AES-GCM decryption failed (wrong key, wrong aad or tampered data)', {
      cause: err,
    });
  }
}

const SM4_ENC_INFO = Buffer.from('orderly/v1/sm4-ctr-hmac-sm3/enc', 'utf8');
const SM4_MAC_INFO = Buffer.from('orderly/v1/sm4-ctr-hmac-sm3/mac', 'utf8');

/** Derives the independent SM4 key (16 bytes) and HMAC-SM3 key (32 bytes) from the 32-byte key. */
export function sm4DeriveKeys(key: Uint8Array): { encKey: Buffer; macKey: Buffer } {
  checkKey(key);
  return {
    encKey: hkdfWith('sm3', key, EMPTY, SM4_ENC_INFO, 16),
    macKey: hkdfWith('sm3', key, EMPTY, SM4_MAC_INFO, 32),
  };
}

/** HMAC-SM3 over len(aad) (8 bytes BE) ‖ aad ‖ iv ‖ ciphertext: the length prefix keeps aad/iv boundaries fixed. */
function sm4Tag(macKey: Buffer, aad: Uint8Array, iv: Uint8Array, ct: Uint8Array): Buffer {
  return hmacWith('sm3', macKey, Buffer.concat([u64be(aad.length), aad, iv, ct]));
}

/** SM4-CTR + HMAC-SM3 encrypt-then-MAC with a random 128-bit IV; output iv ‖ ciphertext ‖ tag. */
export function sm4Encrypt(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array = EMPTY): Buffer {
  const { encKey, macKey } = sm4DeriveKeys(key);
  const iv = randomBytes(SM4_IV);
  const cipher = createCipheriv('sm4-ctr', encKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ct, sm4Tag(macKey, aad, iv, ct)]);
}

/** Inverse of sm4Encrypt; verifies the tag (constant time) before decrypting anything. */
export function sm4Decrypt(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array = EMPTY): Buffer {
  const { encKey, macKey } = sm4DeriveKeys(key);
  if (sealed.length < SM4_IV + SM3_TAG) throw new CryptoError('SM4 ciphertext is too short');
  const iv = sealed.subarray(0, SM4_IV);
  const ct = sealed.subarray(SM4_IV, sealed.length - SM3_TAG);
  const tag = sealed.subarray(sealed.length - SM3_TAG);
  if (!timingSafeEqual(sm4Tag(macKey, aad, iv, ct), tag)) {
    throw new CryptoError('SM4 decryption failed (wrong key, wrong aad or tampered data)');
  }
  const decipher = createDecipheriv('sm4-ctr', encKey, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}
