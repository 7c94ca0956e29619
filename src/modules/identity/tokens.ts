import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError, type PlatformKeyring } from '../../kernel/index.js';

// Access tokens are EdDSA JWTs signed with the keyring's 'token' key; the key id travels in the header so
// tokens signed before a rotation still verify against the retired public key.

const ISSUER = 'orderly';

/** Claims of a platform access token. */
export interface AccessClaims {
  sub: string;
  kind: 'user' | 'client' | 'totp-enroll';
  org: string;
  sid?: string;
  scope?: string;
  mfa?: boolean;
  /** Expiry, seconds since the epoch (set by signToken; always present on a verified token). */
  exp?: number;
}

/** Signs a token with the current token key. */
export async function signToken(
  keyring: PlatformKeyring,
  claims: AccessClaims,
  ttlSeconds: number,
  now: Date,
): Promise<string> {
  const key = keyring.current('token');
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.id, typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(createPrivateKey(key.privatePem));
}

// Parsed public keys by key id: PEM parsing per request would dominate token verification.
const publicKeyCache = new Map<string, KeyObject>();

function publicKeyFor(keyring: PlatformKeyring, kid: string | undefined): KeyObject {
  const cached = kid ? publicKeyCache.get(kid) : undefined;
  if (cached) return cached;
  const k = keyring.publicKeys('token').find((p) => p.id === kid);
  if (!k || !kid) throw new AppError('UNAUTHENTICATED', 'Unknown token key.');
  const key = createPublicKey(k.publicPem);
  publicKeyCache.set(kid, key);
  return key;
}

/** Verifies a token's signature, issuer and expiry (at the injected time); throws 401 otherwise. */
export async function verifyToken(keyring: PlatformKeyring, token: string, now: Date): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, (header) => publicKeyFor(keyring, header.kid), {
      issuer: ISSUER,
      algorithms: ['EdDSA'],
      currentDate: now,
      typ: 'at+jwt',
    });
    if (
      typeof payload.sub !== 'string' ||
      typeof payload.kind !== 'string' ||
      typeof payload.org !== 'string'
    ) {
      throw new AppError('UNAUTHENTICATED', 'Malformed token.');
    }
    return payload as unknown as AccessClaims;
  } catch (e) {
    if (e instanceof AppError) throw e;
    const expired = e instanceof errors.JWTExpired;
    throw new AppError(
      'UNAUTHENTICATED',
      expired ? 'The access token has expired.' : 'Invalid access token.',
    );
  }
}
