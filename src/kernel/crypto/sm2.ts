// SM2 signatures and public-key encryption (GB/T 32918). Production paths use sm-crypto-v2 (noble-curves,
// constant-time scalar multiplication); Node's own SM2 signing uses an empty user ID and is not interoperable.
// Z_A is computed here with Node's SM3 so it can be checked independently of the library.
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { bigintToBytes, bytesToBigint, hexToBytes, toBytes } from './encoding.js';
import { CryptoError } from './errors.js';
import { sm3 } from './hash.js';
import { SM2_CURVE, sm2SignDigestWithK, sm2VerifyDigest } from './sm2-curve.js';
import { normalizeSm2PrivateHex, normalizeSm2PublicHex, sm2PublicFromPrivate } from './sm2-keys.js';

/** The default signer ID of GB/T 32918 / GM/T 0009 ("1234567812345678"), used for every Orderly signature. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** Options shared by the SM2 signing helpers. */
export interface Sm2SignOptions {
  /** The signer's public key; derived from the private key if omitted (costs one scalar multiplication). */
  publicHex?: string;
  /** Signer ID (UTF-8); defaults to 1234567812345678. */
  id?: string;
}

const CURVE_BYTES = Buffer.concat(
  [SM2_CURVE.a, SM2_CURVE.b, SM2_CURVE.gx, SM2_CURVE.gy].map((v) => bigintToBytes(v, 32)),
);

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), binding the signer's identity and key into the digest. */
export function sm2ComputeZa(publicHex: string, id: string = SM2_DEFAULT_ID): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = idBytes.length * 8;
  if (entl > 0xffff) throw new CryptoError('SM2 signer ID longer than 8191 bytes');
  const point = Buffer.from(normalizeSm2PublicHex(publicHex), 'hex').subarray(1);
  const entlBytes = Buffer.from([entl >> 8, entl & 0xff]);
  return sm3(Buffer.concat([entlBytes, idBytes, CURVE_BYTES, point]));
}

/** e = SM3(Z_A ‖ M), the value an SM2 signature actually signs. */
export function sm2Digest(publicHex: string, data: Uint8Array | string, id: string = SM2_DEFAULT_ID): Buffer {
  return sm3(Buffer.concat([sm2ComputeZa(publicHex, id), toBytes(data)]));
}

/** SM2 signature (random k from the library's CSPRNG) as raw r ‖ s, 64 bytes. */
export function sm2SignRaw(privateHex: string, data: Uint8Array | string, opts: Sm2SignOptions = {}): Buffer {
  const d = normalizeSm2PrivateHex(privateHex);
  const publicHex = opts.publicHex ? normalizeSm2PublicHex(opts.publicHex) : sm2PublicFromPrivate(d);
  const sigHex = smCrypto.doSignature(toBytes(data), d, {
    hash: true,
    publicKey: publicHex,
    userId: opts.id ?? SM2_DEFAULT_ID,
  });
  const sig = hexToBytes(sigHex, 'SM2 signature');
  if (sig.length !== 64) throw new CryptoError('SM2 signer returned a malformed signature');
  return sig;
}

/** SM2 signature with a caller-chosen nonce k (BigInt reference code): for standard test vectors only. */
export function sm2SignWithK(
  privateHex: string,
  data: Uint8Array | string,
  k: bigint,
  opts: Sm2SignOptions = {},
): Buffer {
  const d = normalizeSm2PrivateHex(privateHex);
  const publicHex = opts.publicHex ? normalizeSm2PublicHex(opts.publicHex) : sm2PublicFromPrivate(d);
  const e = bytesToBigint(sm2Digest(publicHex, data, opts.id));
  const { r, s } = sm2SignDigestWithK(e, bytesToBigint(Buffer.from(d, 'hex')), k);
  return Buffer.concat([bigintToBytes(r, 32), bigintToBytes(s, 32)]);
}

/** Parses r and s from a raw 64-byte signature, or null if the length or range is wrong. */
function splitSignature(sig: Uint8Array): { r: bigint; s: bigint } | null {
  if (sig.length !== 64) return null;
  const r = bytesToBigint(sig.subarray(0, 32));
  const s = bytesToBigint(sig.subarray(32));
  // The library does not range-check; without this, s + n would be a second valid encoding (malleability).
  if (r < 1n || r >= SM2_CURVE.n || s < 1n || s >= SM2_CURVE.n) return null;
  return { r, s };
}

