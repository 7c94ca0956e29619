import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { saltedDigest } from './audit.js';
import { canonicalJson } from './jcs.js';

// saltedDigest writes salt ‖ JCS into a shared buffer and digests it in one call; a court recomputes it with any
// tool that hashes the salt bytes followed by the UTF-8 JCS text. Both must agree for every size, including
// changes larger than the shared buffer, one after another (the buffer is reused).

/** The digest as public tools compute it. */
function reference(alg: 'sha256' | 'sm3', salt: Buffer, object: unknown): string {
  return createHash(alg).update(salt).update(canonicalJson(object), 'utf8').digest('hex');
}

describe('saltedDigest', () => {
  it('equals H(salt ‖ UTF-8 JCS) for small, non-ASCII, large and again small changes', () => {
    const changes: unknown[] = [
      { role: 'steward' },
      { name: '示例名称 😀', fields: ['status', 'owner'], n: 1.5 },
      { blob: 'x'.repeat(5000), more: '段'.repeat(30_000) },
      { big: 'é'.repeat(100_000) },
      { role: 'steward', z: null },
      {},
    ];
    for (const alg of ['sha256', 'sm3'] as const) {
      for (const change of changes) {
        const salt = randomBytes(16);
        expect(saltedDigest(alg, salt, change)).toBe(reference(alg, salt, change));
      }
    }
  });

  it('depends on every salt byte', () => {
    const salt = randomBytes(16);
    const d = saltedDigest('sha256', salt, { a: 1 });
    for (let i = 0; i < 16; i++) {
      const other = Buffer.from(salt);
      other[i]! ^= 1;
      expect(saltedDigest('sha256', other, { a: 1 })).not.toBe(d);
    }
  });
});
