// Key handling common to all algorithms: generation, validation of registered/stored keys, canonical PEM,
// raw public bytes and fingerprints. Ed25519/X25519 go through Node KeyObjects; SM2 through sm2-keys.ts.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { derChildren, derRead, pemToDer } from './encoding.js';
import { CryptoError } from './errors.js';
import { sha256 } from './hash.js';
import {
  isSm2AlgorithmId,
  normalizeSm2PrivateHex,
  normalizeSm2PublicHex,
  sm2KeyPairFromPrivateHex,
  sm2PrivatePemToHex,
  sm2PublicDerToHex,
  sm2PublicHexToDer,
  sm2PublicHexToPem,
  sm2PublicPemToHex,
  generateSm2KeyPair,
} from './sm2-keys.js';
import type { KeyAlg, KeyPairInfo, PublicKeyInfo } from './types.js';

const OKP_OIDS: Record<string, 'Ed25519' | 'X25519'> = { '06032b6570': 'Ed25519', '06032b656e': 'X25519' };
const OKP_NODE_TYPE = { Ed25519: 'ed25519', X25519: 'x25519' } as const;
/** PKCS#8 prefixes for a raw 32-byte Ed25519 seed / X25519 scalar (RFC 8410). */
const OKP_PKCS8_PREFIX = {
  Ed25519: '302e020100300506032b657004220420',
  X25519: '302e020100300506032b656e04220420',
};

const keyObjects = new Map<string, KeyObject>();
const KEY_CACHE_MAX = 512;

/** Parses a PEM into a cached KeyObject: parsing costs more than an Ed25519 signature, so reuse matters. */
export function keyObject(pem: string, kind: 'public' | 'private'): KeyObject {
  const cacheKey = `${kind}\n${pem}`;
  let obj = keyObjects.get(cacheKey);
  if (!obj) {
    obj = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
    if (keyObjects.size >= KEY_CACHE_MAX) keyObjects.clear();
    keyObjects.set(cacheKey, obj);
  }
  return obj;
}

/** PEM text of a KeyObject (Node types the PEM export as string | Buffer). */
function pemOf(obj: KeyObject, type: 'spki' | 'pkcs8'): string {
  return obj.export({ type, format: 'pem' }).toString();
}

/** Dotted form of a DER OID (for error messages only). */
function oidToString(der: Buffer): string {
  const body = der.subarray(2);
  const first = body[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let acc = 0;
  for (const byte of body.subarray(1)) {
    acc = acc * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(acc);
      acc = 0;
    }
  }
  return parts.join('.');
}

/** Identifies the algorithm of SPKI DER, with a message naming what was found if it is unsupported. */
function spkiAlg(der: Buffer): KeyAlg {
  const spki = derRead(der, 0);
  if (spki.tag !== 0x30 || spki.end !== der.length)
    throw new CryptoError('SPKI is not a single DER SEQUENCE');
  const [algId] = derChildren(der, spki);
  if (!algId || algId.tag !== 0x30) throw new CryptoError('malformed SPKI');
  if (isSm2AlgorithmId(der, algId)) return 'SM2';
  const [oid, param] = derChildren(der, algId);
  if (!oid || oid.tag !== 0x06) throw new CryptoError('malformed SPKI algorithm identifier');
  const oidDer = Buffer.from(der.subarray(oid.start - 2, oid.end));
  const okp = OKP_OIDS[oidDer.toString('hex')];
  if (okp) return okp;
  const name = oidToString(oidDer);
  const detail =
    name === '1.2.840.10045.2.1' && param?.tag === 0x06
      ? `an EC key on curve ${oidToString(Buffer.from(der.subarray(param.start - 2, param.end)))}`
      : `algorithm ${name}`;
  throw new CryptoError(`unsupported public key: ${detail}; supported are Ed25519, X25519 and SM2`);
}

