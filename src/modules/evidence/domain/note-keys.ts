// Key types, key IDs, verifier keys and signers of the signed-note format for the three key types Orderly uses:
// Ed25519 note signatures (type 0x01), Ed25519 witness cosignatures (0x04, c2sp.org/tlog-cosignature) and SM2
// note signatures. SM2 has no assigned type byte, so it uses the format's extension mechanism: 0xff followed
// by a longer identifier, here the DER encoding of the OID of "SM2 signature with SM3" (1.2.156.10197.1.501,
// GB/T 33560). A DER OID is registered, so it cannot collide, and self-delimiting, so a verifier key
// `type ‖ public key` can be split without a separate length. See docs/evidence-formats.md §4.
import {
  parsePublicKey,
  rawPublicKey,
  sha256,
  signWith,
  type KeyPairInfo,
  type PublicKeyInfo,
} from '../../../kernel/index.js';
import { NoteError } from './errors.js';
import { decodeBase64, encodeBase64, isValidKeyName } from './note-syntax.js';

/** The signature types Orderly signs and verifies. */
export type NoteKeyType = 'ed25519' | 'cosignature/v1' | 'sm2';

/** DER of OID 1.2.156.10197.1.501 (SM2 signature with SM3): 06 08 2a 81 1c cf 55 01 83 75. */
export const SM2_SM3_OID_DER: Buffer = Buffer.from('06082a811ccf55018375', 'hex');

/** The signature type bytes hashed into key IDs and prefixed to public keys in verifier keys. */
export const NOTE_KEY_TYPE_BYTES: Readonly<Record<NoteKeyType, Buffer>> = Object.freeze({
  ed25519: Buffer.from([0x01]),
  'cosignature/v1': Buffer.from([0x04]),
  sm2: Buffer.concat([Buffer.from([0xff]), SM2_SM3_OID_DER]),
});

/** Raw public key lengths: Ed25519 32 bytes (RFC 8032), SM2 65 bytes (uncompressed 04 ‖ x ‖ y). */
const PUBLIC_KEY_BYTES: Readonly<Record<NoteKeyType, number>> = {
  ed25519: 32,
  'cosignature/v1': 32,
  sm2: 65,
};

/** The kernel key algorithm behind each note key type. */
const KEY_ALG: Readonly<Record<NoteKeyType, 'Ed25519' | 'SM2'>> = {
  ed25519: 'Ed25519',
  'cosignature/v1': 'Ed25519',
  sm2: 'SM2',
};

/** A trusted public key as a note verifier: signature lines match it by (name, keyId). */
export interface NoteVerifier {
  readonly name: string;
  readonly type: NoteKeyType;
  /** uint32 key ID: the first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ type bytes ‖ public key). */
  readonly keyId: number;
  /** Raw public key: 32 bytes (Ed25519) or 65 bytes (SM2, 04 ‖ x ‖ y). */
  readonly publicKey: Buffer;
  /** The same key in kernel form, for verifySignature. */
  readonly key: PublicKeyInfo;
}

/** A private key that signs notes (ed25519, sm2) or cosigns checkpoints (cosignature/v1). */
export interface NoteSigner {
  readonly name: string;
  readonly type: NoteKeyType;
  readonly keyId: number;
  /** Signs the exact message bytes: Ed25519 (64 bytes) or SM2 raw r ‖ s (64 bytes, SM3, Z_A over the default ID). */
  sign(message: Uint8Array): Buffer;
}

/** Throws a NoteError unless the key name is valid for signature lines and verifier keys. */
function checkName(name: string): void {
  if (!isValidKeyName(name)) {
    throw new NoteError('key name must be non-empty, without spaces, "+" or control characters');
  }
}

/** The key ID of a (name, type, raw public key) tuple, as c2sp.org/signed-note recommends it. */
export function noteKeyId(name: string, type: NoteKeyType, publicKey: Uint8Array): number {
  const digest = sha256(
    Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), NOTE_KEY_TYPE_BYTES[type], publicKey]),
  );
  return digest.readUInt32BE(0);
}

