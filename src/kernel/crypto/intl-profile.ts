// The international profile: SHA-256, Ed25519, AES-256-GCM, and sealing by X25519 + HKDF-SHA256 + AES-256-GCM.
import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { BatchCmac } from './cmac.js';
import { CryptoError } from './errors.js';
import { aesGcmDecryptMany } from './gcm-batch.js';
import { hkdfWith, hmacWith, sha256 } from './hash.js';
import { generateKeyPair, keyObject, rawPublicKey, requireAlg } from './keys.js';
import { signWith } from './signatures.js';
import { aesGcmDecrypt, aesGcmEncrypt } from './symmetric.js';
import type { CryptoProfile, KeyPairInfo, PublicKeyInfo } from './types.js';

const EMPTY = Buffer.alloc(0);
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
/** Domain-separation label mixed into HKDF's info; the caller's info follows it (the label is fixed-length). */
const SEAL_LABEL = Buffer.from('orderly/v1/seal/x25519-hkdf-sha256-aes256gcm', 'utf8');
const EPK_BYTES = 32;

/** Key schedule: AES key = HKDF-SHA256(ikm = X25519 shared secret, salt = epk ‖ pkR, info = label ‖ info). */
function sealKey(shared: Buffer, epk: Uint8Array, recipientRaw: Uint8Array, info: Uint8Array): Buffer {
  // An all-zero output means a low-order public key was supplied: refuse rather than derive a public key.
  if (shared.every((b) => b === 0)) throw new CryptoError('X25519 produced an all-zero shared secret');
  return hkdfWith(
    'sha256',
    shared,
    Buffer.concat([epk, recipientRaw]),
    Buffer.concat([SEAL_LABEL, info]),
    32,
  );
}

/** Seals to an X25519 public key; output epk (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16). */
function sealTo(recipient: PublicKeyInfo, plaintext: Uint8Array, info: Uint8Array = EMPTY): Buffer {
  requireAlg(recipient, 'X25519', 'intl sealTo');
  const recipientRaw = rawPublicKey(recipient);
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ type: 'spki', format: 'der' }).subarray(-EPK_BYTES);
  let shared: Buffer;
  try {
    shared = diffieHellman({
      privateKey: eph.privateKey,
      publicKey: keyObject(recipient.publicPem, 'public'),
    });
  } catch (err) {
    throw new CryptoError('X25519 key agreement failed (bad recipient key?)', { cause: err });
  }
  return Buffer.concat([epk, aesGcmEncrypt(sealKey(shared, epk, recipientRaw, info), plaintext)]);
}

/** Opens what sealTo produced for this recipient; throws CryptoError on any mismatch or tampering. */
function openSealed(recipient: KeyPairInfo, sealed: Uint8Array, info: Uint8Array = EMPTY): Buffer {
  requireAlg(recipient, 'X25519', 'intl openSealed');
  if (sealed.length < EPK_BYTES + 12 + 16) throw new CryptoError('sealed message is too short');
  const epk = sealed.subarray(0, EPK_BYTES);
  let shared: Buffer;
  try {
    const ephPublic = createPublicKey({
      key: Buffer.concat([X25519_SPKI_PREFIX, epk]),
      format: 'der',
      type: 'spki',
    });
    shared = diffieHellman({ privateKey: keyObject(recipient.privatePem, 'private'), publicKey: ephPublic });
  } catch (err) {
    throw new CryptoError('X25519 key agreement failed (tampered data or wrong key)', { cause: err });
  }
  const key = sealKey(shared, epk, rawPublicKey(recipient), info);
  return aesGcmDecrypt(key, sealed.subarray(EPK_BYTES));
}

/** The intl profile object (immutable). */
export const intlProfile: CryptoProfile = Object.freeze({
  name: 'intl',
  hashName: 'sha256',
  hash: sha256,
  hmac: (key: Uint8Array, data: Uint8Array | string) => hmacWith('sha256', key, data),
  signingAlg: 'Ed25519',
  jwsAlg: 'EdDSA',
  generateSigningKeyPair: () => generateKeyPair('Ed25519'),
  generateEncryptionKeyPair: () => generateKeyPair('X25519'),
  sign(key: KeyPairInfo, data: Uint8Array | string): Buffer {
    requireAlg(key, 'Ed25519', 'intl sign');
    return signWith(key, data);
  },
  encrypt: aesGcmEncrypt,
  decrypt: aesGcmDecrypt,
  decryptMany: aesGcmDecryptMany,
  cmac: (key: Uint8Array) => new BatchCmac('aes-256', key),
  sealTo,
  openSealed,
} as const);
