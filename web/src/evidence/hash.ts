// The two hash functions of Orderly's evidence: SHA-256 through WebCrypto and SM3 in TypeScript (sm3.ts).
// A log's tree uses one of them (named by its checkpoint origin); a notarised file's digest names its own.
import type { Bytes } from './bytes.js';
import { Sm3 } from './sm3.js';

/** The hash algorithms of logs and file digests. */
export type HashAlg = 'sha256' | 'sm3';

/** A hash function over bytes (async: WebCrypto is). */
export type Hasher = (data: Bytes) => Promise<Bytes>;

async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

async function sm3(data: Bytes): Promise<Bytes> {
  return new Sm3().update(data).digest();
}

/** The hasher of an algorithm. */
export function hasherFor(alg: HashAlg): Hasher {
  return alg === 'sm3' ? sm3 : sha256;
}

/** The display name of an algorithm. */
export function hashAlgName(alg: HashAlg): string {
  return alg === 'sm3' ? 'SM3' : 'SHA-256';
}
