// Byte helpers of the browser-side evidence verifier: UTF-8, strict base64 (as the signed-note format
// requires it), hex, concatenation and big-endian integers. No Node Buffer: this runs in the browser.
//
// The files of web/src/evidence/ import each other with a `.js` suffix: besides the console (bundler
// resolution), the unit tests under test/web/ compile them with the root NodeNext configuration.

/** Bytes backed by a plain ArrayBuffer (what WebCrypto accepts). */
export type Bytes = Uint8Array<ArrayBuffer>;

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The UTF-8 encoding of a string. */
export function utf8(s: string): Bytes {
  return new Uint8Array(new TextEncoder().encode(s));
}

/** Standard padded base64 (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Strict base64: padding required, no whitespace, no non-zero spare bits; null otherwise. */
export function decodeBase64(s: unknown): Bytes | null {
  if (typeof s !== 'string' || !BASE64_RE.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Re-encoding catches spare bits: "AQJ=" and "AQI=" would otherwise decode to the same bytes.
  return encodeBase64(out) === s ? out : null;
}

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Concatenation of byte strings. */
export function concatBytes(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte equality (the values are public: constant time is not needed). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The big-endian unsigned integer in bytes [at, at + n), n ≤ 8, or null beyond 2^53 − 1. */
export function readUintBE(bytes: Uint8Array, at: number, n: number): number | null {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + (bytes[at + i] ?? 0);
  return Number.isSafeInteger(v) ? v : null;
}
