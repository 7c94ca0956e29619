import { createPublicKey } from 'node:crypto';
import { compactVerify } from 'jose';
import { AppError, parsePublicKey, verifySignature } from '../../kernel/index.js';

// RFC 7523 client assertions: a compact JWS the client signs with its registered key. EdDSA (Ed25519) and
// ES256 (P-256) go through jose; SM2 keys use our documented 'SM2SM3' JOSE name (docs/crypto.md), which no
// library knows, so it is verified here with the kernel's SM2.

/** Claims we require in an assertion. */
export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat?: number;
  jti: string;
}

function bad(message: string): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

/** Reads the unverified 'sub' so the client (and its key) can be looked up. */
export function assertionSubject(assertion: string): string {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw bad('Malformed client assertion.');
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sub?: unknown };
    if (typeof claims.sub !== 'string') throw new Error('no sub');
    return claims.sub;
  } catch {
    throw bad('Malformed client assertion.');
  }
}

/** Verifies an assertion's signature with the registered key and checks iss/sub/aud/exp/jti. */
export async function verifyAssertion(
  assertion: string,
  publicPem: string,
  clientId: string,
  audiences: string[],
  now: Date,
): Promise<AssertionClaims> {
  const [h, p, s] = assertion.split('.') as [string, string, string];
  let header: { alg?: string };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
  } catch {
    throw bad('Malformed client assertion.');
  }
  const key = parsePublicKey({ pem: publicPem });
  if (header.alg === 'SM2SM3') {
    if (key.alg !== 'SM2' || !verifySignature(key, `${h}.${p}`, Buffer.from(s, 'base64url'))) {
      throw bad('Client assertion signature is invalid.');
    }
  } else {
    try {
      await compactVerify(assertion, createPublicKey(publicPem), { algorithms: ['EdDSA', 'ES256'] });
    } catch {
      throw bad('Client assertion signature is invalid.');
    }
  }
  let c: Partial<AssertionClaims>;
  try {
    c = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Partial<AssertionClaims>;
  } catch {
    throw bad('Malformed client assertion.');
  }
  const t = Math.floor(now.getTime() / 1000);
  if (c.iss !== clientId || c.sub !== clientId)
    throw bad('Client assertion iss and sub must be the client id.');
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a)))
    throw bad('Client assertion audience is wrong.');
  if (typeof c.exp !== 'number' || c.exp <= t - 30) throw bad('Client assertion has expired.');
  // Assertions are one-shot and short: more than 5 minutes ahead is refused so the replay cache stays small.
  if (c.exp > t + 300) throw bad('Client assertion lives too long (max 5 minutes).');
  if (typeof c.jti !== 'string' || c.jti.length < 8 || c.jti.length > 200)
    throw bad('Client assertion needs a jti.');
  return c as AssertionClaims;
}
