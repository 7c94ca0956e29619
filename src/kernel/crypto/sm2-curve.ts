// Reference arithmetic over the SM2 curve sm2p256v1 (GB/T 32918.5) with plain BigInt, affine coordinates.
// Why it exists: (1) validating and decompressing *public* points without trusting a library; (2) an
// independent signer/verifier that accepts a caller-chosen k, so the standard's worked example can be checked.
// It is NOT constant-time: never use it with production private keys (sm2.ts uses sm-crypto-v2 for that).
import { CryptoError } from './errors.js';

/** Domain parameters of sm2p256v1 (GB/T 32918.5-2017, also OpenSSL's "SM2" curve). */
export const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

/** An affine point; null is the point at infinity. */
export type Sm2Point = { x: bigint; y: bigint } | null;

const { p, a, b, n } = SM2_CURVE;
const G: Sm2Point = { x: SM2_CURVE.gx, y: SM2_CURVE.gy };

/** Non-negative remainder. */
export function mod(v: bigint, m: bigint): bigint {
  const r = v % m;
  return r < 0n ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm (m prime, v ≠ 0 mod m). */
export function invMod(v: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(v, m), m];
  let [s0, s1] = [1n, 0n];
  if (r0 === 0n) throw new CryptoError('no inverse of zero');
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

/** base^exp mod m by square-and-multiply. */
function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let x = mod(base, m);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * x) % m;
    x = (x * x) % m;
  }
  return result;
}

/** True if the point satisfies y² = x³ + ax + b over F_p (infinity counts as on the curve). */
export function isOnCurve(P: Sm2Point): boolean {
  if (P === null) return true;
  if (P.x < 0n || P.x >= p || P.y < 0n || P.y >= p) return false;
  return mod(P.y * P.y - (P.x * P.x * P.x + a * P.x + b), p) === 0n;
}

/** Adds two points (handles doubling and inverses). */
export function pointAdd(P: Sm2Point, Q: Sm2Point): Sm2Point {
  if (P === null) return Q;
  if (Q === null) return P;
  let lambda: bigint;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y, p) === 0n) return null;
    lambda = mod((3n * P.x * P.x + a) * invMod(2n * P.y, p), p);
  } else {
    lambda = mod((Q.y - P.y) * invMod(Q.x - P.x, p), p);
  }
  const x = mod(lambda * lambda - P.x - Q.x, p);
  return { x, y: mod(lambda * (P.x - x) - P.y, p) };
}

/** Scalar multiplication k·P by left-to-right double-and-add. */
export function scalarMult(k: bigint, P: Sm2Point): Sm2Point {
  let R: Sm2Point = null;
  for (let i = BigInt(k.toString(2).length) - 1n; i >= 0n; i--) {
    R = pointAdd(R, R);
    if ((k >> i) & 1n) R = pointAdd(R, P);
  }
  return R;
}

/** k·G for the SM2 base point. */
export function baseMult(k: bigint): Sm2Point {
  return scalarMult(mod(k, n), G);
}

/** Recovers y from x and the parity bit of a compressed point (p ≡ 3 mod 4, so √c = c^((p+1)/4)). */
export function decompressPoint(x: bigint, odd: boolean): Sm2Point {
  if (x < 0n || x >= p) throw new CryptoError('SM2 point x coordinate out of range');
  const c = mod(x * x * x + a * x + b, p);
  let y = powMod(c, (p + 1n) / 4n, p);
  if ((y * y) % p !== c) throw new CryptoError('SM2 compressed point is not on the curve');
  if (((y & 1n) === 1n) !== odd) y = p - y;
  return { x, y };
}

/** Signs the digest e = SM3(Z_A ‖ M) with private scalar d and the given nonce k (GB/T 32918.2 §6.1). */
export function sm2SignDigestWithK(e: bigint, d: bigint, k: bigint): { r: bigint; s: bigint } {
  if (d < 1n || d > n - 2n) throw new CryptoError('SM2 private key out of range [1, n-2]');
  if (k < 1n || k > n - 1n) throw new CryptoError('SM2 nonce k out of range [1, n-1]');
  const kG = baseMult(k);
  if (kG === null) throw new CryptoError('SM2 nonce gives the point at infinity');
  const r = mod(e + kG.x, n);
  if (r === 0n || r + k === n)
    throw new CryptoError('SM2 nonce k is unusable (r = 0 or r + k = n); pick another');
  const s = mod(invMod(1n + d, n) * (k - r * d), n);
  if (s === 0n) throw new CryptoError('SM2 nonce k is unusable (s = 0); pick another');
  return { r, s };
}

/** Verifies (r, s) over digest e against public point P (GB/T 32918.2 §7.1). */
export function sm2VerifyDigest(e: bigint, P: Sm2Point, r: bigint, s: bigint): boolean {
  if (P === null || !isOnCurve(P)) return false;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const X = pointAdd(baseMult(s), scalarMult(t, P));
  if (X === null) return false;
  return mod(e + X.x, n) === r;
}
