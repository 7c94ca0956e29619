// The 国密 (sm) profile: SM3, SM2 signatures, SM4-CTR + HMAC-SM3, and sealing by SM2 public-key encryption
// (C1C3C2) of a fresh 32-byte content key, with the body under SM4-CTR + HMAC-SM3.
import { BatchCmac } from './cmac.js';
import { randomSecret } from './encoding.js';
import { CryptoError } from './errors.js';
import { hmacWith, sm3 } from './hash.js';
import { generateKeyPair, requireAlg } from './keys.js';
import { signWith } from './signatures.js';
import { sm2Decrypt, sm2Encrypt } from './sm2.js';
import { normalizeSm2PublicHex, sm2PrivatePemToHex, sm2PublicPemToHex } from './sm2-keys.js';
import { sm4Decrypt, sm4Encrypt } from './symmetric.js';
import type { CryptoProfile, KeyPairInfo, PublicKeyInfo } from './types.js';

const EMPTY = Buffer.alloc(0);
/** SM2 ciphertext of a 32-byte key: C1 (65) ‖ C3 (32) ‖ C2 (32). */
const HEADER_BYTES = 65 + 32 + 32;
const SEAL_LABEL = Buffer.from('orderly/v1/seal/sm2-sm4ctr-hmacsm3', 'utf8');

/** AAD of the body: label ‖ SM2 header ‖ recipient point (65) ‖ info. All but info are fixed-length. */
function sealAad(header: Uint8Array, recipientHex: string, info: Uint8Array): Buffer {
  return Buffer.concat([SEAL_LABEL, header, Buffer.from(recipientHex, 'hex'), info]);
}

/** Normalised raw public point of an SM2 key (hex if present, else from the PEM). */
function publicHexOf(key: PublicKeyInfo): string {
  try {
    return normalizeSm2PublicHex(key.publicHex ?? sm2PublicPemToHex(key.publicPem));
  } catch (err) {
    throw new CryptoError('invalid SM2 recipient key', { cause: err });
  }
}

/** Seals to an SM2 public key; output C1 (65) ‖ C3 (32) ‖ C2 (32) ‖ iv (16) ‖ ciphertext ‖ HMAC-SM3 tag (32). */
function sealTo(recipient: PublicKeyInfo, plaintext: Uint8Array, info: Uint8Array = EMPTY): Buffer {
  requireAlg(recipient, 'SM2', 'sm sealTo');
  const recipientHex = publicHexOf(recipient);
  const contentKey = randomSecret(32);
  const header = sm2Encrypt(recipientHex, contentKey);
  return Buffer.concat([header, sm4Encrypt(contentKey, plaintext, sealAad(header, recipientHex, info))]);
}

/** Opens what sealTo produced for this recipient; throws CryptoError on any mismatch or tampering. */
function openSealed(recipient: KeyPairInfo, sealed: Uint8Array, info: Uint8Array = EMPTY): Buffer {
  requireAlg(recipient, 'SM2', 'sm openSealed');
  if (sealed.length < HEADER_BYTES + 16 + 32) throw new CryptoError('sealed message is too short');
  const header = sealed.subarray(0, HEADER_BYTES);
  const privateHex = recipient.privateHex ?? sm2PrivatePemToHex(recipient.privatePem).privateHex;
  const contentKey = sm2Decrypt(privateHex, header);
  if (contentKey.length !== 32) throw new CryptoError('sealed message header is malformed');
  const aad = sealAad(header, publicHexOf(recipient), info);
  return sm4Decrypt(contentKey, sealed.subarray(HEADER_BYTES), aad);
}

/** The sm profile object (immutable). */
export const smProfile: CryptoProfile = Object.freeze({
  name: 'sm',
  hashName: 'sm3',
  hash: sm3,
  hmac: (key: Uint8Array, data: Uint8Array | string) => hmacWith('sm3', key, data),
  signingAlg: 'SM2',
  jwsAlg: 'SM2SM3',
  generateSigningKeyPair: () => generateKeyPair('SM2'),
  generateEncryptionKeyPair: () => generateKeyPair('SM2'),
  sign(key: KeyPairInfo, data: Uint8Array | string): Buffer {
    requireAlg(key, 'SM2', 'sm sign');
    return signWith(key, data);
  },
  encrypt: sm4Encrypt,
  decrypt: sm4Decrypt,
  // One by one: each message has its own HMAC-SM3 tag to check anyway.
  decryptMany: (key: Uint8Array, items: readonly { sealed: Uint8Array; aad: Uint8Array }[]) =>
    items.map((i) => sm4Decrypt(key, i.sealed, i.aad)),
  cmac(key: Uint8Array): BatchCmac {
    if (!(key instanceof Uint8Array) || key.length !== 32) throw new CryptoError('CMAC key must be 32 bytes');
    // SM4 keys are 16 bytes: the first half of the (pseudo-random) 32-byte key.
    return new BatchCmac('sm4', key.subarray(0, 16));
  },
  sealTo,
  openSealed,
} as const);
