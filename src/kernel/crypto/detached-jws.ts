import { CryptoError } from './errors.js';
import { signWith, verifySignature } from './signatures.js';
import type { KeyPairInfo, PublicKeyInfo } from './types.js';

// Signed responses: a detached JWS with an unencoded payload (RFC 7515 Appendix F + RFC 7797). The signature
// covers the exact bytes the client received — no re-serialisation, and no base64 of a body that can be a
// thousand rows. The protected header is {"alg","kid","b64":false,"crit":["b64"]}; the signing input is
// ASCII(BASE64URL(header)) ‖ '.' ‖ body; the JWS is `<header>..<signature>` (empty payload part). `alg` is
// EdDSA (Ed25519) or Orderly's SM2SM3 (docs/crypto.md §2: raw r ‖ s over SM3 with the default ID).

/** The JOSE algorithm for a signing key. */
export function jwsAlgOf(key: PublicKeyInfo): 'EdDSA' | 'SM2SM3' {
  if (key.alg === 'Ed25519') return 'EdDSA';
  if (key.alg === 'SM2') return 'SM2SM3';
  throw new CryptoError(`${key.alg} keys cannot sign a JWS`);
}

const b64url = (b: Buffer) => b.toString('base64url');

/** Signs `payload` (the exact response bytes) as a detached, unencoded-payload compact JWS. */
export function signDetachedJws(key: KeyPairInfo, kid: string, payload: Buffer): string {
  const header = b64url(Buffer.from(JSON.stringify({ alg: jwsAlgOf(key), kid, b64: false, crit: ['b64'] })));
  const signature = signWith(key, Buffer.concat([Buffer.from(`${header}.`, 'ascii'), payload]));
  return `${header}..${b64url(signature)}`;
}

/** What a verification found. */
export type DetachedJwsCheck = { ok: true; kid: string; alg: string } | { ok: false; reason: string };

/** Verifies a detached JWS over `payload` with the key its `kid` names (`keyFor` returns undefined if unknown). */
export function verifyDetachedJws(
  jws: string,
  payload: Buffer,
  keyFor: (kid: string) => PublicKeyInfo | undefined,
): DetachedJwsCheck {
  const m = /^([A-Za-z0-9_-]+)\.\.([A-Za-z0-9_-]+)$/.exec(jws);
  if (!m) return { ok: false, reason: 'not a detached compact JWS' };
  let header: { alg?: unknown; kid?: unknown; b64?: unknown; crit?: unknown };
  try {
    header = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as typeof header;
  } catch {
    return { ok: false, reason: 'the header is not JSON' };
  }
  if (header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64'))
    return { ok: false, reason: 'the header must declare an unencoded payload (b64: false, crit: [b64])' };
  if (typeof header.kid !== 'string') return { ok: false, reason: 'the header has no kid' };
  const key = keyFor(header.kid);
  if (!key) return { ok: false, reason: `unknown key ${header.kid}` };
  if (header.alg !== jwsAlgOf(key))
    return { ok: false, reason: `alg ${String(header.alg)} does not fit the key` };
  const input = Buffer.concat([Buffer.from(`${m[1]!}.`, 'ascii'), payload]);
  return verifySignature(key, input, Buffer.from(m[2]!, 'base64url'))
    ? { ok: true, kid: header.kid, alg: jwsAlgOf(key) }
    : { ok: false, reason: 'bad signature' };
}
