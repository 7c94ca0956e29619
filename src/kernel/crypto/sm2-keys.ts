// SM2 key encodings. sm-crypto-v2 works on raw hex; files, registries and OpenSSL want PEM. Node can parse and
// generate SM2 EC keys but cannot export them as JWK, so the DER is built and parsed here by hand. All SM2 keys
// are canonicalised to the exact DER layout Node/OpenSSL themselves write (uncompressed point, named curve).
import { generateKeyPairSync } from 'node:crypto';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import {
  bytesToBigint,
  derChildren,
  derElement,
  derRead,
  derToPem,
  hexToBytes,
  pemToDer,
} from './encoding.js';
import { CryptoError } from './errors.js';
import { SM2_CURVE, decompressPoint, isOnCurve } from './sm2-curve.js';
import type { KeyPairInfo } from './types.js';

/** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
export const OID_EC_PUBLIC_KEY = Buffer.from('06072a8648ce3d0201', 'hex');
/** DER of OID 1.2.156.10197.1.301 (the SM2 curve; some tools also use it as the algorithm OID). */
export const OID_SM2 = Buffer.from('06082a811ccf5501822d', 'hex');

const ALG_ID = derElement(0x30, Buffer.concat([OID_EC_PUBLIC_KEY, OID_SM2]));

/** Strips and validates raw SM2 public hex: '04'‖x‖y, '02'/'03'‖x (compressed) or bare x‖y (128 chars). */
export function normalizeSm2PublicHex(hex: string): string {
  const h = hex.trim().toLowerCase();
  let x: bigint;
  let y: bigint;
  if (h.length === 130 && h.startsWith('04')) {
    [x, y] = [
      bytesToBigint(hexToBytes(h.slice(2, 66), 'SM2 public key')),
      bytesToBigint(hexToBytes(h.slice(66))),
    ];
  } else if (h.length === 128) {
    [x, y] = [
      bytesToBigint(hexToBytes(h.slice(0, 64), 'SM2 public key')),
      bytesToBigint(hexToBytes(h.slice(64))),
    ];
  } else if (h.length === 66 && (h.startsWith('02') || h.startsWith('03'))) {
    const P = decompressPoint(bytesToBigint(hexToBytes(h.slice(2), 'SM2 public key')), h.startsWith('03'));
    if (P === null) throw new CryptoError('SM2 public key is the point at infinity');
    [x, y] = [P.x, P.y];
  } else {
    throw new CryptoError(
      'SM2 public key hex must be 130 chars (04‖x‖y), 128 chars (x‖y) or 66 chars (compressed 02/03‖x)',
    );
  }
  if (!isOnCurve({ x, y })) throw new CryptoError('SM2 public key is not a point on curve sm2p256v1');
  return `04${x.toString(16).padStart(64, '0')}${y.toString(16).padStart(64, '0')}`;
}

/** Validates an SM2 private scalar: 64 hex chars, 1 ≤ d ≤ n-2 (the signature formula inverts 1 + d). */
export function normalizeSm2PrivateHex(hex: string): string {
  const h = hex.trim().toLowerCase();
  if (h.length !== 64) throw new CryptoError('SM2 private key hex must be 64 characters');
  const d = bytesToBigint(hexToBytes(h, 'SM2 private key'));
  if (d < 1n || d > SM2_CURVE.n - 2n) throw new CryptoError('SM2 private key is out of range [1, n-2]');
  return h;
}

/** Public point from a private scalar (sm-crypto-v2 / noble-curves, constant-time multiplication). */
export function sm2PublicFromPrivate(privateHex: string): string {
  return smCrypto.getPublicKeyFromPrivateKey(normalizeSm2PrivateHex(privateHex)).toLowerCase();
}

/** SubjectPublicKeyInfo DER of an SM2 public key (91 bytes: id-ecPublicKey + SM2 curve + uncompressed point). */
export function sm2PublicHexToDer(publicHex: string): Buffer {
  const point = Buffer.from(normalizeSm2PublicHex(publicHex), 'hex');
  return derElement(
    0x30,
    Buffer.concat([ALG_ID, derElement(0x03, Buffer.concat([Buffer.from([0]), point]))]),
  );
}

/** SPKI PEM ("PUBLIC KEY") of an SM2 public key; `openssl pkey -pubin -text` shows it as an SM2 key. */
export function sm2PublicHexToPem(publicHex: string): string {
  return derToPem(sm2PublicHexToDer(publicHex), 'PUBLIC KEY');
}

/** Extracts the normalised raw point from SM2 SPKI DER (either algorithm-OID convention, any point form). */
export function sm2PublicDerToHex(der: Uint8Array): string {
  const spki = derRead(der, 0);
  if (spki.tag !== 0x30 || spki.end !== der.length)
    throw new CryptoError('SPKI is not a single DER SEQUENCE');
  const [algId, bits] = derChildren(der, spki);
  if (!algId || !bits || algId.tag !== 0x30 || bits.tag !== 0x03) throw new CryptoError('malformed SPKI');
  if (!isSm2AlgorithmId(der, algId)) throw new CryptoError('SPKI does not hold an SM2 key');
  if (der[bits.start] !== 0) throw new CryptoError('SPKI BIT STRING has unused bits');
  return normalizeSm2PublicHex(Buffer.from(der.subarray(bits.start + 1, bits.end)).toString('hex'));
}