/** SPKI DER prefix of a raw Ed25519 public key (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Kernel key info of a raw public key; throws a NoteError for bytes that are not a valid key of the type. */
function keyInfoOf(type: NoteKeyType, raw: Uint8Array): PublicKeyInfo {
  if (raw.length !== PUBLIC_KEY_BYTES[type]) {
    throw new NoteError(`${type} public key must be ${PUBLIC_KEY_BYTES[type]} bytes, got ${raw.length}`);
  }
  try {
    if (KEY_ALG[type] === 'SM2') {
      // Only the uncompressed form: the key ID hashes these exact bytes, so one key must have one encoding.
      if (raw[0] !== 0x04) throw new NoteError('SM2 public key must be uncompressed (04 ‖ x ‖ y)');
      return parsePublicKey({ alg: 'SM2', hex: Buffer.from(raw).toString('hex') });
    }
    const der = Buffer.concat([ED25519_SPKI_PREFIX, raw]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    return parsePublicKey({ alg: 'Ed25519', pem });
  } catch (err) {
    if (err instanceof NoteError) throw err;
    throw new NoteError(`invalid ${type} public key: ${err instanceof Error ? err.message : 'unreadable'}`);
  }
}

/** Raw public bytes of a key given as kernel key info or raw bytes, checked against the type's algorithm. */
function rawOf(type: NoteKeyType, key: PublicKeyInfo | Uint8Array): Buffer {
  if (key instanceof Uint8Array) return Buffer.from(key);
  if (key.alg !== KEY_ALG[type])
    throw new NoteError(`a ${type} key must be ${KEY_ALG[type]}, got ${key.alg}`);
  return rawPublicKey(key);
}

/** A verifier for a trusted key (kernel key info or raw public bytes); validates the name and the key. */
export function noteVerifier(
  name: string,
  type: NoteKeyType,
  publicKey: PublicKeyInfo | Uint8Array,
): NoteVerifier {
  checkName(name);
  if (!(type in NOTE_KEY_TYPE_BYTES)) throw new NoteError(`unknown note key type ${String(type)}`);
  const raw = rawOf(type, publicKey);
  const key = keyInfoOf(type, raw);
  return Object.freeze({ name, type, keyId: noteKeyId(name, type, raw), publicKey: raw, key });
}

/** The verifier key string `<name>+<8 hex digits of key ID>+<base64(type bytes ‖ public key)>`. */
export function verifierKey(name: string, type: NoteKeyType, publicKey: PublicKeyInfo | Uint8Array): string {
  return formatVerifierKey(noteVerifier(name, type, publicKey));
}

/** The verifier key string of a verifier. */
export function formatVerifierKey(v: NoteVerifier): string {
  const id = v.keyId.toString(16).padStart(8, '0');
  return `${v.name}+${id}+${encodeBase64(Buffer.concat([NOTE_KEY_TYPE_BYTES[v.type], v.publicKey]))}`;
}

/** The key type whose type bytes start `material`, if any. */
function typeOf(material: Buffer): NoteKeyType | undefined {
  return (Object.keys(NOTE_KEY_TYPE_BYTES) as NoteKeyType[]).find((t) => {
    const prefix = NOTE_KEY_TYPE_BYTES[t];
    return material.length > prefix.length && material.subarray(0, prefix.length).equals(prefix);
  });
}

/** Parses a verifier key string; throws a NoteError for bad syntax, an unsupported type or a wrong key ID. */
export function parseVerifierKey(s: string): NoteVerifier {
  if (typeof s !== 'string') throw new NoteError('verifier key must be a string');
  // The name cannot contain '+', the key ID is hex, so the first two '+' are the separators; base64 may hold more.
  const first = s.indexOf('+');
  const second = s.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteError('verifier key must look like <name>+<key ID>+<key>');
  const name = s.slice(0, first);
  const idHex = s.slice(first + 1, second);
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('verifier key ID must be 8 lowercase hex digits');
  const material = decodeBase64(s.slice(second + 1));
  if (!material) throw new NoteError('verifier key material is not valid standard base64');
  const type = typeOf(material);
  if (!type) {
    const shown = material[0] === undefined ? 'none' : `0x${material[0].toString(16).padStart(2, '0')}`;
    throw new NoteError(`unsupported verifier key type (first byte ${shown})`);
  }
  const v = noteVerifier(name, type, material.subarray(NOTE_KEY_TYPE_BYTES[type].length));
  if (v.keyId !== Number.parseInt(idHex, 16)) throw new NoteError('verifier key ID does not match the key');
  return v;
}

/** A signer from a kernel key pair: Ed25519 → ed25519 (or cosignature/v1 if asked), SM2 → sm2. */
export function noteSigner(name: string, key: KeyPairInfo, type?: NoteKeyType): NoteSigner {
  const t: NoteKeyType = type ?? (key.alg === 'SM2' ? 'sm2' : 'ed25519');
  const v = noteVerifier(name, t, key);
  return Object.freeze({
    name,
    type: t,
    keyId: v.keyId,
    sign: (message: Uint8Array) => signWith(key, message),
  });
}