/** Validates a registered public key (SPKI PEM of any supported type, or SM2 hex) and returns it canonicalised. */
export function parsePublicKey(input: { alg?: KeyAlg; pem?: string; hex?: string }): PublicKeyInfo {
  if (typeof input !== 'object' || input === null)
    throw new CryptoError('public key input must be an object');
  const { alg, pem, hex } = input;
  if (alg !== undefined && alg !== 'Ed25519' && alg !== 'X25519' && alg !== 'SM2') {
    throw new CryptoError('unknown key algorithm; expected Ed25519, X25519 or SM2');
  }
  let fromHex: string | undefined;
  if (hex !== undefined) {
    if (typeof hex !== 'string') throw new CryptoError('public key hex must be a string');
    if (alg !== undefined && alg !== 'SM2') {
      throw new CryptoError('raw hex is accepted only for SM2 keys; give Ed25519/X25519 keys as SPKI PEM');
    }
    const publicHex = rethrow('invalid SM2 public key hex', () => normalizeSm2PublicHex(hex));
    if (pem === undefined) return { alg: 'SM2', publicPem: sm2PublicHexToPem(publicHex), publicHex };
    fromHex = publicHex;
  }
  if (pem === undefined) throw new CryptoError('public key needs a PEM or (for SM2) hex');
  if (typeof pem !== 'string') throw new CryptoError('public key PEM must be a string');
  const info = rethrow('invalid public key PEM', () => parsePublicPem(pem));
  if (alg !== undefined && info.alg !== alg) throw new CryptoError(`key is ${info.alg}, expected ${alg}`);
  if (fromHex !== undefined && info.publicHex !== fromHex)
    throw new CryptoError('SM2 PEM and hex are different keys');
  return info;
}

/** Runs `fn`, prefixing any failure with context so callers get one clear CryptoError. */
function rethrow<T>(context: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const reason = err instanceof CryptoError ? err.message : 'not a valid key';
    throw new CryptoError(`${context}: ${reason}`, { cause: err });
  }
}

/** Parses a "PUBLIC KEY" PEM into canonical PublicKeyInfo. */
function parsePublicPem(pem: string): PublicKeyInfo {
  const { label, der } = pemToDer(pem);
  if (label.includes('PRIVATE')) throw new CryptoError('this is a private key: register only the public key');
  if (label !== 'PUBLIC KEY')
    throw new CryptoError(`expected "BEGIN PUBLIC KEY" (SPKI), got "BEGIN ${label}"`);
  const alg = spkiAlg(der);
  if (alg === 'SM2') {
    const publicHex = sm2PublicDerToHex(der);
    return { alg, publicPem: sm2PublicHexToPem(publicHex), publicHex };
  }
  const obj = createPublicKey({ key: der, format: 'der', type: 'spki' });
  if (obj.asymmetricKeyType !== OKP_NODE_TYPE[alg]) throw new CryptoError(`malformed ${alg} key`);
  return { alg, publicPem: pemOf(obj, 'spki') };
}

/** Validates a stored key pair (private and public must match) and returns it canonicalised. */
export function parseKeyPair(input: KeyPairInfo): KeyPairInfo {
  return rethrow(`invalid ${String(input?.alg)} key pair`, () => {
    if (input.alg === 'SM2') {
      const fromPem = input.privatePem ? sm2PrivatePemToHex(input.privatePem).privateHex : undefined;
      const d = input.privateHex ? normalizeSm2PrivateHex(input.privateHex) : fromPem;
      if (!d) throw new CryptoError('missing private key');
      if (fromPem && fromPem !== d) throw new CryptoError('privatePem and privateHex differ');
      const pair = sm2KeyPairFromPrivateHex(d);
      if (
        input.publicPem &&
        parsePublicKey({ alg: 'SM2', pem: input.publicPem }).publicHex !== pair.publicHex
      ) {
        throw new CryptoError('public key does not match the private key');
      }
      if (
        input.publicHex &&
        parsePublicKey({ alg: 'SM2', hex: input.publicHex }).publicHex !== pair.publicHex
      ) {
        throw new CryptoError('publicHex does not match the private key');
      }
      return pair;
    }
    if (input.alg !== 'Ed25519' && input.alg !== 'X25519') throw new CryptoError('unknown key algorithm');
    const priv = createPrivateKey(input.privatePem);
    if (priv.asymmetricKeyType !== OKP_NODE_TYPE[input.alg])
      throw new CryptoError('private key has the wrong type');
    const publicPem = pemOf(createPublicKey(priv), 'spki');
    if (input.publicPem && parsePublicKey({ alg: input.alg, pem: input.publicPem }).publicPem !== publicPem) {
      throw new CryptoError('public key does not match the private key');
    }
    return { alg: input.alg, publicPem, privatePem: pemOf(priv, 'pkcs8') };
  });
}