/** True if an AlgorithmIdentifier names SM2 (id-ecPublicKey + SM2 curve, or the SM2 OID itself). */
export function isSm2AlgorithmId(der: Uint8Array, algId: { start: number; end: number }): boolean {
  const body = Buffer.from(der.subarray(algId.start, algId.end));
  return (
    body.equals(Buffer.concat([OID_EC_PUBLIC_KEY, OID_SM2])) ||
    body.subarray(0, OID_SM2.length).equals(OID_SM2)
  );
}

/** Raw public hex from an SM2 SPKI PEM. */
export function sm2PublicPemToHex(pem: string): string {
  const { label, der } = pemToDer(pem);
  if (label !== 'PUBLIC KEY') throw new CryptoError(`expected a PUBLIC KEY PEM, got ${label}`);
  return sm2PublicDerToHex(der);
}

/** PKCS#8 PEM ("PRIVATE KEY") of an SM2 key, in the byte layout Node/OpenSSL write (138 bytes of DER). */
export function sm2PrivateHexToPem(privateHex: string, publicHex?: string): string {
  const d = Buffer.from(normalizeSm2PrivateHex(privateHex), 'hex');
  const pub = publicHex ? normalizeSm2PublicHex(publicHex) : sm2PublicFromPrivate(privateHex);
  const bitString = derElement(0x03, Buffer.concat([Buffer.from([0]), Buffer.from(pub, 'hex')]));
  const ecPrivateKey = derElement(
    0x30,
    Buffer.concat([Buffer.from('020101', 'hex'), derElement(0x04, d), derElement(0xa1, bitString)]),
  );
  const pkcs8 = derElement(
    0x30,
    Buffer.concat([Buffer.from('020100', 'hex'), ALG_ID, derElement(0x04, ecPrivateKey)]),
  );
  return derToPem(pkcs8, 'PRIVATE KEY');
}

/** Private scalar (and embedded public point, if present) from SM2 PKCS#8 DER. */
export function sm2PrivateDerToHex(der: Uint8Array): { privateHex: string; publicHex?: string } {
  const outer = derRead(der, 0);
  if (outer.tag !== 0x30 || outer.end !== der.length) throw new CryptoError('PKCS#8 is not a DER SEQUENCE');
  const [version, algId, octets] = derChildren(der, outer);
  if (!version || !algId || !octets || version.tag !== 0x02 || algId.tag !== 0x30 || octets.tag !== 0x04) {
    throw new CryptoError('malformed PKCS#8 private key');
  }
  if (!isSm2AlgorithmId(der, algId)) throw new CryptoError('PKCS#8 does not hold an SM2 key');
  const ecSeq = derRead(der, octets.start, octets.end);
  if (ecSeq.tag !== 0x30) throw new CryptoError('malformed ECPrivateKey');
  const fields = derChildren(der, ecSeq);
  const scalar = fields[1];
  if (!scalar || scalar.tag !== 0x04 || scalar.end - scalar.start > 32) {
    throw new CryptoError('malformed ECPrivateKey scalar');
  }
  const privateHex = Buffer.from(der.subarray(scalar.start, scalar.end)).toString('hex').padStart(64, '0');
  const pubField = fields.find((f) => f.tag === 0xa1);
  if (!pubField) return { privateHex: normalizeSm2PrivateHex(privateHex) };
  const bits = derRead(der, pubField.start, pubField.end);
  if (bits.tag !== 0x03) throw new CryptoError('malformed ECPrivateKey public key');
  const publicHex = normalizeSm2PublicHex(
    Buffer.from(der.subarray(bits.start + 1, bits.end)).toString('hex'),
  );
  return { privateHex: normalizeSm2PrivateHex(privateHex), publicHex };
}

/** Private scalar (and public point if embedded) from an SM2 PKCS#8 PEM. */
export function sm2PrivatePemToHex(pem: string): { privateHex: string; publicHex?: string } {
  const { label, der } = pemToDer(pem);
  if (label !== 'PRIVATE KEY') throw new CryptoError(`expected a PKCS#8 PRIVATE KEY PEM, got ${label}`);
  return sm2PrivateDerToHex(der);
}

/** Builds a complete, self-consistent SM2 KeyPairInfo from a private scalar. */
export function sm2KeyPairFromPrivateHex(privateHex: string): KeyPairInfo {
  const d = normalizeSm2PrivateHex(privateHex);
  const publicHex = sm2PublicFromPrivate(d);
  return {
    alg: 'SM2',
    publicPem: sm2PublicHexToPem(publicHex),
    publicHex,
    privatePem: sm2PrivateHexToPem(d, publicHex),
    privateHex: d,
  };
}

/** Fresh SM2 key pair from OpenSSL's generator (Node), re-encoded canonically with raw hex alongside. */
export function generateSm2KeyPair(): KeyPairInfo {
  for (let attempt = 0; ; attempt++) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    try {
      return sm2KeyPairFromPrivateHex(
        sm2PrivateDerToHex(privateKey.export({ type: 'pkcs8', format: 'der' })).privateHex,
      );
    } catch (err) {
      // OpenSSL draws d from [1, n-1] but SM2 forbids d = n-1: retry in that (2^-256) case only.
      if (attempt >= 2) throw err;
    }
  }
}
