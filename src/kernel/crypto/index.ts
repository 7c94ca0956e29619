// Public surface of the crypto kernel: other code imports only this file (ARCHITECTURE.md rule 1).
// See docs/crypto.md for the algorithms and the exact byte formats.
export type { CryptoProfile, KeyAlg, KeyPairInfo, ProfileName, PublicKeyInfo } from './types.js';
export { CryptoError } from './errors.js';
export { BatchCmac, type CmacCipher } from './cmac.js';
export { getProfile, isProfileName } from './profiles.js';
export { signWith, verifySignature } from './signatures.js';
export { jwsAlgOf, signDetachedJws, verifyDetachedJws, type DetachedJwsCheck } from './detached-jws.js';
export {
  generateKeyPair,
  keyFingerprint,
  keyPairFromPrivateRaw,
  parseKeyPair,
  parsePublicKey,
  publicInfo,
  rawPublicKey,
} from './keys.js';
export { sha256, sm3 } from './hash.js';
export {
  HPKE_AEAD,
  HpkeContext,
  hpkeDeriveKeyPair,
  hpkeSetupRecipient,
  hpkeSetupSender,
  type HpkeAead,
} from './hpke.js';
export {
  createOpener,
  createSealer,
  SEALED_RECORD_SIZE,
  type SealedHeader,
  type SealSuite,
} from './sealed-stream.js';
export { randomSecret, signatureDerToRaw, signatureRawToDer, timingSafeEqualHex } from './encoding.js';
export {
  SM2_DEFAULT_ID,
  sm2ComputeZa,
  sm2Decrypt,
  sm2Digest,
  sm2Encrypt,
  sm2SignRaw,
  sm2SignWithK,
  sm2Verify,
  sm2VerifyReference,
  type Sm2SignOptions,
} from './sm2.js';
export {
  sm2PrivateHexToPem,
  sm2PrivatePemToHex,
  sm2PublicFromPrivate,
  sm2PublicHexToPem,
  sm2PublicPemToHex,
} from './sm2-keys.js';
export {
  PlatformKeyring,
  SECRET_NAMES,
  SIGNING_PURPOSES,
  loadOrCreateKeyring,
  purposeAlg,
  type Keyring,
  type KeyringKeyPair,
  type KeyringPublicKey,
  type KeyringSecret,
  type SecretName,
  type SigningPurpose,
} from './keyring.js';
