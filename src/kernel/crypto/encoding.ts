// Byte-level helpers shared by the crypto kernel: input normalisation, strict hex, PEM armour, a minimal DER
// reader (enough for SPKI, PKCS#8 and ECDSA-style signatures) and constant-time comparison.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoError } from './errors.js';

/** Normalises an input to a Buffer: strings are UTF-8, byte arrays are viewed without copying. */
export function toBytes(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/** Decodes hex strictly (Buffer.from silently truncates at the first bad digit, which hides corrupt keys). */
export function hexToBytes(hex: string, what = 'hex value'): Buffer {
  if (!HEX_RE.test(hex)) throw new CryptoError(`${what} is not an even-length hexadecimal string`);
  return Buffer.from(hex, 'hex');
}

/** Big-endian fixed-width bytes of a non-negative bigint (throws if it does not fit). */
export function bigintToBytes(value: bigint, length: number): Buffer {
  const hex = value.toString(16).padStart(length * 2, '0');
  if (value < 0n || hex.length > length * 2) throw new CryptoError(`integer does not fit in ${length} bytes`);
  return Buffer.from(hex, 'hex');
}

/** Unsigned big-endian bytes to bigint. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** 8-byte big-endian length prefix, used to make concatenations inside MACs unambiguous. */
export function u64be(n: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(n));
  return out;
}

/** Wraps DER bytes in PEM armour with 64-character lines (the form OpenSSL writes). */
export function derToPem(der: Uint8Array, label: string): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}

/** Extracts the DER bytes and label of a single PEM block; rejects anything else with a clear message. */
export function pemToDer(pem: string): { label: string; der: Buffer } {
  const m = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\s]+?)-----END \1-----\s*$/.exec(pem);
  if (!m || m[1] === undefined || m[2] === undefined) throw new CryptoError('not a PEM block');
  const b64 = m[2].replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0)
    throw new CryptoError('PEM body is not base64');
  return { label: m[1], der: Buffer.from(b64, 'base64') };
}

/** One DER element: tag byte and the [start, end) range of its contents within the parsed buffer. */
export interface DerNode {
  tag: number;
  start: number;
  end: number;
}

/** Reads the DER element at `offset` (definite lengths only, as DER requires). */
export function derRead(buf: Uint8Array, offset: number, limit = buf.length): DerNode {
  const tag = buf[offset];
  let len = buf[offset + 1];
  if (tag === undefined || len === undefined) throw new CryptoError('truncated DER');
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3) throw new CryptoError('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) {
      const b = buf[start + i];
      if (b === undefined) throw new CryptoError('truncated DER');
      len = len * 256 + b;
    }
    if (len < 0x80 || buf[start] === 0) throw new CryptoError('non-minimal DER length');
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new CryptoError('truncated DER');
  return { tag, start, end };
}

/** Reads all direct children of a constructed DER element. */
export function derChildren(buf: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let off = node.start; off < node.end;) {
    const child = derRead(buf, off, node.end);
    out.push(child);
    off = child.end;
  }
  return out;
}

/** Encodes a DER length prefix. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes one DER element from a tag and its contents. */
export function derElement(tag: number, contents: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(contents.length), contents]);
}

/** Encodes an unsigned big-endian integer as a minimal DER INTEGER. */
function derUnsignedInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const body = Buffer.from(bytes.subarray(i));
  const first = body[0] ?? 0;
  return derElement(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

/** Converts a raw r ‖ s signature (2×32 bytes) to DER SEQUENCE { r INTEGER, s INTEGER } as OpenSSL expects. */
export function signatureRawToDer(raw: Uint8Array): Buffer {
  if (raw.length !== 64) throw new CryptoError('raw signature must be 64 bytes (r ‖ s)');
  const seq = Buffer.concat([derUnsignedInteger(raw.subarray(0, 32)), derUnsignedInteger(raw.subarray(32))]);
  return derElement(0x30, seq);
}

/** Converts a strict DER SEQUENCE { r, s } signature back to raw r ‖ s (64 bytes). */
export function signatureDerToRaw(der: Uint8Array): Buffer {
  const seq = derRead(der, 0);
  if (seq.tag !== 0x30 || seq.end !== der.length) throw new CryptoError('signature is not a DER SEQUENCE');
  const ints = derChildren(der, seq);
  if (ints.length !== 2) throw new CryptoError('DER signature must hold exactly two INTEGERs');
  const parts = ints.map((node) => {
    let body = Buffer.from(der.subarray(node.start, node.end));
    if (node.tag !== 0x02 || body.length === 0 || (body[0] ?? 0) & 0x80) {
      throw new CryptoError('DER signature holds a non-positive or malformed INTEGER');
    }
    if (body.length > 1 && body[0] === 0 && !((body[1] ?? 0) & 0x80)) {
      throw new CryptoError('DER signature INTEGER is not minimal');
    }
    if (body[0] === 0) body = body.subarray(1);
    if (body.length > 32) throw new CryptoError('DER signature INTEGER is longer than 32 bytes');
    return Buffer.concat([Buffer.alloc(32 - body.length), body]);
  });
  return Buffer.concat(parts);
}

/** Fresh random bytes from the OS CSPRNG (default 32: a 256-bit secret). */
export function randomSecret(bytes = 32): Buffer {
  if (!Number.isInteger(bytes) || bytes < 1)
    throw new CryptoError('randomSecret needs a positive byte count');
  return randomBytes(bytes);
}

/** Compares two hex strings (case-insensitive) in time independent of where they differ. */
export function timingSafeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  // Lengths of MACs/digests are public, so an early length check leaks nothing useful.
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}
