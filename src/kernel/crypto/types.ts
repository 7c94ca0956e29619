// Shared types of the crypto kernel. Kept apart from the implementations so profiles, keys and the keyring can
// all depend on them without import cycles.

import type { BatchCmac } from './cmac.js';

export type ProfileName = 'intl' | 'sm';
export type KeyAlg = 'Ed25519' | 'X25519' | 'SM2';

/** A key as stored/transported. PEM is SPKI (public) / PKCS#8 (private) for every alg; SM2 additionally raw hex. */
export interface PublicKeyInfo {
  alg: KeyAlg;
  publicPem: string;
  /** SM2 only: uncompressed point '04' ‖ x ‖ y, 130 lowercase hex characters. */
  publicHex?: string;
}

/** A key pair; the private parts must never be logged or sent anywhere. */
export interface KeyPairInfo extends PublicKeyInfo {
  privatePem: string;
  /** SM2 only: the scalar d, 64 lowercase hex characters. */
  privateHex?: string;
}

/** One cryptographic profile: the international (intl) or the Chinese commercial-crypto (sm, 国密) suite. */
export interface CryptoProfile {
  readonly name: ProfileName;
  readonly hashName: 'sha256' | 'sm3';
  /** SHA-256 or SM3 of the bytes (strings are UTF-8). */
  hash(data: Uint8Array | string): Buffer;
  /** HMAC-SHA256 or HMAC-SM3. */
  hmac(key: Uint8Array, data: Uint8Array | string): Buffer;
  readonly signingAlg: 'Ed25519' | 'SM2';
  /** JOSE `alg` header value; `SM2SM3` is Orderly's own, unregistered name (see docs/crypto.md). */
  readonly jwsAlg: 'EdDSA' | 'SM2SM3';
  /** A fresh Ed25519 or SM2 signing key pair. */
  generateSigningKeyPair(): KeyPairInfo;
  /** A fresh X25519 or SM2 key pair for sealTo/openSealed. */
  generateEncryptionKeyPair(): KeyPairInfo;
  /** Ed25519 (64 bytes) or SM2 raw r ‖ s (64 bytes, Z_A over ID 1234567812345678). */
  sign(key: KeyPairInfo, data: Uint8Array | string): Buffer;
  /** AES-256-GCM or SM4-CTR + HMAC-SM3 (encrypt-then-MAC) under a 32-byte key. */
  encrypt(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Buffer;
  /** Inverse of encrypt; throws CryptoError on a wrong key, wrong aad or any tampering. */
  decrypt(key: Uint8Array, ciphertext: Uint8Array, aad?: Uint8Array): Buffer;
  /**
   * decrypt of many small messages under one key, in order (the data store's sealed cells: a page's worth at a
   * time); throws CryptoError at the first that does not open. intl runs AES once per batch (gcm-batch.ts).
   */
  decryptMany(key: Uint8Array, items: readonly { sealed: Uint8Array; aad: Uint8Array }[]): Buffer[];
  /**
   * CMAC under a 32-byte key (AES-256-CMAC; SM4-CMAC under the key's first 16 bytes), for pseudo-random
   * functions evaluated once per record in batches (cmac.ts).
   */
  cmac(key: Uint8Array): BatchCmac;
  /** Public-key encryption to a recipient's X25519 or SM2 key. */
  sealTo(recipient: PublicKeyInfo, plaintext: Uint8Array, info?: Uint8Array): Buffer;
  /** Inverse of sealTo; throws CryptoError on a wrong key, wrong info or any tampering. */
  openSealed(recipient: KeyPairInfo, sealed: Uint8Array, info?: Uint8Array): Buffer;
}