/** A fresh key pair of the given algorithm. */
export function generateKeyPair(alg: KeyAlg): KeyPairInfo {
  if (alg === 'SM2') return generateSm2KeyPair();
  const { publicKey, privateKey } =
    alg === 'Ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    alg,
    publicPem: pemOf(publicKey, 'spki'),
    privatePem: pemOf(privateKey, 'pkcs8'),
  };
}

/** Key pair from raw private bytes: Ed25519 seed, X25519 scalar or SM2 d (32 bytes each), e.g. for test vectors. */
export function keyPairFromPrivateRaw(alg: KeyAlg, raw: Uint8Array): KeyPairInfo {
  if (raw.length !== 32) throw new CryptoError(`${alg} private key must be 32 bytes`);
  if (alg === 'SM2') return sm2KeyPairFromPrivateHex(Buffer.from(raw).toString('hex'));
  const der = Buffer.concat([Buffer.from(OKP_PKCS8_PREFIX[alg], 'hex'), raw]);
  const priv = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return {
    alg,
    publicPem: pemOf(createPublicKey(priv), 'spki'),
    privatePem: pemOf(priv, 'pkcs8'),
  };
}

/** Key info holding only public parts (safe to log, publish or store beside other tenants' data). */
export function publicInfo(key: KeyPairInfo | PublicKeyInfo): PublicKeyInfo {
  return key.publicHex !== undefined
    ? { alg: key.alg, publicPem: key.publicPem, publicHex: key.publicHex }
    : { alg: key.alg, publicPem: key.publicPem };
}

/** SPKI DER of a public key (canonical for SM2: uncompressed point). */
export function spkiDer(key: PublicKeyInfo): Buffer {
  const alg = key.alg;
  if (alg === 'SM2') return sm2PublicHexToDer(key.publicHex ?? sm2PublicPemToHex(key.publicPem));
  return rethrow(`invalid ${String(alg)} public key`, () => {
    const obj = keyObject(key.publicPem, 'public');
    if (obj.asymmetricKeyType !== OKP_NODE_TYPE[alg]) throw new CryptoError(`PEM is not an ${alg} key`);
    return obj.export({ type: 'spki', format: 'der' });
  });
}

/** Throws unless the key has the algorithm an operation needs (a wrong-profile key is a caller bug). */
export function requireAlg(key: PublicKeyInfo, alg: KeyAlg, what: string): void {
  if (key?.alg !== alg) throw new CryptoError(`${what} needs a ${alg} key, got ${String(key?.alg)}`);
}

/** Raw public key bytes: 32 for Ed25519/X25519 (as in RFC 8032/7748), 65 (04‖x‖y) for SM2. */
export function rawPublicKey(key: PublicKeyInfo): Buffer {
  const der = spkiDer(key);
  return key.alg === 'SM2' ? der.subarray(der.length - 65) : der.subarray(der.length - 32);
}

/** Stable key id: hex SHA-256 of the SPKI DER. */
export function keyFingerprint(key: PublicKeyInfo): string {
  // Signed responses name their key on every call: remember fingerprints by the key's text instead of
  // exporting and hashing the SPKI each time (bounded like the KeyObject cache above).
  const cacheKey = `${key.alg}\n${key.publicHex ?? ''}\n${key.publicPem}`;
  let fp = fingerprints.get(cacheKey);
  if (fp === undefined) {
    fp = sha256(spkiDer(key)).toString('hex');
    if (fingerprints.size >= KEY_CACHE_MAX) fingerprints.clear();
    fingerprints.set(cacheKey, fp);
  }
  return fp;
}

const fingerprints = new Map<string, string>();