type Sm2PublicPoint = ReturnType<typeof smCrypto.precomputePublicKey>;
const precomputed = new Map<string, Sm2PublicPoint>();
const PRECOMPUTE_CACHE_MAX = 256;

/** A public point with precomputed multiples (verification ~2× faster), cached per key. */
function publicPoint(publicHex: string): Sm2PublicPoint {
  let point = precomputed.get(publicHex);
  if (!point) {
    point = smCrypto.precomputePublicKey(publicHex);
    if (precomputed.size >= PRECOMPUTE_CACHE_MAX) precomputed.clear();
    precomputed.set(publicHex, point);
  }
  return point;
}

/** Verifies a raw r ‖ s SM2 signature (Z_A over `id`); false for any malformed input, never throws. */
export function sm2Verify(
  publicHex: string,
  data: Uint8Array | string,
  signature: Uint8Array,
  opts: { id?: string } = {},
): boolean {
  if (!splitSignature(signature)) return false;
  try {
    const pub = normalizeSm2PublicHex(publicHex);
    return smCrypto.doVerifySignature(
      toBytes(data),
      Buffer.from(signature).toString('hex'),
      publicPoint(pub),
      {
        hash: true,
        userId: opts.id ?? SM2_DEFAULT_ID,
      },
    );
  } catch {
    return false;
  }
}

/** Verifies with the BigInt reference code: an independent second opinion for tests. */
export function sm2VerifyReference(
  publicHex: string,
  data: Uint8Array | string,
  signature: Uint8Array,
  opts: { id?: string } = {},
): boolean {
  const rs = splitSignature(signature);
  if (!rs) return false;
  try {
    const pub = normalizeSm2PublicHex(publicHex);
    const e = bytesToBigint(sm2Digest(pub, data, opts.id));
    const P = { x: BigInt(`0x${pub.slice(2, 66)}`), y: BigInt(`0x${pub.slice(66)}`) };
    return sm2VerifyDigest(e, P, rs.r, rs.s);
  } catch {
    return false;
  }
}

/** SM2 public-key encryption (GB/T 32918.4), output C1 (65 bytes, 04‖x‖y) ‖ C3 (32) ‖ C2 (plaintext length). */
export function sm2Encrypt(publicHex: string, plaintext: Uint8Array): Buffer {
  if (plaintext.length === 0) throw new CryptoError('SM2 encryption of an empty message is not supported');
  const pub = normalizeSm2PublicHex(publicHex);
  // cipherMode 1 = C1C3C2 (the 2012+ standard order); the library omits C1's 04 prefix, so it is added back.
  const hex = smCrypto.doEncrypt(Uint8Array.from(plaintext), publicPoint(pub), 1);
  return Buffer.concat([Buffer.from([4]), hexToBytes(hex, 'SM2 ciphertext')]);
}

/** Inverse of sm2Encrypt; throws CryptoError if C1 is invalid or the C3 check fails. */
export function sm2Decrypt(privateHex: string, ciphertext: Uint8Array): Buffer {
  const d = normalizeSm2PrivateHex(privateHex);
  if (ciphertext.length < 65 + 32 + 1 || ciphertext[0] !== 4) {
    throw new CryptoError('SM2 ciphertext is malformed (expected 04‖x‖y ‖ C3 ‖ C2)');
  }
  let out: Uint8Array;
  try {
    // Validate C1 ourselves: the library would otherwise multiply an off-curve point.
    normalizeSm2PublicHex(Buffer.from(ciphertext.subarray(0, 65)).toString('hex'));
    out = smCrypto.doDecrypt(Buffer.from(ciphertext.subarray(1)).toString('hex'), d, 1, { output: 'array' });
  } catch (err) {
    throw new CryptoError('SM2 decryption failed', { cause: err });
  }
  // The library signals a C3 mismatch by returning an empty result rather than throwing.
  if (out.length !== ciphertext.length - 97) throw new CryptoError('SM2 decryption failed (integrity check)');
  return Buffer.from(out);
}
