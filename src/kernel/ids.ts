import { randomBytes, randomFillSync } from 'node:crypto';

// Ids are UUIDv7 (RFC 9562): time-ordered, so they index well on both engines and sort by creation.

let lastMs = 0;
let seq = 0;

// Random bytes for ids come from a pool refilled 4 KiB at a time from the same CSPRNG: one call into the
// generator per 256 ids instead of two per id (a busy exchange makes several ids per request).
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

/** n fresh random bytes (n ≤ 64), copied out of the pool. */
export function poolRandom(n: number): Buffer {
  if (poolAt + n > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const out = Buffer.from(POOL.subarray(poolAt, poolAt + n));
  // Each byte is handed out once.
  poolAt += n;
  return out;
}

/** A new UUIDv7 string; monotonic within the process. */
export function newId(now: number = Date.now()): string {
  if (now <= lastMs) {
    seq++;
    now = lastMs;
  } else {
    lastMs = now;
    seq = poolRandom(2).readUInt16BE(0) & 0x7ff;
  }
  const b = poolRandom(16);
  b.writeUIntBE(now, 0, 6);
  // 12 bits of sequence in rand_a keep ids monotonic when many are made in one millisecond.
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True for a lowercase UUID string. */
export function isId(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** A random URL-safe token of n bytes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
